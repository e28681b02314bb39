// A failed step reports AWS's own error code and message, and says what to do about it.
import { CREDENTIAL_FAILURES, NEEDS_LABBOOK_SERVER } from '../cloud/clients.ts';
import { RELAY_LIMIT_HEADER } from '../server/info-api.ts';
import { CHECK_NOT_LOADED, CHECK_NOT_LOADED_HINT } from './check-not-loaded.ts';

/** An error a step raises itself (not AWS's), named like AWS's errors. */
export class StepError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

export interface StepFailure {
  /** AWS's error code (e.g. AccessDeniedException), or the step's own. */
  code: string;
  message: string;
  /** What the student can do about it. */
  hint: string;
  /** The credentials stopped working: new ones, then Retry, resume the step. */
  credentials: boolean;
}

/** AWS's answers to credentials it will not take, and the SDK's when it has none to sign with. */
const CREDENTIAL_CODES = new Set([...CREDENTIAL_FAILURES, 'MissingAuthenticationToken', 'IncompleteSignature', 'CredentialsProviderError']);

const THROTTLING_CODES = new Set(['TooManyRequestsException', 'ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded']);

/** AWS refused the call for its rate, not for what it asked: the same call succeeds a little later. */
export const isThrottling = (error: unknown): boolean => THROTTLING_CODES.has((error as { name?: string })?.name ?? '');

export const LAB_ROLE_HINT = 'In the Learner Lab only LabRole can be used: set the role to arn:aws:iam::<account>:role/LabRole and Retry.';

// Hints serve every widget, not only steps (whose button then reads Retry), so they say
// "try again" unless they speak of resuming a step.
function hintFor(code: string, message: string): string {
  if (CREDENTIAL_CODES.has(code)) {
    return 'Your credentials have expired or are not valid. Paste new ones in the target panel at the top of the page, then press Retry: the step picks up where it stopped.';
  }
  if (/role/i.test(message) && (code === 'AccessDeniedException' || code === 'InvalidParameterValueException')) return LAB_ROLE_HINT;
  if (code === 'AccessDeniedException' || code === 'AccessDenied') {
    return 'Your account may not do this. A Learner Lab account allows only some actions; check the names and the region (us-east-1 or us-west-2).';
  }
  if (code === 'ResourceInUseException') return 'The table is busy being created or deleted. Wait a few seconds and try again.';
  if (code === 'ResourceConflictException') return 'The function is still being created or updated. Wait a few seconds and try again.';
  if (code === 'ResourceNotFoundException')
    return 'It does not exist (yet) in this account and region. Run the step that creates it first, and check the name.';
  if (THROTTLING_CODES.has(code))
    return 'AWS is limiting how fast you may call it (a Learner Lab account runs at most 10 functions at once). Wait a moment and try again.';
  if (code === 'ValidationException' || code === 'InvalidParameterValueException' || code === 'SerializationException') {
    return 'AWS rejected one of the inputs: correct it and try again.';
  }
  if (code === 'NetworkError') return 'labbook could not reach the cloud. Is labbook’s server (and its sandbox) still running? Then try again.';
  if (code === 'WaitTimedOut') return 'It is taking longer than expected. Retry to keep waiting; nothing is created twice.';
  if (code === 'AbortError') return 'Stopped. Retry to carry on.';
  if (code === 'NoTarget') return 'Choose where to work in the target panel (the target button at the top of every page), then try again.';
  if (code === 'TargetUnavailable') return 'Do what the message says, then try again.';
  if (code === NEEDS_LABBOOK_SERVER) return 'Or do it from a terminal: a step’s AWS CLI commands do the same (shown with the step).';
  if (code === CHECK_NOT_LOADED) return CHECK_NOT_LOADED_HINT;
  return 'Read the message from AWS above, correct what it names, and try again.';
}

/** A fetch that never reached a server fails with a TypeError whose message the browser or Node chooses. */
function isNetworkFailure(error: { name?: string; message?: string }): boolean {
  return error.name === 'TypeError' && /fetch|network|load failed/i.test(error.message ?? '');
}

/**
 * A class server's relay answered itself, over one of its limits (server/hosting.ts), not
 * AWS: the SDK keeps the answer on the error it throws, as the hidden `$response`.
 */
function relayLimitHint(error: { $response?: { headers?: Record<string, string> } }): string | undefined {
  const limit = error.$response?.headers?.[RELAY_LIMIT_HEADER];
  if (!limit) return undefined;
  if (limit === 'body') return 'labbook’s class server forwards uploads up to a size, and this one is larger. Make it smaller and try again.';
  return 'labbook’s class server, which forwards your requests to AWS, limits how many each student sends at once. Wait a few seconds and try again.';
}

export function explainFailure(error: unknown): StepFailure {
  const e = (error ?? {}) as { name?: string; code?: string; message?: string; $response?: { headers?: Record<string, string> } };
  const code = isNetworkFailure(e) ? 'NetworkError' : ((e.name && e.name !== 'Error' ? e.name : e.code) ?? 'Error');
  const message = e.message || String(error);
  return { code, message, hint: relayLimitHint(e) ?? hintFor(code, message), credentials: CREDENTIAL_CODES.has(code) };
}

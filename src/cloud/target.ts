// The shared target and what a student can do with it: use the sandbox, use
// their AWS credentials, check them, forget them. Widgets read `$target`
// (nanostores) and get their SDK clients from clients.ts.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { CREDENTIAL_FAILURES, cloudClient } from './clients.ts';
import type { ParsedCredentials } from './credentials-parse.ts';
import { $target, SIGNED_OUT, setTarget, type Target } from './target-state.ts';
import { rememberSandboxChosen } from './target-storage.ts';

export { $target } from './target-state.ts';
export { useSandbox, type SandboxCredentialsOptions } from './target-sandbox.ts';
export type { Target, TargetKind } from './target-state.ts';
export { LEARNER_LAB_REGIONS } from '../sandbox/learner-lab/regions.ts';

export interface UseAwsOptions {
  /** Keep the credentials in localStorage (this device, across sessions) instead of sessionStorage. */
  remember?: boolean;
}

/** Switches to AWS with the pasted credentials and checks them with STS GetCallerIdentity. */
export function useAws(parsed: ParsedCredentials, region: string, { remember = false }: UseAwsOptions = {}): Promise<void> {
  const credentials = {
    accessKeyId: parsed.accessKeyId,
    secretAccessKey: parsed.secretAccessKey,
    ...(parsed.sessionToken && { sessionToken: parsed.sessionToken }),
  };
  rememberSandboxChosen(false);
  setTarget({ kind: 'aws', region, credentials, status: 'checking', remember });
  return checkTarget();
}

/** Asks STS who the credentials belong to: `ready` with the account and role, or `expired`/`invalid` with AWS's reason. */
export async function checkTarget(): Promise<void> {
  const checked = $target.get();
  if (!checked.credentials) return;
  setTarget({ ...checked, status: 'checking', problem: undefined });
  const checking = $target.get();
  const settle = (next: Partial<Target>) => {
    const now = $target.get();
    // A later paste, switch or Forget wins over this answer.
    if (now.credentials === checking.credentials && now.kind === checking.kind) setTarget({ ...now, ...next });
  };
  try {
    const answer = await cloudClient(STSClient, { maxAttempts: 2 }).send(new GetCallerIdentityCommand({}));
    settle({ status: 'ready', identity: { account: answer.Account ?? '', arn: answer.Arn ?? '' }, problem: undefined });
  } catch (error) {
    const { name, message } = error as Error;
    const expired = name === 'ExpiredToken' || name === 'ExpiredTokenException';
    const refused = CREDENTIAL_FAILURES.has(name);
    settle({
      status: expired ? 'expired' : 'invalid',
      problem: refused ? `${name}: ${message}` : `The check did not get through: ${message}`,
    });
  }
}

/** Moves the current credentials to another region and checks them there. */
export function useRegion(region: string): Promise<void> {
  setTarget({ ...$target.get(), region });
  return checkTarget();
}

/** Moves AWS credentials between sessionStorage and localStorage ("remember on this device"). */
export function setRemember(remember: boolean): void {
  setTarget({ ...$target.get(), remember });
}

/** Removes the credentials from memory and from both storages; the choice of kind and region stays for this page. */
export function forget(): void {
  rememberSandboxChosen(false);
  const { kind, region } = $target.get();
  setTarget({ ...SIGNED_OUT, kind, region });
}

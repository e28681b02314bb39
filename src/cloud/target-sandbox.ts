// The sandbox as the target: fresh credentials from labbook's server in one click, and
// again by itself in every new tab or reopened browser once the student has chosen the
// sandbox on this device. Only the choice is kept (target-storage.ts); keys are fetched
// anew each time, through the site's access check. No SDK here: the header's indicator
// runs it on every page.
import { serverInfo } from './server-info.ts';
import { $target, DEFAULT_REGION, setTarget, type Target } from './target-state.ts';
import { rememberSandboxChosen } from './target-storage.ts';
import type { IssuedCredentials } from '../sandbox/credentials/store.ts';

/** The sandbox's answer to a credentials request (sandbox/credentials/endpoint.ts); a refusal carries only `message`. */
type CredentialsAnswer = IssuedCredentials & { region?: string };

export interface SandboxCredentialsOptions {
  /** Lifetime of the credentials; the sandbox's default (LABBOOK_CREDENTIALS_SECONDS, 4 hours) when left out. */
  durationSeconds?: number;
}

/** Switches to the sandbox with fresh credentials from it (one click in the panel). */
export async function useSandbox(options: SandboxCredentialsOptions = {}): Promise<void> {
  const checking: Target = { kind: 'sandbox', region: $target.get().kind === 'sandbox' ? $target.get().region : DEFAULT_REGION, status: 'checking' };
  setTarget(checking);
  const settle = (next: Target) => {
    if ($target.get() === checking) setTarget(next);
  };
  const info = await serverInfo();
  if (!info.sandbox) {
    const problem = info.sandboxProblem ?? 'There is no sandbox here: this page is not served by labbook’s server (npm start). Use AWS instead.';
    return settle({ ...checking, status: 'invalid', problem });
  }
  try {
    const response = await fetch(info.sandbox.credentialsUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(options.durationSeconds === undefined ? {} : { durationSeconds: options.durationSeconds }),
      cache: 'no-store',
    });
    const answer = (await response.json()) as Partial<{ message: string }> | null;
    if (!response.ok) throw new Error(answer?.message ?? `the sandbox answered ${response.status}`);
    const issued = answer as CredentialsAnswer;
    const expiration = new Date(issued.expiration);
    rememberSandboxChosen(true);
    settle({
      kind: 'sandbox',
      region: issued.region ?? info.sandbox.region,
      credentials: { accessKeyId: issued.accessKeyId, secretAccessKey: issued.secretAccessKey, sessionToken: issued.sessionToken, expiration },
      identity: { account: issued.accountId, arn: issued.arn },
      status: expiration.getTime() > Date.now() ? 'ready' : 'expired',
    });
  } catch (error) {
    settle({ ...checking, status: 'invalid', problem: `The sandbox gave no credentials: ${(error as Error).message}` });
  }
}

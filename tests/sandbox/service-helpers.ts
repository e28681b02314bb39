// Helpers the service test files share: an SDK call's AWS error, a data
// folder for restart tests, and the AWS CLI v2 pointed at a sandbox.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestSandbox } from './harness.ts';

const run = promisify(execFile);

/** The error an SDK call failed with, as a user reads it: code, message and HTTP status. */
export async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  const error = await promise.then(
    () => undefined,
    (e) => e,
  );
  if (!error) throw new Error('expected the call to fail');
  return { name: error.name, message: error.message, status: error.$metadata?.httpStatusCode };
}

/** Runs `body` with a fresh data folder, removed afterwards. */
export async function withDataDir(body: (dataDir: string) => Promise<void>): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'labbook-sandbox-'));
  try {
    await body(dataDir);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** `aws <args> --endpoint-url <sandbox> --output json` with the sandbox's credentials; its JSON output parsed. */
export function awsCli(sandbox: TestSandbox) {
  return async (...args: string[]) => {
    const { stdout } = await run('/usr/bin/aws', [...args, '--endpoint-url', sandbox.url, '--output', 'json'], { env: sandbox.awsEnv() });
    return stdout.trim() ? JSON.parse(stdout) : undefined;
  };
}

/** The AWS CLI's error output for a command that fails. */
export async function awsCliError(sandbox: TestSandbox, ...args: string[]): Promise<string> {
  const failed = await run('/usr/bin/aws', [...args, '--endpoint-url', sandbox.url], { env: sandbox.awsEnv() }).then(
    () => undefined,
    (e) => e,
  );
  if (!failed) throw new Error('expected the command to fail');
  return failed.stderr;
}

// Runs a step's CLI text as a student would paste it: bash, the AWS CLI v2 at /usr/bin/aws
// (not the pyenv shim's v1 that comes first on this machine's PATH), credentials from the
// environment, and the --endpoint-url the text itself carries for the sandbox.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { TestSandbox } from './harness.ts';

const run = promisify(execFile);

export async function runCliText(sandbox: TestSandbox, text: string, cwd?: string): Promise<string> {
  // No AWS_ENDPOINT_URL: the text must carry the sandbox's address itself.
  const env: NodeJS.ProcessEnv = { ...sandbox.awsEnv(), PATH: '/usr/bin:/bin' };
  delete env.AWS_ENDPOINT_URL;
  // A guard against a hang, not a measure: a whole sequence's script (a few dozen `aws` start-ups)
  // ran past 240 s on a loaded machine.
  const { stdout } = await run('bash', ['-e', '-o', 'pipefail', '-c', text], { env, cwd, timeout: 540_000 });
  return stdout;
}

// Removes lab resources from the test server's sandbox, through the steps' own remove(), so
// a spec that makes them can start from nothing even on a server that ran it before; and
// makes one the CLI way, from a step's own CLI text, as a student who pastes it would.
import type { APIRequestContext } from '@playwright/test';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { AnyStep, Place, StepContext } from '../../src/steps/model.ts';
import { dynamoTableStep } from '../../src/steps/resources/dynamodb-table.ts';
import { lambdaFunctionStep, type FunctionInputs } from '../../src/steps/resources/lambda-function.ts';
import { renderScript } from '../../src/steps/shells.ts';

const run = promisify(execFile);

interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

/** The test server's sandbox as a place, with fresh credentials for it. */
async function sandboxAccess(request: APIRequestContext): Promise<{ place: Place; credentials: Credentials }> {
  const { endpoint, region, accountId, credentialsUrl } = await (await request.get('/api/sandbox')).json();
  const { accessKeyId, secretAccessKey, sessionToken } = await (await request.post(credentialsUrl, { data: {} })).json();
  return {
    place: { targetKey: `sandbox:${accountId}`, account: accountId, region, endpointUrl: endpoint },
    credentials: { accessKeyId, secretAccessKey, sessionToken },
  };
}

export async function sandboxContext(request: APIRequestContext): Promise<StepContext> {
  const { place, credentials } = await sandboxAccess(request);
  return {
    ...place,
    client: (Client) => new Client({ endpoint: place.endpointUrl, region: place.region, credentials }),
    record: () => {},
    progress: () => {},
  };
}

/**
 * Runs the step's CLI text for bash with the lab's defaults, as a student pastes it: the AWS CLI
 * v2 at /usr/bin/aws, credentials from the environment, the sandbox's address in the text itself.
 */
export async function runStepCli(request: APIRequestContext, step: AnyStep): Promise<void> {
  const { place, credentials } = await sandboxAccess(request);
  const text = renderScript(step.cli(step.defaults(place), place), 'bash');
  const env = {
    PATH: '/usr/bin:/bin',
    HOME: process.env.HOME,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_SESSION_TOKEN: credentials.sessionToken,
    AWS_DEFAULT_REGION: place.region,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_PAGER: '',
  };
  await run('bash', ['-e', '-o', 'pipefail', '-c', text], { env, timeout: 60_000 });
}

const table = dynamoTableStep('cleanup/table', 'Remove a table', { tableName: '', partitionKey: 'thingID', keyType: 'S' });
const fn = lambdaFunctionStep('cleanup/function', 'Remove a function', () => ({}) as FunctionInputs);

export async function removeFromSandbox(request: APIRequestContext, { tables = [], functions = [] }: { tables?: string[]; functions?: string[] }) {
  const ctx = await sandboxContext(request);
  for (const tableName of tables) await table.remove(ctx, { ...table.defaults(ctx), tableName });
  for (const functionName of functions) await fn.remove(ctx, { functionName } as FunctionInputs);
}

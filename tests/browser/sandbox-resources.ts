// Removes lab resources from the test server's sandbox, through the steps' own remove(), so
// a spec that makes them can start from nothing even on a server that ran it before.
import type { APIRequestContext } from '@playwright/test';
import type { StepContext } from '../../src/steps/model.ts';
import { dynamoTableStep } from '../../src/steps/resources/dynamodb-table.ts';
import { lambdaFunctionStep, type FunctionInputs } from '../../src/steps/resources/lambda-function.ts';

export async function sandboxContext(request: APIRequestContext): Promise<StepContext> {
  const { endpoint, region, accountId, credentialsUrl } = await (await request.get('/api/sandbox')).json();
  const { accessKeyId, secretAccessKey, sessionToken } = await (await request.post(credentialsUrl, { data: {} })).json();
  return {
    targetKey: `sandbox:${accountId}`,
    account: accountId,
    region,
    endpointUrl: endpoint,
    client: (Client) => new Client({ endpoint, region, credentials: { accessKeyId, secretAccessKey, sessionToken } }),
    record: () => {},
    progress: () => {},
  };
}

const table = dynamoTableStep('cleanup/table', 'Remove a table', { tableName: '', partitionKey: 'thingID', keyType: 'S' });
const fn = lambdaFunctionStep('cleanup/function', 'Remove a function', () => ({}) as FunctionInputs);

export async function removeFromSandbox(request: APIRequestContext, { tables = [], functions = [] }: { tables?: string[]; functions?: string[] }) {
  const ctx = await sandboxContext(request);
  for (const tableName of tables) await table.remove(ctx, { ...table.defaults(ctx), tableName });
  for (const functionName of functions) await fn.remove(ctx, { functionName } as FunctionInputs);
}

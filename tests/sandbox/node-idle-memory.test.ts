// A warm Node.js environment gives back what its invocations grew once it has waited a
// moment without work (runtimes/node/bootstrap.mjs), and the handler sees nothing of how.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, expect, test } from 'vitest';
import { privateMemoryBytes } from '../../src/sandbox/runtimes/process-memory.ts';
import { onDemandTable } from './dynamodb-helpers.ts';
import { testSandbox, type TestSandbox } from './harness.ts';
import { decode, deploy } from './lambda-helpers.ts';

// A handler as the lab writes them: SDK calls to DynamoDB, whose short-lived objects grow
// the young generation to its limit.
const HANDLER = `import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import vm from 'node:vm';
const db = new DynamoDBClient({});
export async function handler({ table, calls }) {
  for (let i = 0; i < calls; i++) {
    const Key = { thingID: { S: 'item-' + i } };
    await db.send(new PutItemCommand({ TableName: table, Item: { ...Key, text: { S: 'x'.repeat(200) } } }));
    await db.send(new GetItemCommand({ TableName: table, Key }));
  }
  return { pid: process.pid, gc: typeof globalThis.gc, gcInNewContext: vm.runInNewContext('typeof gc') };
}
`;

const MiB = 2 ** 20;
const TABLE = 'idle-memory';

let sandbox: (TestSandbox & { close(): Promise<void> }) | undefined;
afterAll(() => sandbox?.close());

test.runIf(process.platform === 'linux')('an idle warm environment holds less than right after its invocation, and stays warm', async () => {
  sandbox = await testSandbox();
  const lambda = sandbox.client(LambdaClient);
  const name = await deploy(lambda, sandbox.accountId, { Runtime: 'nodejs20.x', Handler: 'index.handler', files: { 'index.mjs': HANDLER } });
  await sandbox.client(DynamoDBClient).send(onDemandTable(TABLE, 'thingID'));
  const invoke = async (calls: number) =>
    decode((await lambda.send(new InvokeCommand({ FunctionName: name, Payload: JSON.stringify({ table: TABLE, calls }) }))).Payload) as Record<string, unknown>;

  // As a route's warm environment serves a class: one short invocation after another.
  for (let i = 0; i < 300; i++) await invoke(1);
  const first = await invoke(1);
  expect(first).toMatchObject({ gc: 'undefined', gcInNewContext: 'undefined' });
  const pid = first.pid as number;
  const afterInvocation = privateMemoryBytes(pid)!;

  // The runtime collects after 2 s without work. V8's own memory reducer waits at least 8 s
  // (MemoryReducer's long delay), and may not act at all: in the peers benchmark, environments
  // that had served an HTTP load kept those pages for as long as they were watched (25 s).
  let idle = afterInvocation;
  for (const started = Date.now(); Date.now() - started < 6000 && idle > afterInvocation - 8 * MiB;) {
    await sleep(200);
    idle = privateMemoryBytes(pid)!;
  }
  expect(Math.round((afterInvocation - idle) / MiB), `${Math.round(afterInvocation / MiB)} MiB → ${Math.round(idle / MiB)} MiB`).toBeGreaterThanOrEqual(8);

  // The same environment takes the next invocation.
  expect((await invoke(1)).pid).toBe(pid);
});

test('a function started with --expose-gc keeps it, in its own contexts and in those it makes', async () => {
  sandbox ??= await testSandbox();
  const lambda = sandbox.client(LambdaClient);
  const name = await deploy(lambda, sandbox.accountId, {
    Runtime: 'nodejs20.x',
    Handler: 'index.handler',
    Environment: { Variables: { NODE_OPTIONS: '--expose-gc' } },
    files: { 'index.mjs': `import vm from 'node:vm';\nexport const handler = async () => [typeof globalThis.gc, vm.runInNewContext('typeof gc')];\n` },
  });
  const invoke = async () => decode((await lambda.send(new InvokeCommand({ FunctionName: name }))).Payload) as unknown;
  expect(await invoke()).toEqual(['function', 'function']);
  // After the runtime's idle collection, too.
  await sleep(2500);
  expect(await invoke()).toEqual(['function', 'function']);
});

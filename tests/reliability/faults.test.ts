// Faults from outside: a function's runtime process killed in the middle of an
// invocation; the sandbox itself killed with SIGKILL while it is writing, then
// restarted on the same data folder; and a student's credentials running out
// in the middle of provisioning Task 8.1.
import { ApiGatewayV2Client, CreateApiCommand, CreateRouteCommand, GetApiCommand, GetRoutesCommand } from '@aws-sdk/client-apigatewayv2';
import { CreateStreamCommand, DescribeStreamSummaryCommand, KinesisClient } from '@aws-sdk/client-kinesis';
import { DescribeTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { CreateFunctionCommand, GetFunctionCommand, InvokeCommand, LambdaClient, waitUntilFunctionActiveV2 } from '@aws-sdk/client-lambda';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { IssuedCredentials } from '../../src/sandbox/index.ts';
import { explainFailure } from '../../src/steps/errors.ts';
import type { RecordedCall, StepContext } from '../../src/steps/model.ts';
import { madeRecords, runStep, type Outcome } from '../../src/steps/runner.ts';
import { memoryStorage } from '../../src/steps/target-records.ts';
import { functionStep } from '../../src/steps/task-8-1/function.ts';
import { tableStep } from '../../src/steps/task-8-1/table.ts';
import { onDemandTable } from '../sandbox/dynamodb-helpers.ts';
import { decode, deploy, labRole, zipOf } from '../sandbox/lambda-helpers.ts';
import { startChildSandbox, type ChildSandbox } from './child-sandbox.ts';
import { createTable, functionBehindHttpApi } from './lab-resources.ts';
import { recordResults } from './results.ts';

const counts = { runtimeKills: 0, sandboxKills: 0, acknowledgedWrites: 0, lostWrites: 0, credentialExpiries: 0, duplicateCreates: 0 };

afterAll(() => {
  recordResults(
    'faults',
    counts,
    `${counts.runtimeKills + counts.sandboxKills + counts.credentialExpiries} faults injected (${counts.runtimeKills} runtime processes and ${counts.sandboxKills} sandboxes SIGKILLed, ` +
      `${counts.credentialExpiries} credential expiries mid-provisioning); ${counts.acknowledgedWrites} acknowledged writes checked after restarts, ${counts.lostWrites} lost; ${counts.duplicateCreates} duplicate creates`,
  );
});

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'labbook-faults-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Waits until `file` exists and returns its text. */
async function fileText(file: string, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text) return text;
    if (Date.now() > deadline) throw new Error(`${file} never appeared`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('a runtime process killed in the middle of an invocation', () => {
  let sandbox: ChildSandbox;
  // Each handler writes its process id to the file the event names, then works for a long time.
  const PYTHON = `import os, time
def handler(event, context):
    started = event.get('started') or (event.get('queryStringParameters') or {}).get('started')
    if started:
        with open(started, 'w') as f:
            f.write(str(os.getpid()))
        time.sleep(60)
    return {'statusCode': 200, 'body': str(os.getpid())}
`;
  const NODE = `import { writeFileSync } from 'node:fs';
export const handler = async (event) => {
  if (event.started) {
    writeFileSync(event.started, String(process.pid));
    await new Promise((resolve) => setTimeout(resolve, 60_000));
  }
  return { statusCode: 200, body: String(process.pid) };
};
`;
  let apiUrl: string;

  beforeAll(async () => {
    sandbox = await startChildSandbox();
    const lambda = sandbox.client(LambdaClient);
    const api = await functionBehindHttpApi(sandbox, sandbox.credentials.accountId, 'killed-python', PYTHON);
    apiUrl = api.url('/items');
    await deploy(lambda, sandbox.credentials.accountId, {
      FunctionName: 'killed-node',
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      files: { 'index.mjs': NODE },
    });
  });
  afterAll(() => sandbox?.stop());

  /** Starts a long invocation, SIGKILLs the process running it, and gives back what the caller got. */
  async function killMidway<T>(invocation: (startedFile: string) => Promise<T>): Promise<T> {
    const startedFile = join(scratch, `started-${Math.random().toString(36).slice(2)}`);
    const answer = invocation(startedFile);
    const pid = Number(await fileText(startedFile));
    process.kill(pid, 'SIGKILL');
    counts.runtimeKills += 1;
    return answer;
  }

  for (const functionName of ['killed-python', 'killed-node']) {
    test(`${functionName}: the caller gets Runtime.ExitError (signal: killed), and the next call works`, async () => {
      const lambda = sandbox.client(LambdaClient);
      for (let round = 0; round < 3; round++) {
        const output = await killMidway((started) => lambda.send(new InvokeCommand({ FunctionName: functionName, Payload: JSON.stringify({ started }) })));
        expect(output.StatusCode).toBe(200);
        expect(output.FunctionError).toBe('Unhandled');
        expect(decode(output.Payload)).toEqual({
          errorType: 'Runtime.ExitError',
          errorMessage: `RequestId: ${output.$metadata.requestId} Error: Runtime exited with error: signal: killed`,
        });
        const next = await lambda.send(new InvokeCommand({ FunctionName: functionName, Payload: '{}' }));
        expect(next.FunctionError).toBeUndefined();
        expect(decode(next.Payload).statusCode).toBe(200);
      }
    });
  }

  test('through the HTTP API: the client gets 500 Internal Server Error, and the next request works', async () => {
    for (let round = 0; round < 2; round++) {
      const res = await killMidway((started) => fetch(`${apiUrl}?started=${encodeURIComponent(started)}`));
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ message: 'Internal Server Error' });
      expect((await fetch(apiUrl)).status).toBe(200);
    }
    expect(sandbox.alive()).toBe(true);
  });
});

describe('the sandbox killed with SIGKILL while writing, then restarted on its data folder', () => {
  /** Everything the sandbox acknowledged, by kind. */
  const acknowledged = {
    tables: [] as string[],
    items: new Map<string, Record<string, AttributeValue>>(),
    functions: new Map<string, string>(),
    apis: new Map<string, string[]>(),
    streams: [] as string[],
  };
  let dataDir: string;
  let credentials: IssuedCredentials;

  const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) % 256);

  /** Writes of every kind, as fast as it can, until `stop` says so; records each the sandbox acknowledged. */
  function writers(sandbox: ChildSandbox, round: number, stopped: () => boolean): Promise<unknown>[] {
    const ddb = sandbox.client(DynamoDBClient, credentials);
    const lambda = sandbox.client(LambdaClient, credentials);
    const gateway = sandbox.client(ApiGatewayV2Client, credentials);
    const kinesis = sandbox.client(KinesisClient, credentials);
    const accountId = credentials.accountId;
    const loop = async (write: (n: number) => Promise<void>) => {
      for (let n = 0; !stopped(); n++) await write(n).catch(() => undefined);
    };
    const itemWriter = (lane: number) =>
      loop(async (n) => {
        const pk = `r${round}-l${lane}-${n}`;
        const item: Record<string, AttributeValue> = {
          pk: { S: pk },
          blob: { B: bytes(500 + ((n * 97) % 4000)) },
          text: { S: `ünïcödé ${'★'.repeat(n % 50)} ${pk}` },
          n: { N: String(n * 1.5) },
          tags: { SS: [`a${n}`, `b${n}`] },
          nested: { M: { list: { L: [{ N: '1' }, { BOOL: true }, { NULL: true }] } } },
        };
        await ddb.send(new PutItemCommand({ TableName: 'crash-items', Item: item }));
        acknowledged.items.set(pk, item);
      });
    return [
      itemWriter(0),
      itemWriter(1),
      itemWriter(2),
      loop(async (n) => {
        const name = `crash-table-${round}-${n}`;
        await ddb.send(onDemandTable(name, 'id'));
        acknowledged.tables.push(name);
      }),
      loop(async (n) => {
        const name = `crash-fn-${round}-${n}`;
        const created = await lambda.send(
          new CreateFunctionCommand({
            FunctionName: name,
            Runtime: 'python3.13',
            Handler: 'app.handler',
            Role: labRole(accountId),
            Code: { ZipFile: zipOf({ 'app.py': `def handler(event, context):\n    return ${JSON.stringify(name)}\n` }) },
          }),
        );
        acknowledged.functions.set(name, created.CodeSha256!);
      }),
      loop(async (n) => {
        const { ApiId } = await gateway.send(new CreateApiCommand({ Name: `crash-api-${round}-${n}`, ProtocolType: 'HTTP' }));
        acknowledged.apis.set(ApiId!, []);
        const routeKey = `GET /r${n}`;
        await gateway.send(new CreateRouteCommand({ ApiId, RouteKey: routeKey }));
        acknowledged.apis.get(ApiId!)!.push(routeKey);
      }),
      loop(async (n) => {
        const name = `crash-stream-${round}-${n}`;
        await kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
        acknowledged.streams.push(name);
      }),
    ];
  }

  /** Reads back everything acknowledged so far; the differences are lost writes. */
  async function lostWrites(sandbox: ChildSandbox): Promise<string[]> {
    const ddb = sandbox.client(DynamoDBClient, credentials);
    const lambda = sandbox.client(LambdaClient, credentials);
    const gateway = sandbox.client(ApiGatewayV2Client, credentials);
    const kinesis = sandbox.client(KinesisClient, credentials);
    const lost: string[] = [];
    const missing = (what: string) => (error: Error) => {
      lost.push(`${what}: ${error.name}`);
      return undefined;
    };
    for (const name of acknowledged.tables) {
      const table = await ddb.send(new DescribeTableCommand({ TableName: name })).catch(missing(`table ${name}`));
      if (table && table.Table?.KeySchema?.[0]?.AttributeName !== 'id') lost.push(`table ${name}: key ${JSON.stringify(table.Table?.KeySchema)}`);
    }
    for (const [pk, item] of acknowledged.items) {
      const read = await ddb.send(new GetItemCommand({ TableName: 'crash-items', Key: { pk: { S: pk } }, ConsistentRead: true })).catch(missing(`item ${pk}`));
      if (read && JSON.stringify(read.Item) !== JSON.stringify(item)) lost.push(`item ${pk}: ${read.Item ? 'changed' : 'missing'}`);
    }
    for (const [name, sha] of acknowledged.functions) {
      const fn = await lambda.send(new GetFunctionCommand({ FunctionName: name })).catch(missing(`function ${name}`));
      if (fn && fn.Configuration?.CodeSha256 !== sha) lost.push(`function ${name}: code ${fn.Configuration?.CodeSha256} not ${sha}`);
    }
    for (const [apiId, routeKeys] of acknowledged.apis) {
      const api = await gateway.send(new GetApiCommand({ ApiId: apiId })).catch(missing(`API ${apiId}`));
      if (!api) continue;
      const routes = await gateway.send(new GetRoutesCommand({ ApiId: apiId }));
      for (const key of routeKeys) if (!routes.Items?.some((r) => r.RouteKey === key)) lost.push(`API ${apiId}: route ${key}`);
    }
    for (const name of acknowledged.streams) {
      await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name })).catch(missing(`stream ${name}`));
    }
    return lost;
  }

  const acknowledgedCount = () =>
    acknowledged.tables.length +
    acknowledged.items.size +
    acknowledged.functions.size +
    [...acknowledged.apis.values()].reduce((n, routes) => n + 1 + routes.length, 0) +
    acknowledged.streams.length;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'labbook-crash-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  test('every table, item, function, API, route and stream it acknowledged is there and intact, over three crashes', async () => {
    let sandbox = await startChildSandbox({ dataDir });
    credentials = sandbox.credentials;
    await createTable(sandbox, 'crash-items');
    for (let round = 0; round < 3; round++) {
      let stop = false;
      const running = writers(sandbox, round, () => stop);
      // Kill once every kind of write has been acknowledged at least once this round, at a moment that varies.
      const before = {
        tables: acknowledged.tables.length,
        functions: acknowledged.functions.size,
        apis: acknowledged.apis.size,
        streams: acknowledged.streams.length,
        items: acknowledged.items.size,
      };
      const deadline = Date.now() + 30_000;
      while (
        (acknowledged.tables.length === before.tables ||
          acknowledged.functions.size === before.functions ||
          acknowledged.apis.size === before.apis ||
          acknowledged.streams.length === before.streams ||
          acknowledged.items.size < before.items + 20) &&
        Date.now() < deadline
      ) {
        await new Promise((r) => setTimeout(r, 20));
      }
      await new Promise((r) => setTimeout(r, 50 + round * 170));
      await sandbox.kill();
      stop = true;
      counts.sandboxKills += 1;
      await Promise.all(running);

      sandbox = await startChildSandbox({ dataDir });
      const lost = await lostWrites(sandbox);
      expect(lost, `round ${round}`).toEqual([]);
    }
    counts.acknowledgedWrites = acknowledgedCount();
    counts.lostWrites = (await lostWrites(sandbox)).length;
    expect(counts.lostWrites).toBe(0);
    // The restarted sandbox also works: the newest function runs, the item table takes writes.
    const lambda = sandbox.client(LambdaClient, credentials);
    const newest = [...acknowledged.functions.keys()].at(-1)!;
    await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 30, minDelay: 1 }, { FunctionName: newest });
    expect(decode((await lambda.send(new InvokeCommand({ FunctionName: newest }))).Payload)).toBe(newest);
    await sandbox.client(DynamoDBClient, credentials).send(new PutItemCommand({ TableName: 'crash-items', Item: { pk: { S: 'after' } } }));
    await sandbox.stop();
  }, 180_000);
});

describe('credentials that run out in the middle of provisioning Task 8.1', () => {
  let sandbox: ChildSandbox;
  beforeAll(async () => {
    sandbox = await startChildSandbox();
  });
  afterAll(() => sandbox?.stop());

  /** A step context on these credentials whose calls, once `expireAfter` calls are done, wait until the credentials have run out. */
  function expiringContext(credentials: IssuedCredentials, expireAfter = Infinity): StepContext & { calls: RecordedCall[] } {
    const calls: RecordedCall[] = [];
    const expiry = Date.parse(credentials.expiration) + 1_000;
    return {
      targetKey: `sandbox:${credentials.accountId}`,
      account: credentials.accountId,
      region: 'us-east-1',
      endpointUrl: sandbox.url,
      client: (Client) => {
        const client = sandbox.client<{ send(...args: unknown[]): Promise<unknown> }>(Client as never, credentials);
        const send = client.send.bind(client);
        // Time passes (the student is away, the wait is long): the same credentials have run out when the call goes.
        client.send = async (...args) => {
          if (calls.length >= expireAfter) await new Promise((r) => setTimeout(r, Math.max(0, expiry - Date.now())));
          return send(...args);
        };
        return client as never;
      },
      record: (call) => calls.push(call),
      progress: () => {},
      calls,
    };
  }

  const steps = [tableStep, functionStep] as const;
  function inputsFor(ctx: StepContext, n: number | string) {
    const place = { targetKey: ctx.targetKey, account: ctx.account, region: ctx.region };
    return [
      { ...tableStep.defaults(place), tableName: `Expiry${n}` },
      { ...functionStep.defaults(place), functionName: `ExpiryCrud${n}` },
    ];
  }

  /** Runs the table step, then the function step, as the chapter's widgets do; the outcomes. */
  async function provision(ctx: StepContext, records: ReturnType<typeof madeRecords>, n: number | string): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    const inputs = inputsFor(ctx, n);
    for (const [i, step] of steps.entries()) {
      const result = await runStep(step, ctx, inputs[i], records);
      expect(result.findings.filter((f) => !f.ok)).toEqual([]);
      outcomes.push(result.outcome);
    }
    return outcomes;
  }

  const creates = (calls: RecordedCall[]) => calls.filter((c) => /^Create(Table|Function)$/.test(c.operation) && !c.error).map((c) => c.operation);

  test('whichever call they run out before, fresh credentials resume the run: one table and one function, no duplicate', async () => {
    // A run that goes through counts the calls a run makes.
    const probe = expiringContext(sandbox.credentials);
    expect(await provision(probe, madeRecords(memoryStorage()), 'Probe')).toEqual(['created', 'created']);
    const callCount = probe.calls.length;
    expect(callCount).toBeGreaterThan(5);

    // Then one run per call: its credentials (12 s) run out just before that call; the student pastes new ones and runs the steps again.
    const runs = Array.from({ length: callCount - 1 }, (_, i) => i + 1).map(async (expireAfter) => {
      const records = madeRecords(memoryStorage());
      const first = expiringContext(await sandbox.issueCredentials(12), expireAfter);
      const failure = await provision(first, records, expireAfter).then(
        () => undefined,
        (error) => explainFailure(error),
      );
      // Polling may take fewer calls than in the probe; then nothing was cut short.
      if (failure) {
        expect(failure).toMatchObject({ code: 'ExpiredTokenException', credentials: true });
        counts.credentialExpiries += 1;
      }
      const retry = expiringContext(await sandbox.issueCredentials());
      const outcomes = await provision(retry, records, expireAfter);
      const made = [...creates(first.calls), ...creates(retry.calls)];
      if (made.length !== 2) counts.duplicateCreates += 1;
      expect(made.sort()).toEqual(['CreateFunction', 'CreateTable']);
      // What the first run had created is resumed or, once it was ready, adopted; never made twice.
      for (const [i, operation] of ['CreateTable', 'CreateFunction'].entries()) {
        if (creates(first.calls).includes(operation)) expect(['resumed', 'adopted']).toContain(outcomes[i]);
        else expect(outcomes[i]).toBe('created');
      }
      return failure ? creates(first.calls).length : -1;
    });
    const createdBeforeExpiry = await Promise.all(runs);
    // The cut fell before, between and after the two creates.
    expect(createdBeforeExpiry).toEqual(expect.arrayContaining([0, 1, 2]));
    expect(counts.credentialExpiries).toBeGreaterThanOrEqual(callCount - 3);
  }, 120_000);
});

// Task 8.1's request path through the sandbox's HTTP API, beside the same
// work done by invoking the function directly.
//
//   node scripts/bench-http-api.ts [--requests N]
//
// An in-memory sandbox runs lambda/crud (Python, boto3 to DynamoDB) behind an
// HTTP API made as the lab makes it (AWS_PROXY, payload 2.0, prod stage).
// Clients call the invoke URL with fetch: GET ?TableName= (a scan of a table
// of 25 items) and POST with a put_item body (a new item each time), at 1 and
// 16 concurrent clients, N requests per case. The baseline, in the same run:
// Lambda Invoke through the SDK with the very event API Gateway built for the
// same request (captured from an echo function behind an identical API).
// Functions may run 16 at once here (a Learner Lab allows 10), so the 16
// clients measure the data plane, not throttling. Loopback only; prints a
// table and writes bench/results/http-api.json.
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { BatchWriteItemCommand, CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { startSandbox } from '../src/sandbox/index.ts';
import { allowApiGateway, deployHttpApi } from '../tests/sandbox/http-api-helpers.ts';
import { deploy } from '../tests/sandbox/lambda-helpers.ts';
import { summary, time } from './bench-stats.ts';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '400' } } });
const REQUESTS = Number(values.requests);
const CONCURRENCY = [1, 16];
const TABLE = 'ccbda-lambda-first';
const ECHO = 'import json\n\ndef handler(event, context):\n    return {"statusCode": 200, "body": json.dumps(event)}\n';

/** One request of a workload; `i` makes each POST's item new. */
interface Workload {
  name: string;
  viaApi(i: number): Promise<void>;
  direct(i: number): Promise<void>;
}

/** Runs `count` calls with `clients` of them in flight at once; latency of each and the wall time. */
async function load(clients: number, count: number, call: (i: number) => Promise<void>) {
  let next = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < count) {
        const i = next++;
        latencies.push(await time(() => call(i)));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { rps: count / seconds, ...summary(latencies) };
}

async function expectOk(response: Response): Promise<void> {
  const body = await response.text();
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${body.slice(0, 200)}`);
}

async function main(): Promise<void> {
  // Read when the Lambda engine starts: let 16 functions run at once.
  process.env.LABBOOK_LAMBDA_CONCURRENCY = '16';
  const sandbox = await startSandbox({ port: 0, inMemory: true, log: () => {} });
  const { accessKeyId, secretAccessKey, sessionToken } = await sandbox.issueCredentials();
  const config = { endpoint: sandbox.url, region: sandbox.region, credentials: { accessKeyId, secretAccessKey, sessionToken }, maxAttempts: 1 };
  const lambda = new LambdaClient(config);
  const gateway = new ApiGatewayV2Client(config);
  const ddb = new DynamoDBClient(config);
  try {
    await ddb.send(
      new CreateTableCommand({
        TableName: TABLE,
        AttributeDefinitions: [{ AttributeName: 'thingID', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'thingID', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await ddb.send(
      new BatchWriteItemCommand({ RequestItems: { [TABLE]: Array.from({ length: 25 }, (_, i) => ({ PutRequest: { Item: { thingID: { S: `seed-${i}` } } } })) } }),
    );
    const crud = await deploy(lambda, sandbox.accountId, {
      FunctionName: 'LambdaCRUD',
      Handler: 'lambda_crud.lambda_handler',
      files: { 'lambda_crud.py': await readFile('lambda/crud/lambda_crud.py', 'utf8') },
    });
    const echo = await deploy(lambda, sandbox.accountId, { FunctionName: 'EventEcho', files: { 'app.py': ECHO } });
    const routeKeys = ['GET /', 'POST /', 'PUT /', 'DELETE /', 'OPTIONS /'];
    const arn = (name: string) => `arn:aws:lambda:${sandbox.region}:${sandbox.accountId}:function:${name}`;
    for (const name of [crud, echo]) await allowApiGateway(lambda, name);
    const crudApi = await deployHttpApi(gateway, { functionArn: arn(crud), routeKeys });
    const echoApi = await deployHttpApi(gateway, { functionArn: arn(echo), routeKeys });

    const getPath = `/?TableName=${TABLE}`;
    const putBody = (i: number) => JSON.stringify({ TableName: TABLE, Item: { thingID: { S: `bench-${i}` } } });
    const postInit = (i: number): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: putBody(i) });
    const getEvent = await (await fetch(echoApi.url(getPath))).json();
    const postEvent = await (await fetch(echoApi.url('/'), postInit(0))).json();
    const invoke = async (event: object) => {
      const result = await lambda.send(new InvokeCommand({ FunctionName: crud, Payload: JSON.stringify(event) }));
      const status = JSON.parse(Buffer.from(result.Payload ?? []).toString()).statusCode;
      if (result.FunctionError || status !== 200) throw new Error(`direct invoke failed: ${Buffer.from(result.Payload ?? []).toString()}`);
    };
    let offset = 0;
    const workloads: Workload[] = [
      {
        name: 'GET scan',
        viaApi: async () => expectOk(await fetch(crudApi.url(getPath))),
        direct: () => invoke(getEvent),
      },
      {
        // A fresh offset per case keeps every put a new item.
        name: 'POST put',
        viaApi: async (i) => expectOk(await fetch(crudApi.url('/'), postInit(offset + i))),
        direct: (i) => invoke({ ...postEvent, body: putBody(offset + i) }),
      },
    ];

    const rows: Array<{ workload: string; clients: number; viaApi: Awaited<ReturnType<typeof load>>; direct: Awaited<ReturnType<typeof load>> }> = [];
    for (const workload of workloads) {
      for (const clients of CONCURRENCY) {
        // Warm every environment this concurrency needs, unmeasured.
        await load(clients, clients * 2, workload.viaApi);
        offset += clients * 2;
        const viaApi = await load(clients, REQUESTS, workload.viaApi);
        offset += REQUESTS;
        const direct = await load(clients, REQUESTS, workload.direct);
        offset += REQUESTS;
        rows.push({ workload: workload.name, clients, viaApi, direct });
      }
    }

    const ms = (value: number) => value.toFixed(1).padStart(7);
    console.log(`\nHTTP API vs direct Invoke, lambda/crud + DynamoDB, ${REQUESTS} requests per case (${cpus().length} CPUs, Node.js ${process.version})\n`);
    console.log('workload   clients |  API rps   p50 ms  p99 ms | Invoke rps  p50 ms  p99 ms | rps ratio  p50 ratio');
    for (const row of rows) {
      console.log(
        `${row.workload.padEnd(10)} ${String(row.clients).padStart(7)} | ${row.viaApi.rps.toFixed(0).padStart(8)} ${ms(row.viaApi.p50)} ${ms(row.viaApi.p99)} | ` +
          `${row.direct.rps.toFixed(0).padStart(10)} ${ms(row.direct.p50)} ${ms(row.direct.p99)} | ` +
          `${(row.viaApi.rps / row.direct.rps).toFixed(2).padStart(9)} ${(row.viaApi.p50 / row.direct.p50).toFixed(2).padStart(10)}`,
      );
    }
    await mkdir('bench/results', { recursive: true });
    const report = {
      measuredAt: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version },
      requestsPerCase: REQUESTS,
      functionConcurrencyLimit: 16,
      results: rows.map((row) => ({
        ...row,
        apiToDirectRpsRatio: row.viaApi.rps / row.direct.rps,
        apiToDirectP50Ratio: row.viaApi.p50 / row.direct.p50,
      })),
    };
    await writeFile('bench/results/http-api.json', `${JSON.stringify(report, null, 2)}\n`);
    console.log('\nwrote bench/results/http-api.json');
  } finally {
    await sandbox.close();
  }
}

await main();

// Task 8.1's request path through the sandbox's HTTP API, beside the same work done by
// invoking the function directly.
//
// The benchmarked server's sandbox runs lambda/crud (Python, boto3 to DynamoDB) behind
// an HTTP API made as the lab makes it (AWS_PROXY, payload 2.0, prod stage). Clients
// call the invoke URL with fetch: GET ?TableName= (a scan of a table of 25 items) and
// POST with a put_item body (a new item each time), at 1, 8, 16 and 32 concurrent clients, N
// requests per case. The baseline, in the same run: Lambda Invoke through the SDK with
// the very event API Gateway built for the same request (captured from an echo function
// behind an identical API). Loopback only. Before each case, unmeasured rounds at its
// concurrency until the function has an execution environment for every client (counted
// by their log streams, one each): with no more requests in flight than environments, none
// measured should need a cold start; any that does is still counted and shown. Then, per workload and path, whether concurrency collapses:
// throughput at 32 clients against 1 (it must not fall), and p99's growth against the 32×
// more clients (it must grow no faster).
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { CloudWatchLogsClient, ResourceNotFoundException, paginateDescribeLogStreams } from '@aws-sdk/client-cloudwatch-logs';
import { BatchWriteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { onDemandTable } from '../../tests/sandbox/dynamodb-helpers.ts';
import { allowApiGateway, deployHttpApi } from '../../tests/sandbox/http-api-helpers.ts';
import { deploy } from '../../tests/sandbox/lambda-helpers.ts';
import type { BenchContext } from './context.ts';
import { ms, row, type AreaResult } from './report.ts';
import { summary, time } from './stats.ts';

const CONCURRENCY = [1, 8, 16, 32];
/** The benchmarked server lets this many run at once (labbook-server.ts), so 32 clients measure the data plane, not throttling. */
const FUNCTION_CONCURRENCY = 32;
const TABLE = 'ccbda-lambda-first';
/** Warm-up rounds a case may take to reach an environment per client; past them it is measured anyway, its cold starts shown. */
const MAX_WARM_UP_ROUNDS = 20;
const ECHO = 'import json\n\ndef handler(event, context):\n    return {"statusCode": 200, "body": json.dumps(event)}\n';

/** One request of a workload; `i` makes each POST's item new. */
interface Workload {
  name: string;
  viaApi: (i: number) => Promise<void>;
  direct: (i: number) => Promise<void>;
}

/**
 * Runs `count` calls with `clients` of them in flight at once: the latency of each, the
 * wall time, and how many failed (on a loaded machine a function can time out; a
 * benchmark reports that rather than stopping).
 */
async function load(clients: number, count: number, call: (i: number) => Promise<void>) {
  let next = 0;
  const latencies: number[] = [];
  const failures: string[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < count) {
        const i = next++;
        latencies.push(await time(() => call(i).catch((error: Error) => void failures.push(error.message))));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { rps: count / seconds, ...summary(latencies), errors: failures.length, firstError: failures[0] };
}

/**
 * How many execution environments a function has started: each writes to a log stream of
 * its own, in a log group Lambda creates with the first one.
 */
async function environmentsStarted(logs: CloudWatchLogsClient, functionName: string): Promise<number> {
  let count = 0;
  try {
    for await (const page of paginateDescribeLogStreams({ client: logs }, { logGroupName: `/aws/lambda/${functionName}` })) {
      count += page.logStreams?.length ?? 0;
    }
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  return count;
}

async function expectOk(response: Response): Promise<void> {
  const body = await response.text();
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${body.slice(0, 200)}`);
}

export async function httpApiArea(ctx: BenchContext): Promise<AreaResult> {
  const REQUESTS = ctx.quick ? 40 : 400;
  const { sandbox } = await ctx.server();
  const lambda = sandbox.client(LambdaClient);
  const gateway = sandbox.client(ApiGatewayV2Client);
  const ddb = sandbox.client(DynamoDBClient);
  const logs = sandbox.client(CloudWatchLogsClient);
  await ddb.send(onDemandTable(TABLE, 'thingID'));
  await ddb.send(
    new BatchWriteItemCommand({ RequestItems: { [TABLE]: Array.from({ length: 25 }, (_, i) => ({ PutRequest: { Item: { thingID: { S: `seed-${i}` } } } })) } }),
  );
  const crud = await deploy(lambda, sandbox.accountId, {
    FunctionName: 'LambdaCRUD',
    Handler: 'lambda_crud.lambda_handler',
    files: { 'lambda_crud.py': await readFile(resolve(import.meta.dirname, '../../lambda/crud/lambda_crud.py'), 'utf8') },
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
  // The events API Gateway built, as the echo function returned them.
  const getEvent = (await (await fetch(echoApi.url(getPath))).json()) as object;
  const postEvent = (await (await fetch(echoApi.url('/'), postInit(0))).json()) as object;
  const invoke = async (event: object) => {
    const result = await lambda.send(new InvokeCommand({ FunctionName: crud, Payload: JSON.stringify(event) }));
    const { statusCode: status } = JSON.parse(Buffer.from(result.Payload ?? []).toString()) as { statusCode?: number };
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

  /** Runs `count` calls at this concurrency; the environments they started are cold starts. */
  const loadCountingStarts = async (clients: number, count: number, call: (i: number) => Promise<void>) => {
    const before = await environmentsStarted(logs, crud);
    const result = await load(clients, count, call);
    offset += count;
    return { ...result, coldStarts: (await environmentsStarted(logs, crud)) - before };
  };
  const cases: Case[] = [];
  for (const workload of workloads) {
    for (const clients of CONCURRENCY) {
      // At least one round, which also opens the clients' connections.
      let warmUpRounds = 0;
      do {
        await load(clients, clients * 2, workload.viaApi);
        offset += clients * 2;
        warmUpRounds += 1;
      } while ((await environmentsStarted(logs, crud)) < clients && warmUpRounds < MAX_WARM_UP_ROUNDS);
      const viaApi = await loadCountingStarts(clients, REQUESTS, workload.viaApi);
      const direct = await loadCountingStarts(clients, REQUESTS, workload.direct);
      cases.push({ workload: workload.name, clients, warmUpRounds, viaApi, direct });
    }
  }

  const rps = (value: number) => ({ value, unit: 'req/s' });
  const rows = cases.flatMap(({ workload, clients, viaApi, direct }) => {
    const failed = viaApi.errors + direct.errors;
    const cold = viaApi.coldStarts + direct.coldStarts;
    const label =
      `${workload}, ${clients} client${clients > 1 ? 's' : ''}` +
      (failed > 0 ? `, failed: ${viaApi.errors} via the API, ${direct.errors} direct` : '') +
      (cold > 0 ? `, cold starts: ${viaApi.coldStarts} via the API, ${direct.coldStarts} direct` : '');
    return [
      row('HTTP API', `${label}: throughput`, rps(viaApi.rps), rps(direct.rps)),
      row('HTTP API', `${label}: p50`, ms(viaApi.p50), ms(direct.p50)),
      row('HTTP API', `${label}: p99`, ms(viaApi.p99), ms(direct.p99)),
    ];
  });
  return {
    rows: [...rows, ...collapseRows(cases)],
    details: {
      baseline: 'Lambda Invoke of the same function through the SDK with the event API Gateway built for the same request',
      requestsPerCase: REQUESTS,
      functionConcurrencyLimit: FUNCTION_CONCURRENCY,
      cases,
    },
  };
}

type Measured = Awaited<ReturnType<typeof load>> & { coldStarts: number };
type Case = { workload: string; clients: number; warmUpRounds: number; viaApi: Measured; direct: Measured };

/** The most clients against one client, on each path: the figures that show a collapse under concurrency. */
function collapseRows(cases: Case[]) {
  const most = Math.max(...CONCURRENCY);
  return [...new Set(cases.map((c) => c.workload))].flatMap((workload) => {
    const one = cases.find((c) => c.workload === workload && c.clients === 1)!;
    const many = cases.find((c) => c.workload === workload && c.clients === most)!;
    return (['viaApi', 'direct'] as const).flatMap((path) => {
      const name = `${workload}, ${path === 'viaApi' ? 'via the API' : 'direct Invoke'}`;
      return [
        row('Concurrency', `${name}: throughput, ${most} clients vs 1 (must be ≥ 1×)`, { value: many[path].rps, unit: 'req/s' }, { value: one[path].rps, unit: 'req/s' }),
        row('Concurrency', `${name}: p99, ${most} clients vs 1 (must be ≤ ${most}×)`, ms(many[path].p99), ms(one[path].p99)),
      ];
    });
  });
}

// Bad input at scale: over a thousand generated malformed requests across every
// service the sandbox speaks, in batches. Every answer must be a 4xx error in
// the shape of the protocol the request spoke (or, for broken WebSocket
// frames, a close with a protocol error code); never a 5xx, never a hang; and
// after every batch the sandbox process is alive and a normal request works.
import { CreateStreamCommand, KinesisClient, waitUntilStreamExists } from '@aws-sdk/client-kinesis';
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { connect } from '../sandbox/websocket-helpers.ts';
import { startChildSandbox, type ChildSandbox } from './child-sandbox.ts';
import { createTable, functionBehindHttpApi, mockWebSocketApi } from './lab-resources.ts';
import { malformedRequests, type MalformedCase, type Outcome, type Targets } from './malformed-requests.ts';
import { recordResults } from './results.ts';

const SEED = Number(process.env.RELIABILITY_SEED ?? 20_261_124);
const CASES = 1_200;
const BATCH = 100;
const CONCURRENCY = 8;

let sandbox: ChildSandbox;
let targets: Targets;
let httpApiUrl: string;
let webSocketUrl: string;

beforeAll(async () => {
  sandbox = await startChildSandbox();
  const accountId = sandbox.credentials.accountId;
  await createTable(sandbox, 'reliability-items');
  const api = await functionBehindHttpApi(
    sandbox,
    accountId,
    'reliability-echo',
    'def handler(event, context):\n    return {"statusCode": 200, "body": "ok"}\n',
  );
  httpApiUrl = api.url('/items');
  const kinesis = sandbox.client(KinesisClient);
  await kinesis.send(new CreateStreamCommand({ StreamName: 'reliability-stream', ShardCount: 1 }));
  await waitUntilStreamExists({ client: kinesis, maxWaitTime: 30, minDelay: 1 }, { StreamName: 'reliability-stream' });
  const logs = sandbox.client(CloudWatchLogsClient);
  await logs.send(new CreateLogGroupCommand({ logGroupName: '/reliability/group' }));
  await logs.send(new CreateLogStreamCommand({ logGroupName: '/reliability/group', logStreamName: 'stream' }));
  const ws = await mockWebSocketApi(sandbox);
  webSocketUrl = ws.url;
  targets = {
    url: sandbox.url,
    accountId,
    credentials: sandbox.credentials,
    expiredCredentials: await sandbox.issueCredentials(0),
    table: 'reliability-items',
    functionName: 'reliability-echo',
    stream: 'reliability-stream',
    logGroup: '/reliability/group',
    logStream: 'stream',
    httpApi: { apiId: api.apiId, stage: api.stage, integrationId: api.integrationId },
    webSocketApi: { apiId: ws.apiId, stage: ws.stage },
  };
}, 120_000);

afterAll(async () => {
  await sandbox?.stop();
});

const isClientError = (status: number) => status >= 400 && status < 500;
const parsed = (body: string): Record<string, unknown> | undefined => {
  try {
    const value = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
};

/** What is wrong with the answer to a malformed request; undefined when it is what AWS would send. */
function problemWith(c: MalformedCase, outcome: Outcome): string | undefined {
  if (c.shape === 'websocket-close') {
    if (outcome.kind !== 'closed') return `expected the connection closed, got ${JSON.stringify(outcome)}`;
    // 1002 protocol error, 1003 unsupported data, 1007 invalid payload, 1009 too big.
    return [1002, 1003, 1007, 1009].includes(outcome.code ?? 0) ? undefined : `closed with ${outcome.code ?? 'no close frame'}`;
  }
  if (outcome.kind === 'closed') return `the handshake succeeded (closed later with ${outcome.code})`;
  const { status, headers, body } = outcome.answer;
  if (!isClientError(status)) return `status ${status}: ${body.slice(0, 300)}`;
  const json = parsed(body);
  switch (c.shape) {
    case 'aws-json':
      if (!String(headers['content-type']).startsWith('application/x-amz-json-1.')) return `content-type ${String(headers['content-type'])}`;
      return typeof json?.__type === 'string' ? undefined : `no __type: ${body.slice(0, 300)}`;
    case 'rest-json':
      if (!headers['x-amzn-errortype']) return `no x-amzn-ErrorType header: ${body.slice(0, 300)}`;
      return typeof (json?.message ?? json?.Message) === 'string' ? undefined : `no message: ${body.slice(0, 300)}`;
    case 'query':
      return /^<ErrorResponse[^>]*><Error><Type>Sender<\/Type><Code>[^<]+<\/Code><Message>[^<]*<\/Message>/.test(body)
        ? undefined
        : `not an ErrorResponse: ${body.slice(0, 300)}`;
    case 'api-gateway':
      return typeof json?.message === 'string' ? undefined : `no {"message"}: ${body.slice(0, 300)}`;
  }
}

/** The error code the answer carried (or the close code), to show the requests reached the operations. */
function answerCode(outcome: Outcome): string {
  if (outcome.kind === 'closed') return `close ${outcome.code}`;
  const { status, headers, body } = outcome.answer;
  const code = headers['x-amzn-errortype'] ?? parsed(body)?.__type ?? /<Code>([^<]+)<\/Code>/.exec(body)?.[1] ?? parsed(body)?.message;
  return `${status} ${String(code).replace(/^.*#/, '').replace(/:.*$/, '')}`;
}

async function runPool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/** A normal request to each kind of service, as a student's next command would be. */
async function normalRequestsWork(): Promise<void> {
  await sandbox.client(STSClient).send(new GetCallerIdentityCommand({}));
  const table = await sandbox.client(DynamoDBClient).send(new DescribeTableCommand({ TableName: targets.table }));
  expect(table.Table?.TableStatus).toBe('ACTIVE');
  const invoked = await sandbox.client(LambdaClient).send(new InvokeCommand({ FunctionName: targets.functionName, Payload: '{}' }));
  expect(invoked.FunctionError).toBeUndefined();
  expect((await fetch(httpApiUrl)).status).toBe(200);
  const client = await connect(webSocketUrl);
  client.socket.close(1000);
  await client.closed;
}

test(`${CASES} generated malformed requests get AWS-shaped 4xx errors, and the sandbox keeps working`, async () => {
  const cases = malformedRequests(SEED, CASES, targets);
  const problems: string[] = [];
  const tried: Record<string, number> = {};
  const answers: Record<string, number> = {};
  const started = Date.now();
  for (let from = 0; from < cases.length; from += BATCH) {
    await runPool(cases.slice(from, from + BATCH), CONCURRENCY, async (c) => {
      tried[c.service] = (tried[c.service] ?? 0) + 1;
      const outcome = await c.send().catch((error: Error) => error);
      const problem = outcome instanceof Error ? outcome.message : problemWith(c, outcome);
      if (!(outcome instanceof Error)) answers[answerCode(outcome)] = (answers[answerCode(outcome)] ?? 0) + 1;
      if (problem) problems.push(`#${c.id} ${c.service} ${c.fault}: ${problem}`);
    });
    expect(sandbox.alive(), `the sandbox exited during cases ${from}-${from + BATCH - 1}:\n${sandbox.output()}`).toBe(true);
    await normalRequestsWork();
  }
  recordResults(
    'bad-input',
    {
      seed: SEED,
      cases: cases.length,
      byService: tried,
      byAnswer: answers,
      failures: problems.length,
      batches: Math.ceil(cases.length / BATCH),
      seconds: Math.round((Date.now() - started) / 1000),
    },
    `${cases.length} malformed requests (seed ${SEED}) across ${Object.keys(tried).length} services: ${problems.length} wrong answers, sandbox alive after every batch of ${BATCH}`,
  );
  expect(problems, `sandbox output:\n${sandbox.output().slice(-4000)}`).toEqual([]);
}, 240_000);

// Load: a class's worth of traffic through one sandbox process. 1,000 WebSocket
// connections open at once (each $connect runs a Lambda function that stores
// the connection in DynamoDB, as Task 8.2 does) and 10,000 HTTP requests: a
// message pushed to every connection through @connections, requests through an
// HTTP API to a function that reads and writes DynamoDB, and requests straight
// to DynamoDB. No errors, and the sandbox's memory back near its idle level.
import { ApiGatewayManagementApiClient, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { DeleteItemCommand, DynamoDBClient, GetItemCommand, type AttributeValue, PutItemCommand, QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { CloudWatchLogsClient, DeleteLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { deploy } from '../sandbox/lambda-helpers.ts';
import { connect, deployWebSocketApi, type Client } from '../sandbox/websocket-helpers.ts';
import { startChildSandbox, type ChildSandbox } from './child-sandbox.ts';
import { createTable, functionBehindHttpApi } from './lab-resources.ts';
import { recordResults } from './results.ts';

const CONNECTIONS = 1_000;
/** Plus one @connections POST per connection: 10,000 HTTP requests in all. */
const API_REQUESTS = 2_000;
const DYNAMODB_REQUESTS = 7_000;
/**
 * Requests that run a Lambda function, at once: under the account's 10, and few enough that the
 * cold starts they cause (each importing boto3) finish within Lambda's 10 s init limit on a busy 2-core machine.
 */
const LAMBDA_CONCURRENCY = 4;
const DYNAMODB_CONCURRENCY = 16;
/** Items the load writes, over and over: the stored state stays the same size, so memory can go back. */
const KEYS = 200;

const CRUD = `import json, os, boto3
table = boto3.resource('dynamodb').Table(os.environ['TABLE'])

def handler(event, context):
    if event['requestContext']['http']['method'] == 'POST':
        item = json.loads(event['body'])
        table.put_item(Item=item)
        return {'statusCode': 200, 'body': json.dumps({'put': item['pk']})}
    key = event['queryStringParameters']['pk']
    item = table.get_item(Key={'pk': key}).get('Item')
    return {'statusCode': 200 if item else 404, 'body': json.dumps(item, default=str)}
`;

const ON_CONNECT = `import os, boto3
table = boto3.resource('dynamodb').Table(os.environ['TABLE'])

def handler(event, context):
    client = event['queryStringParameters']['client']
    table.put_item(Item={'pk': event['requestContext']['connectionId'], 'client': client})
    return {'statusCode': 200}
`;

let sandbox: ChildSandbox;
let apiUrl: string;
let webSocket: { url: string; managementEndpoint: string };

beforeAll(async () => {
  sandbox = await startChildSandbox();
  const accountId = sandbox.credentials.accountId;
  await createTable(sandbox, 'load-items');
  await createTable(sandbox, 'load-connections');
  const api = await functionBehindHttpApi(sandbox, accountId, 'load-crud', CRUD, { TABLE: 'load-items' });
  apiUrl = api.url('/items');
  await deploy(sandbox.client(LambdaClient), accountId, {
    FunctionName: 'load-connect',
    Timeout: 30,
    files: { 'app.py': ON_CONNECT },
    Environment: { Variables: { TABLE: 'load-connections' } },
  });
  webSocket = await deployWebSocketApi({ ...sandbox, accountId }, { $connect: { functionName: 'load-connect' } });
  // Every key exists before the load, so a read racing a write of the same key still finds an item.
  const ddb = sandbox.client(DynamoDBClient);
  for (let n = 0; n < KEYS; n++) await ddb.send(new PutItemCommand({ TableName: 'load-items', Item: { pk: { S: itemKey(n) } } }));
}, 120_000);

afterAll(async () => {
  await sandbox?.stop();
});

/** Runs `count` jobs, at most `limit` at a time; the errors, in words. */
async function run(count: number, limit: number, job: (n: number) => Promise<void>): Promise<string[]> {
  const errors: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < count) {
        const n = next++;
        await job(n).catch((error: Error) => errors.push(`#${n}: ${error.message}`));
      }
    }),
  );
  return errors;
}

const itemKey = (n: number) => `item-${n % KEYS}`;

/** One round of every kind of traffic, `scale` times the full load; what went wrong. */
async function traffic(scale: number) {
  const ddb = sandbox.client(DynamoDBClient);
  const connections = Math.round(CONNECTIONS * scale);
  const clients: Client[] = [];
  const errors: string[] = [];
  const phases: Record<string, number> = {};
  let mark = Date.now();
  const phase = (name: string) => {
    phases[name] = Date.now() - mark;
    mark = Date.now();
  };

  // Connections first, all kept open; then every one is sent its own message, found through the table $connect wrote.
  errors.push(
    ...(await run(connections, LAMBDA_CONCURRENCY, async (n) => {
      clients[n] = await connect(`${webSocket.url}?client=${n}`);
    })),
  );
  phase('connect');
  const stored: Record<string, AttributeValue>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await ddb.send(new ScanCommand({ TableName: 'load-connections', ExclusiveStartKey: start }));
    stored.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  const open = stored.filter((item) => Number(item.client.S) < connections && clients[Number(item.client.S)]?.socket.readyState === 1);
  if (open.length !== connections) errors.push(`$connect stored ${open.length} open connections, not ${connections}`);
  const management = new ApiGatewayManagementApiClient({ ...sandbox.clientConfig(), endpoint: webSocket.managementEndpoint });
  errors.push(
    ...(await run(open.length, DYNAMODB_CONCURRENCY, async (n) => {
      await management.send(new PostToConnectionCommand({ ConnectionId: open[n].pk.S, Data: `position ${open[n].client.S}` }));
    })),
  );
  errors.push(
    ...(await run(connections, DYNAMODB_CONCURRENCY, async (n) => {
      const message = await clients[n].nextMessage(15_000);
      if (message !== `position ${n}`) throw new Error(`client ${n} got '${message}'`);
    })),
  );

  phase('push');
  // The HTTP API: writes then reads through the function.
  const apiRequests = Math.round(API_REQUESTS * scale);
  errors.push(
    ...(await run(apiRequests, LAMBDA_CONCURRENCY, async (n) => {
      const write = n % 2 === 0;
      const res = write
        ? await fetch(apiUrl, { method: 'POST', body: JSON.stringify({ pk: itemKey(n), n, text: 'x'.repeat(n % 500) }) })
        : await fetch(`${apiUrl}?pk=${itemKey(n)}`);
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${res.status} ${body}`);
    })),
  );
  phase('httpApi');
  // DynamoDB straight from the SDK: puts, gets and queries.
  const ddbRequests = Math.round(DYNAMODB_REQUESTS * scale);
  errors.push(
    ...(await run(ddbRequests, DYNAMODB_CONCURRENCY, async (n) => {
      const Key = { pk: { S: itemKey(n) } };
      if (n % 3 === 0) await ddb.send(new PutItemCommand({ TableName: 'load-items', Item: { ...Key, n: { N: String(n) } } }));
      else if (n % 3 === 1) await ddb.send(new GetItemCommand({ TableName: 'load-items', Key }));
      else await ddb.send(new QueryCommand({ TableName: 'load-items', KeyConditionExpression: 'pk = :k', ExpressionAttributeValues: { ':k': Key.pk } }));
    })),
  );

  phase('dynamodb');
  // Everyone leaves; the connections' rows are deleted as the lab's $disconnect would.
  await Promise.all(
    clients.map(async (client) => {
      client.socket.close(1000);
      await client.closed;
    }),
  );
  await run(stored.length, DYNAMODB_CONCURRENCY, async (n) => {
    await ddb.send(new DeleteItemCommand({ TableName: 'load-connections', Key: { pk: stored[n].pk } }));
  });
  phase('close');
  return { errors, httpRequests: open.length + apiRequests + ddbRequests, connections, pushed: open.length, phases };
}

const MB = 1024 * 1024;
const inMB = (memory: NodeJS.MemoryUsage) => Object.fromEntries(Object.entries(memory).map(([name, bytes]) => [name, Math.round(bytes / MB)]));

test(`${CONNECTIONS} WebSocket connections and ${CONNECTIONS + API_REQUESTS + DYNAMODB_REQUESTS} HTTP requests: no errors, memory back near idle`, async () => {
  // One environment of each function first, started alone.
  expect((await fetch(`${apiUrl}?pk=${itemKey(0)}`)).status).toBe(200);
  const first = await connect(`${webSocket.url}?client=warm-up`);
  first.socket.close(1000);
  await first.closed;
  // Idle is measured after a small round of the same traffic: code loaded, functions warm, caches filled, as after a student's first minutes.
  const warmUp = await traffic(0.05);
  expect(warmUp.errors).toEqual([]);
  const idle = await sandbox.settledMemory();

  const started = Date.now();
  const load = await traffic(1);
  const seconds = (Date.now() - started) / 1000;
  const peak = await sandbox.settledMemory();
  // The functions' CloudWatch Logs (START, END and REPORT for each of the ~3,000 invocations) are
  // kept, as AWS keeps them, as bytes outside V8's heap; the student deleting the log groups gives
  // that back. Anything else the load left behind would be a leak.
  const logs = sandbox.client(CloudWatchLogsClient);
  for (const name of ['load-crud', 'load-connect']) await logs.send(new DeleteLogGroupCommand({ logGroupName: `/aws/lambda/${name}` }));
  await new Promise((r) => setTimeout(r, 1_000));
  const after = await sandbox.settledMemory();

  recordResults(
    'load',
    {
      connections: load.connections,
      messagesPushed: load.pushed,
      httpRequests: load.httpRequests,
      errors: load.errors.length,
      seconds: Math.round(seconds),
      phasesMs: load.phases,
      idleMB: inMB(idle),
      afterLoadMB: inMB(peak),
      afterLogsDeletedMB: inMB(after),
    },
    `${load.connections} WebSocket connections (${load.pushed} messages pushed), ${load.httpRequests} HTTP requests in ${Math.round(seconds)} s: ` +
      `${load.errors.length} errors; idle → after: V8 heap ${Math.round(idle.heapUsed / MB)} → ${Math.round(after.heapUsed / MB)} MB, ` +
      `buffers ${Math.round(idle.arrayBuffers / MB)} → ${Math.round(after.arrayBuffers / MB)} MB, RSS ${Math.round(idle.rss / MB)} → ${Math.round(after.rss / MB)} MB`,
  );
  expect(load.errors.slice(0, 20)).toEqual([]);
  expect(load.connections).toBe(CONNECTIONS);
  expect(load.pushed).toBe(CONNECTIONS);
  expect(sandbox.alive()).toBe(true);
  // Objects on V8's heap and buffers outside it: back near idle. A leak of even a kilobyte per
  // request or connection would add 10 MB.
  expect(after.heapUsed).toBeLessThan(idle.heapUsed + 8 * MB);
  expect(after.arrayBuffers).toBeLessThan(idle.arrayBuffers + 4 * MB);
  // Resident memory does not come all the way back, and is not expected to: V8 hands back the heap
  // it grew into (heapTotal falls back to its idle size) but glibc's allocator keeps the pages of
  // freed socket and parser buffers for reuse. Measured on the 2-core test machine, RSS settles
  // 120-175 MB above idle after this load, and three quarter-size loads in a row left it at
  // 158, 196 and 192 MB: a high-water mark, not growth. 200 MB still fails a leak of 20 KB per
  // request or connection.
  expect(after.heapTotal).toBeLessThan(idle.heapTotal + 16 * MB);
  expect(after.rss).toBeLessThan(idle.rss + 200 * MB);
}, 480_000);

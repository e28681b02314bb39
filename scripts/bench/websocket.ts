// WebSocket fan-out: how long one message takes to reach every one of 100 and 1,000
// connected clients, through the sandbox's WebSocket API and its @connections API,
// beside a raw `ws` broadcast measured in the same run.
//
// The benchmarked server's sandbox runs Task 8.2 as the lab builds it: the connections
// table, WsConnect and WsDisconnect from lambda/ on $connect and $disconnect, so every
// client is recorded as it connects. Three ways one message reaches all of them, each
// timed from the moment it is sent to the moment the last client has it:
//   - raw ws: a bare `ws` server on loopback broadcasts what one client sends
//     (no API Gateway, no Lambda): the baseline;
//   - WebSocket API: one client sends through the API; the $default route's
//     function (Python, boto3) scans the table and posts to every connection
//     through @connections, one call after another, as the lab's code does;
//   - Kinesis + FlightFanout: a record is put on ccbda-flights; the event
//     source mapping hands it to lambda/flight-fanout, which does the same.
// One warm-up message per path first, unmeasured. Loopback only.
import { BatchWriteItemCommand, DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { CreateStreamCommand, KinesisClient, PutRecordCommand, waitUntilStreamExists } from '@aws-sdk/client-kinesis';
import { CreateEventSourceMappingCommand, GetEventSourceMappingCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import WebSocket, { WebSocketServer } from 'ws';
import { onDemandTable } from '../../tests/sandbox/dynamodb-helpers.ts';
import { deploy } from '../../tests/sandbox/lambda-helpers.ts';
import { deployWebSocketApi } from '../../tests/sandbox/websocket-helpers.ts';
import type { BenchContext } from './context.ts';
import { ms, row, type AreaResult } from './report.ts';
import { percentile } from './stats.ts';

/** Clients connecting at once; each $connect is a Lambda call, and a Learner Lab runs 10 at a time. */
const CONNECTING_AT_ONCE = 10;
const TABLE = 'ccbda-ws-connections';
const STREAM = 'ccbda-flights';

/** The $default route's function: what the client sent, to every connection in the table. */
const BROADCAST_PY = `
import os
import boto3

dynamodb = boto3.client('dynamodb')
TABLE = os.environ['TABLE_NAME']
management_clients = {}

def lambda_handler(event, context):
    request = event['requestContext']
    url = 'https://%s/%s' % (request['domainName'], request['stage'])
    connections = management_clients.setdefault(url, boto3.client('apigatewaymanagementapi', endpoint_url=url))
    data = event['body'].encode()
    for page in dynamodb.get_paginator('scan').paginate(TableName=TABLE):
        for item in page['Items']:
            connections.post_to_connection(ConnectionId=item['connectionid']['S'], Data=data)
    return {'statusCode': 200}
`;

/** Clients that note when each first sees a message containing a given marker. */
class Audience {
  readonly sockets: WebSocket[] = [];
  private waiting?: { marker: string; remaining: number; done: () => void };

  async connect(url: string, count: number): Promise<void> {
    for (let start = 0; start < count; start += CONNECTING_AT_ONCE) {
      const batch = Array.from({ length: Math.min(CONNECTING_AT_ONCE, count - start) }, () => this.open(url));
      this.sockets.push(...(await Promise.all(batch)));
    }
  }

  /** Milliseconds from `send()` until every client has a message containing `marker`. */
  async timeToAll(marker: string, send: () => Promise<unknown> | void, timeoutMs = 120_000): Promise<number> {
    const everyone = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.waiting?.remaining} clients never got ${marker}`)), timeoutMs);
      this.waiting = { marker, remaining: this.sockets.length, done: () => (clearTimeout(timer), resolve()) };
    });
    const started = performance.now();
    await send();
    await everyone;
    return performance.now() - started;
  }

  close(): void {
    for (const socket of this.sockets) socket.terminate();
  }

  /** Handshakes $connect refused (on a loaded machine a function can fail or time out); each client tries again, up to 3 times. */
  readonly refusals: string[] = [];

  private async open(url: string): Promise<WebSocket> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.openOnce(url);
      } catch (error) {
        this.refusals.push((error as Error).message);
        if (attempt === 3) throw error;
      }
    }
  }

  private openOnce(url: string): Promise<WebSocket> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      socket.on('message', (data: Buffer) => {
        const waiting = this.waiting;
        if (waiting && data.toString('utf8').includes(waiting.marker)) {
          waiting.remaining -= 1;
          if (waiting.remaining === 0) waiting.done();
        }
      });
      socket.once('open', () => resolve(socket));
      socket.once('error', reject);
    });
  }
}

/** The baseline: a bare ws server on loopback that broadcasts whatever it receives. */
async function rawBroadcastServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => server.once('listening', r));
  server.on('connection', (socket) =>
    socket.on('message', (data: Buffer, isBinary) => {
      for (const client of server.clients) client.send(data, { binary: isBinary });
    }),
  );
  const { port } = server.address() as { port: number };
  return { url: `ws://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

async function emptyTable(dynamodb: DynamoDBClient): Promise<void> {
  const { Items = [] } = await dynamodb.send(new ScanCommand({ TableName: TABLE }));
  for (let start = 0; start < Items.length; start += 25) {
    const batch = Items.slice(start, start + 25).map((item) => ({ DeleteRequest: { Key: { connectionid: item.connectionid } } }));
    await dynamodb.send(new BatchWriteItemCommand({ RequestItems: { [TABLE]: batch } }));
  }
}

interface FanOut {
  path: string;
  clients: number;
  /** Over the rounds: the median, the slowest, how many. */
  ms: { p50: number; max: number; n: number };
}

async function measure(rounds: number, path: string, clients: number, send: (marker: string) => Promise<unknown> | void, audience: Audience): Promise<FanOut> {
  await audience.timeToAll(`warm-up-${path}-${clients}`, () => send(`warm-up-${path}-${clients}`));
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const marker = `m-${path.replace(/\W/g, '')}-${clients}-${round}`;
    samples.push(await audience.timeToAll(marker, () => send(marker)));
  }
  return { path, clients, ms: { p50: percentile(samples, 50), max: Math.max(...samples), n: samples.length } };
}

export async function websocketArea(ctx: BenchContext): Promise<AreaResult> {
  const rounds = ctx.quick ? 2 : 5;
  const audiences = ctx.quick ? [100] : [100, 1000];
  const { sandbox } = await ctx.server();
  const lambda = sandbox.client(LambdaClient);
  const kinesis = sandbox.client(KinesisClient);
  const dynamodb = sandbox.client(DynamoDBClient);
  const raw = await rawBroadcastServer();
  const rows: FanOut[] = [];
  const refusedHandshakes: Record<number, { retried: number; first?: string }> = {};
  try {
    await dynamodb.send(onDemandTable(TABLE, 'connectionid'));
    const environment = { Variables: { TABLE_NAME: TABLE } };
    const labFunction = async (name: string, folder: string, file: string) =>
      deploy(lambda, sandbox.accountId, {
        FunctionName: name,
        Handler: `${file}.lambda_handler`,
        Timeout: 30,
        Environment: environment,
        files: { [`${file}.py`]: await readFile(resolve(import.meta.dirname, `../../lambda/${folder}/${file}.py`), 'utf8') },
      });
    await labFunction('WsConnect', 'ws-connect', 'ws_connect');
    await labFunction('WsDisconnect', 'ws-disconnect', 'ws_disconnect');
    await labFunction('FlightFanout', 'flight-fanout', 'flight_fanout');
    await deploy(lambda, sandbox.accountId, { FunctionName: 'Broadcast', Handler: 'broadcast.lambda_handler', Timeout: 30, Environment: environment, files: { 'broadcast.py': BROADCAST_PY } });
    const api = await deployWebSocketApi(sandbox, {
      $connect: { functionName: 'WsConnect' },
      $disconnect: { functionName: 'WsDisconnect' },
      $default: { functionName: 'Broadcast' },
    });
    await kinesis.send(new CreateStreamCommand({ StreamName: STREAM, ShardCount: 1 }));
    await waitUntilStreamExists({ client: kinesis, maxWaitTime: 10, minDelay: 1 }, { StreamName: STREAM });
    const { UUID } = await lambda.send(
      new CreateEventSourceMappingCommand({
        FunctionName: 'FlightFanout',
        EventSourceArn: `arn:aws:kinesis:${sandbox.region}:${sandbox.accountId}:stream/${STREAM}`,
        BatchSize: 100,
        StartingPosition: 'LATEST',
      }),
    );
    while ((await lambda.send(new GetEventSourceMappingCommand({ UUID }))).State !== 'Enabled') await new Promise((r) => setTimeout(r, 100));

    for (const clients of audiences) {
      ctx.log(`${clients} clients, ${rounds} rounds per path`);
      const direct = new Audience();
      await direct.connect(raw.url, clients);
      rows.push(await measure(rounds, 'raw ws broadcast', clients, (marker) => direct.sockets[0].send(marker), direct));
      direct.close();

      const viaApi = new Audience();
      await viaApi.connect(api.url, clients);
      refusedHandshakes[clients] = { retried: viaApi.refusals.length, first: viaApi.refusals[0] };
      rows.push(await measure(rounds, 'WebSocket API + @connections', clients, (marker) => viaApi.sockets[0].send(marker), viaApi));
      const putAircraft = (marker: string) =>
        kinesis.send(new PutRecordCommand({ StreamName: STREAM, PartitionKey: marker, Data: Buffer.from(JSON.stringify({ registration: marker })) }));
      rows.push(await measure(rounds, 'Kinesis + FlightFanout', clients, putAircraft, viaApi));
      viaApi.close();
      // All at once, most $disconnect calls are refused (the functions' concurrency limit) and those
      // clients stay in the table, as they would on AWS; empty it before the next audience.
      await new Promise((r) => setTimeout(r, 1000));
      await emptyTable(dynamodb);
    }
  } finally {
    await raw.close();
  }

  const baseline = (clients: number) => rows.find((r) => r.clients === clients && r.path === 'raw ws broadcast')!.ms;
  return {
    rows: rows
      .filter((r) => r.path !== 'raw ws broadcast')
      .map((r) => {
        const retried = refusedHandshakes[r.clients]?.retried ?? 0;
        const note = retried > 0 ? ` (${retried} refused handshakes retried)` : '';
        return row('WebSocket', `one message to ${r.clients} clients, ${r.path}: p50${note}`, ms(r.ms.p50), ms(baseline(r.clients).p50));
      }),
    details: {
      baseline: 'a bare ws server on loopback broadcasting what one client sends, to the same number of clients',
      roundsPerCase: rounds,
      refusedHandshakes,
      results: rows,
    },
  };
}

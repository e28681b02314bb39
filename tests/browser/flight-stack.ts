// Task 8.2's whole back end on the test server's sandbox, made from Node as the chapter
// makes it, under names a spec chooses: the connections table, the four functions from
// lambda/ (TABLE_NAME in their environment), the WebSocket API with its three routes,
// permissions and a deployed stage, the stream, and the event source mapping (batch 100,
// LATEST) that feeds the fan-out. remove() takes it all down again.
import { ApiGatewayV2Client, DeleteApiCommand } from '@aws-sdk/client-apigatewayv2';
import { ApiGatewayManagementApiClient, DeleteConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { DeleteTableCommand, DynamoDBClient, ScanCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import {
  CreateStreamCommand,
  DeleteStreamCommand,
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  PutRecordsCommand,
  waitUntilStreamExists,
} from '@aws-sdk/client-kinesis';
import {
  CreateEventSourceMappingCommand,
  CreateFunctionCommand,
  DeleteEventSourceMappingCommand,
  DeleteFunctionCommand,
  GetEventSourceMappingCommand,
  LambdaClient,
  waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import type { APIRequestContext } from '@playwright/test';
import { strToU8, zipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { onDemandTable } from '../sandbox/dynamodb-helpers.ts';
import { deployWebSocketApi } from '../sandbox/websocket-helpers.ts';
import { issueCredentials, sandboxInfo } from './target-helpers.ts';

export interface FlightStackNames {
  table: string;
  connect: string;
  disconnect: string;
  default: string;
  fanout: string;
  api: string;
  stream: string;
}

export interface FlightStack {
  apiId: string;
  /** ws://…/_api/<apiId>/prod, what the map connects to. */
  url: string;
  /** Puts records on the stream as a producer would. */
  put(records: readonly object[]): Promise<void>;
  /** The connection ids in the connections table. */
  connections(): Promise<string[]>;
  /** Closes a connection from the server's side, as API Gateway does after 10 idle minutes. */
  dropConnection(connectionId: string): Promise<void>;
  /** How many records reach the stream in the next `ms` milliseconds. */
  recordsDuring(ms: number): Promise<number>;
  remove(): Promise<void>;
}

/** Which lambda/ source each function runs. */
const SOURCES = {
  connect: 'ws-connect/ws_connect',
  disconnect: 'ws-disconnect/ws_disconnect',
  default: 'ws-default/ws_default',
  fanout: 'flight-fanout/flight_fanout',
} as const;

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function provisionFlightStack(request: APIRequestContext, names: FlightStackNames): Promise<FlightStack> {
  const { endpoint, region, accountId } = await sandboxInfo(request);
  const { accessKeyId, secretAccessKey, sessionToken } = await issueCredentials(request);
  const clientConfig = () => ({ endpoint, region, credentials: { accessKeyId, secretAccessKey, sessionToken }, maxAttempts: 1 });
  const client = <T>(Client: new (config: ReturnType<typeof clientConfig>) => T) => new Client(clientConfig());
  const dynamodb = client(DynamoDBClient);
  const lambda = client(LambdaClient);
  const kinesis = client(KinesisClient);
  const gateway = client(ApiGatewayV2Client);

  await dynamodb.send(onDemandTable(names.table, 'connectionid'));
  await waitUntilTableExists({ client: dynamodb, maxWaitTime: 30, minDelay: 1 }, { TableName: names.table });

  for (const role of Object.keys(SOURCES) as (keyof typeof SOURCES)[]) {
    const [folder, module] = SOURCES[role].split('/');
    const source = readFileSync(`lambda/${folder}/${module}.py`, 'utf8');
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: names[role],
        Runtime: 'python3.13',
        Handler: `${module}.lambda_handler`,
        Role: `arn:aws:iam::${accountId}:role/LabRole`,
        Code: { ZipFile: zipSync({ [`${module}.py`]: strToU8(source) }) },
        Environment: { Variables: { TABLE_NAME: names.table } },
        Timeout: 10,
      }),
    );
  }
  for (const role of Object.keys(SOURCES) as (keyof typeof SOURCES)[]) {
    await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 30, minDelay: 1 }, { FunctionName: names[role] });
  }

  const api = await deployWebSocketApi(
    { client, clientConfig, accountId },
    { $connect: { functionName: names.connect }, $disconnect: { functionName: names.disconnect }, $default: { functionName: names.default } },
    { name: names.api },
  );

  await kinesis.send(new CreateStreamCommand({ StreamName: names.stream, ShardCount: 1 }));
  await waitUntilStreamExists({ client: kinesis, maxWaitTime: 30, minDelay: 1 }, { StreamName: names.stream });
  const { UUID } = await lambda.send(
    new CreateEventSourceMappingCommand({
      FunctionName: names.fanout,
      EventSourceArn: `arn:aws:kinesis:${region}:${accountId}:stream/${names.stream}`,
      BatchSize: 100,
      StartingPosition: 'LATEST',
    }),
  );
  // With LATEST, records put before the mapping is Enabled are never delivered.
  await until(
    () => lambda.send(new GetEventSourceMappingCommand({ UUID })),
    (m) => m.State === 'Enabled',
    'the event source mapping',
  );

  return {
    apiId: api.apiId,
    url: api.url,
    async put(records) {
      const entries = records.map((record) => ({
        Data: strToU8(JSON.stringify(record)),
        PartitionKey: (record as { registration?: string }).registration ?? 'key',
      }));
      const { FailedRecordCount } = await kinesis.send(new PutRecordsCommand({ StreamName: names.stream, Records: entries }));
      if (FailedRecordCount) throw new Error(`${FailedRecordCount} records failed`);
    },
    async connections() {
      const { Items } = await dynamodb.send(new ScanCommand({ TableName: names.table }));
      return (Items ?? []).map((item) => item.connectionid.S!);
    },
    async dropConnection(connectionId) {
      const management = new ApiGatewayManagementApiClient({ ...clientConfig(), endpoint: api.managementEndpoint });
      await management.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
    },
    async recordsDuring(ms) {
      const { StreamDescription } = await kinesis.send(new DescribeStreamCommand({ StreamName: names.stream }));
      const iterators = await Promise.all(
        (StreamDescription?.Shards ?? []).map((shard) =>
          kinesis.send(new GetShardIteratorCommand({ StreamName: names.stream, ShardId: shard.ShardId, ShardIteratorType: 'LATEST' })),
        ),
      );
      await new Promise((r) => setTimeout(r, ms));
      let count = 0;
      for (const { ShardIterator } of iterators) count += (await kinesis.send(new GetRecordsCommand({ ShardIterator }))).Records?.length ?? 0;
      return count;
    },
    async remove() {
      await lambda.send(new DeleteEventSourceMappingCommand({ UUID }));
      await kinesis.send(new DeleteStreamCommand({ StreamName: names.stream }));
      await gateway.send(new DeleteApiCommand({ ApiId: api.apiId }));
      for (const role of Object.keys(SOURCES) as (keyof typeof SOURCES)[]) await lambda.send(new DeleteFunctionCommand({ FunctionName: names[role] }));
      await dynamodb.send(new DeleteTableCommand({ TableName: names.table }));
    },
  };
}

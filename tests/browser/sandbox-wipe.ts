// Empties the test server's sandbox of every table, function (with its log group), API,
// stream and event source mapping, whoever made them, and lists what it holds: the
// end-to-end specs start the lab from nothing and check that teardown leaves nothing.
import type { APIRequestContext } from '@playwright/test';
import { ApiGatewayV2Client, DeleteApiCommand, GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import { CloudWatchLogsClient, DeleteLogGroupCommand, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DeleteTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DeleteStreamCommand, KinesisClient, ListStreamsCommand } from '@aws-sdk/client-kinesis';
import {
  DeleteEventSourceMappingCommand,
  DeleteFunctionCommand,
  LambdaClient,
  ListEventSourceMappingsCommand,
  ListFunctionsCommand,
} from '@aws-sdk/client-lambda';
import { sandboxContext } from './sandbox-resources.ts';

export interface SandboxHoldings {
  mappings: string[];
  streams: string[];
  apis: string[];
  functions: string[];
  tables: string[];
  logGroups: string[];
}

type Client = Awaited<ReturnType<typeof sandboxContext>>['client'];

/** What the sandbox holds, by name (a mapping by its UUID). The lists are short: one page each. */
async function holdings(client: Client): Promise<SandboxHoldings> {
  const [mappings, streams, apis, functions, tables, logGroups] = await Promise.all([
    client(LambdaClient).send(new ListEventSourceMappingsCommand({})),
    client(KinesisClient).send(new ListStreamsCommand({})),
    client(ApiGatewayV2Client).send(new GetApisCommand({})),
    client(LambdaClient).send(new ListFunctionsCommand({})),
    client(DynamoDBClient).send(new ListTablesCommand({})),
    client(CloudWatchLogsClient).send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/lambda/' })),
  ]);
  return {
    mappings: (mappings.EventSourceMappings ?? []).map((m) => m.UUID!),
    streams: streams.StreamNames ?? [],
    apis: (apis.Items ?? []).map((api) => `${api.Name} (${api.ApiId})`),
    functions: (functions.Functions ?? []).map((f) => f.FunctionName!),
    tables: tables.TableNames ?? [],
    logGroups: (logGroups.logGroups ?? []).map((group) => group.logGroupName!),
  };
}

export async function sandboxHoldings(request: APIRequestContext): Promise<SandboxHoldings> {
  return holdings((await sandboxContext(request)).client);
}

const isEmpty = (held: SandboxHoldings) => Object.values(held).every((names) => names.length === 0);

/** Deletes everything, users before what they use, and waits until every list is empty. */
export async function wipeSandbox(request: APIRequestContext): Promise<void> {
  const { client } = await sandboxContext(request);
  const apiIds = (await client(ApiGatewayV2Client).send(new GetApisCommand({}))).Items?.map((api) => api.ApiId!) ?? [];
  const held = await holdings(client);
  for (const UUID of held.mappings) await client(LambdaClient).send(new DeleteEventSourceMappingCommand({ UUID }));
  for (const StreamName of held.streams) await client(KinesisClient).send(new DeleteStreamCommand({ StreamName }));
  for (const ApiId of apiIds) await client(ApiGatewayV2Client).send(new DeleteApiCommand({ ApiId }));
  for (const FunctionName of held.functions) await client(LambdaClient).send(new DeleteFunctionCommand({ FunctionName }));
  for (const logGroupName of held.logGroups) await client(CloudWatchLogsClient).send(new DeleteLogGroupCommand({ logGroupName }));
  for (const TableName of held.tables) await client(DynamoDBClient).send(new DeleteTableCommand({ TableName }));
  // Tables, streams and mappings take a moment to go.
  const deadline = Date.now() + 30_000;
  while (!isEmpty(await holdings(client))) {
    if (Date.now() > deadline) throw new Error(`The sandbox still holds ${JSON.stringify(await holdings(client))}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

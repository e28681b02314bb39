// What the reliability tests aim their requests at, made with the SDK as a
// student's script would: a table, a Python function behind an HTTP API, and a
// WebSocket API whose routes are MOCK integrations (the gateway's own work,
// with no function in the way).
import { DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateDeploymentCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { onDemandTable } from '../sandbox/dynamodb-helpers.ts';
import { allowApiGateway, deployHttpApi } from '../sandbox/http-api-helpers.ts';
import type { ClientConfig } from '../sandbox/harness.ts';
import { deploy } from '../sandbox/lambda-helpers.ts';

interface Clients {
  client<T>(Client: new (config: ClientConfig) => T): T;
}

export async function createTable(sandbox: Clients, tableName: string): Promise<void> {
  const ddb = sandbox.client(DynamoDBClient);
  await ddb.send(onDemandTable(tableName, 'pk'));
  await waitUntilTableExists({ client: ddb, maxWaitTime: 30, minDelay: 1 }, { TableName: tableName });
}

/** A Python function behind an HTTP API (GET and POST /items on stage prod); the function's name and the API. */
export async function functionBehindHttpApi(
  sandbox: Clients,
  accountId: string,
  functionName: string,
  source: string,
  environment: Record<string, string> = {},
) {
  const lambda = sandbox.client(LambdaClient);
  // 30 s, not the default 3: on a busy machine several cold starts importing boto3 at once can take longer than 3 s.
  await deploy(lambda, accountId, { FunctionName: functionName, Timeout: 30, files: { 'app.py': source }, Environment: { Variables: environment } });
  await allowApiGateway(lambda, functionName);
  const api = await deployHttpApi(sandbox.client(ApiGatewayV2Client), {
    functionArn: `arn:aws:lambda:us-east-1:${accountId}:function:${functionName}`,
    routeKeys: ['GET /items', 'POST /items'],
  });
  return { ...api, stage: 'prod' };
}

/** A WEBSOCKET API with MOCK $connect and $default routes, deployed to `prod`. */
export async function mockWebSocketApi(sandbox: Clients): Promise<{ apiId: string; stage: string; url: string }> {
  const gateway = sandbox.client(ApiGatewayV2Client);
  const { ApiId, ApiEndpoint } = await gateway.send(
    new CreateApiCommand({ Name: 'ReliabilityWsAPI', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' }),
  );
  for (const routeKey of ['$connect', '$default']) {
    const { IntegrationId } = await gateway.send(new CreateIntegrationCommand({ ApiId, IntegrationType: 'MOCK' }));
    await gateway.send(new CreateRouteCommand({ ApiId, RouteKey: routeKey, Target: `integrations/${IntegrationId}` }));
  }
  await gateway.send(new CreateStageCommand({ ApiId, StageName: 'prod' }));
  await gateway.send(new CreateDeploymentCommand({ ApiId, StageName: 'prod' }));
  return { apiId: ApiId!, stage: 'prod', url: `${ApiEndpoint}/prod` };
}

// `--timings aws`, scaled down: each slow state is there to be seen through the real API, for
// as long as the profile drew for it (durations.ts), and ends on its own, as on AWS. Each case
// has a sandbox of its own, so the duration it sees is the first its seed draws.
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateDeploymentCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
  UpdateRouteCommand,
} from '@aws-sdk/client-apigatewayv2';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateStreamCommand, DescribeStreamSummaryCommand, KinesisClient } from '@aws-sdk/client-kinesis';
import { CreateFunctionCommand, GetFunctionConfigurationCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterEach, expect, test } from 'vitest';
import WebSocket from 'ws';
import type { Transition } from '../../src/sandbox/timings/durations.ts';
import { createTimings, type TimingsSettings } from '../../src/sandbox/timings/timings.ts';
import { testSandbox } from './harness.ts';
import { allowApiGateway, deployHttpApi } from './http-api-helpers.ts';
import { deploy, labRole, zipOf } from './lambda-helpers.ts';

let sandbox: Awaited<ReturnType<typeof testSandbox>> | undefined;
afterEach(() => sandbox?.close());

/** A sandbox with AWS's timings at `scale`, and how long its first `transition` will last. */
async function slowSandbox(scale: number, transition: Transition) {
  const timings: TimingsSettings = { profile: 'aws', scale, seed: 21 };
  sandbox = await testSandbox({ timings });
  return { sandbox, drawnMs: createTimings(timings).durationMs(transition) };
}

/** How long each of the first transitions a sandbox with these settings starts will last, in the order they start. */
function drawsOf(timings: TimingsSettings, ...transitions: Transition[]): number[] {
  const drawing = createTimings(timings);
  return transitions.map((transition) => drawing.durationMs(transition));
}

/** Polls `read` until it answers `wanted`; how long that took from `since`. A busy machine gets 3 s more than drawn. */
async function until<T>(read: () => Promise<T>, wanted: T, since: number, drawnMs: number): Promise<number> {
  while ((await read()) !== wanted) {
    if (Date.now() - since > drawnMs + 3000) throw new Error(`still not ${String(wanted)} after ${Date.now() - since} ms (drawn: ${drawnMs} ms)`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Date.now() - since;
}

test('a new table is CREATING for the drawn time, then ACTIVE', async () => {
  const { sandbox, drawnMs } = await slowSandbox(0.05, 'dynamodb.table-creating');
  const dynamodb = sandbox.client(DynamoDBClient);
  const since = Date.now();
  const created = await dynamodb.send(
    new CreateTableCommand({
      TableName: 'slow',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  expect(created.TableDescription?.TableStatus).toBe('CREATING');
  const status = async () => (await dynamodb.send(new DescribeTableCommand({ TableName: 'slow' }))).Table?.TableStatus;
  expect(await until(status, 'ACTIVE', since, drawnMs)).toBeGreaterThanOrEqual(drawnMs - 20);
});

test('a new function is Pending for the drawn time, refuses Invoke with AWS’s conflict, then is Active', async () => {
  const { sandbox, drawnMs } = await slowSandbox(1, 'lambda.function-pending');
  const lambda = sandbox.client(LambdaClient);
  const since = Date.now();
  const name = 'slow';
  const created = await lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'python3.13',
      Handler: 'app.handler',
      Role: labRole(sandbox.accountId),
      Code: { ZipFile: zipOf({ 'app.py': 'def handler(event, context):\n    return 1\n' }) },
    }),
  );
  expect(created.State).toBe('Pending');
  await expect(lambda.send(new InvokeCommand({ FunctionName: name }))).rejects.toMatchObject({
    name: 'ResourceConflictException',
    message: 'The operation cannot be performed at this time. The function is currently in the following state: Pending',
  });
  const state = async () => (await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }))).State;
  expect(await until(state, 'Active', since, drawnMs)).toBeGreaterThanOrEqual(drawnMs - 20);
});

test('a new stream is CREATING for the drawn time, then ACTIVE', async () => {
  const { sandbox, drawnMs } = await slowSandbox(0.05, 'kinesis.stream-creating');
  const kinesis = sandbox.client(KinesisClient);
  const since = Date.now();
  await kinesis.send(new CreateStreamCommand({ StreamName: 'slow', ShardCount: 1 }));
  const status = async () => (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'slow' }))).StreamDescriptionSummary?.StreamStatus;
  expect(await status()).toBe('CREATING');
  expect(await until(status, 'ACTIVE', since, drawnMs)).toBeGreaterThanOrEqual(drawnMs - 20);
});

test('a second deployment within 5 s is throttled as API Gateway’s control plane throttles it', async () => {
  const { sandbox } = await slowSandbox(1, 'lambda.function-pending');
  const apigateway = sandbox.client(ApiGatewayV2Client);
  const { ApiId } = await apigateway.send(new CreateApiCommand({ Name: 'slow', ProtocolType: 'HTTP' }));
  await apigateway.send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /items' }));
  await apigateway.send(new CreateDeploymentCommand({ ApiId }));
  await expect(apigateway.send(new CreateDeploymentCommand({ ApiId }))).rejects.toMatchObject({
    name: 'TooManyRequestsException',
    message: 'Too Many Requests',
    $metadata: { httpStatusCode: 429 },
  });
});

test('a fresh deployment answers Not Found, then a fresh permission 500, each for its drawn time, as API Gateway does', async () => {
  const timings: TimingsSettings = { profile: 'aws', scale: 0.2, seed: 21 };
  const [, deploymentMs, permissionMs] = drawsOf(timings, 'lambda.function-pending', 'apigateway.deployment-propagating', 'lambda.permission-propagating');
  sandbox = await testSandbox({ timings });
  const lambda = sandbox.client(LambdaClient);
  const apigateway = sandbox.client(ApiGatewayV2Client);
  const name = await deploy(lambda, sandbox.accountId, {
    files: { 'app.py': 'def handler(event, context):\n    return {"statusCode": 200, "body": "served"}\n' },
  });
  // The deployment is the helper's last call: timed from before it, the stage's wait is the drawn one or longer.
  let since = Date.now();
  const api = await deployHttpApi(apigateway, { functionArn: `arn:aws:lambda:us-east-1:${sandbox.accountId}:function:${name}`, routeKeys: ['GET /items'] });
  const answer = async () => {
    const response = await fetch(api.url('/items'));
    return `${response.status} ${await response.text()}`;
  };
  expect(await answer()).toBe('404 {"message":"Not Found"}');
  const unpermitted = '500 {"message":"Internal Server Error"}';
  expect(await until(answer, unpermitted, since, deploymentMs)).toBeGreaterThanOrEqual(deploymentMs - 20);

  since = Date.now();
  await allowApiGateway(lambda, name, `arn:aws:execute-api:us-east-1:${sandbox.accountId}:${api.apiId}/*`);
  expect(await answer()).toBe(unpermitted);
  expect(await until(answer, '200 served', since, permissionMs)).toBeGreaterThanOrEqual(permissionMs - 20);
});

/** The status a WebSocket handshake gets: 101 when it opens, else API Gateway's refusal. */
function handshakeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const client = new WebSocket(url);
    client.on('open', () => {
      client.close();
      resolve(101);
    });
    client.on('unexpected-response', (_request, response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    client.on('error', reject);
  });
}

test('a WebSocket stage refuses $connect until its first deployment is served, then serves the previous one until the next is', async () => {
  const timings: TimingsSettings = { profile: 'aws', scale: 0.2, seed: 21 };
  const [firstMs, secondMs] = drawsOf(timings, 'apigateway.deployment-propagating', 'apigateway.deployment-propagating');
  sandbox = await testSandbox({ timings });
  const apigateway = sandbox.client(ApiGatewayV2Client);
  const { ApiId, ApiEndpoint } = await apigateway.send(
    new CreateApiCommand({ Name: 'slow', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' }),
  );
  const mock = await apigateway.send(new CreateIntegrationCommand({ ApiId, IntegrationType: 'MOCK' }));
  const { RouteId } = await apigateway.send(new CreateRouteCommand({ ApiId, RouteKey: '$connect', Target: `integrations/${mock.IntegrationId}` }));
  await apigateway.send(new CreateStageCommand({ ApiId, StageName: 'prod' }));
  const status = () => handshakeStatus(`${ApiEndpoint}/prod`);

  let since = Date.now();
  await apigateway.send(new CreateDeploymentCommand({ ApiId, StageName: 'prod' }));
  expect(await status()).toBe(403);
  expect(await until(status, 101, since, firstMs)).toBeGreaterThanOrEqual(firstMs - 20);

  // $connect now goes to a function that does not exist, which API Gateway answers with 500.
  const missing = await apigateway.send(
    new CreateIntegrationCommand({ ApiId, IntegrationType: 'AWS_PROXY', IntegrationUri: `arn:aws:lambda:us-east-1:${sandbox.accountId}:function:missing` }),
  );
  await apigateway.send(new UpdateRouteCommand({ ApiId, RouteId, Target: `integrations/${missing.IntegrationId}` }));
  // One CreateDeployment per 5 s, scaled (apigateway/control/quotas.ts).
  await new Promise((resolve) => setTimeout(resolve, 5_000 * 0.2));
  since = Date.now();
  await apigateway.send(new CreateDeploymentCommand({ ApiId, StageName: 'prod' }));
  expect(await status()).toBe(101);
  expect(await until(status, 500, since, secondMs)).toBeGreaterThanOrEqual(secondMs - 20);
});

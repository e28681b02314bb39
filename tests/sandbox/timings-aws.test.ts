// `--timings aws`, scaled down: each slow state is there to be seen through the real API, for
// as long as the profile drew for it (durations.ts), and ends on its own, as on AWS. Each case
// has a sandbox of its own, so the duration it sees is the first its seed draws.
import { ApiGatewayV2Client, CreateApiCommand, CreateDeploymentCommand, CreateRouteCommand } from '@aws-sdk/client-apigatewayv2';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateStreamCommand, DescribeStreamSummaryCommand, KinesisClient } from '@aws-sdk/client-kinesis';
import { CreateFunctionCommand, GetFunctionConfigurationCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterEach, expect, test } from 'vitest';
import type { Transition } from '../../src/sandbox/timings/durations.ts';
import { createTimings, type TimingsSettings } from '../../src/sandbox/timings/timings.ts';
import { testSandbox } from './harness.ts';
import { labRole, zipOf } from './lambda-helpers.ts';

let sandbox: Awaited<ReturnType<typeof testSandbox>> | undefined;
afterEach(() => sandbox?.close());

/** A sandbox with AWS's timings at `scale`, and how long its first `transition` will last. */
async function slowSandbox(scale: number, transition: Transition) {
  const timings: TimingsSettings = { profile: 'aws', scale, seed: 21 };
  sandbox = await testSandbox({ timings });
  return { sandbox, drawnMs: createTimings(timings).durationMs(transition) };
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

// Tags in the sandbox, through the SDK v3 clients as they ship: DynamoDB's, Lambda's, API
// Gateway v2's and Kinesis's tag operations, tags given on create, AWS's errors for an unknown
// ARN and for a resource past its 50 tags, and tags kept across a restart.
import { ApiGatewayV2Client, CreateApiCommand, CreateStageCommand, GetApiCommand, GetApisCommand, GetTagsCommand } from '@aws-sdk/client-apigatewayv2';
import { TagResourceCommand as TagApiCommand, UntagResourceCommand as UntagApiCommand } from '@aws-sdk/client-apigatewayv2';
import {
  CreateTableCommand,
  DynamoDBClient,
  ListTagsOfResourceCommand,
  TagResourceCommand as TagTableCommand,
  UntagResourceCommand as UntagTableCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { AddTagsToStreamCommand, CreateStreamCommand, KinesisClient, ListTagsForStreamCommand, RemoveTagsFromStreamCommand } from '@aws-sdk/client-kinesis';
import {
  GetFunctionCommand,
  LambdaClient,
  ListTagsCommand,
  TagResourceCommand as TagFunctionCommand,
  UntagResourceCommand as UntagFunctionCommand,
} from '@aws-sdk/client-lambda';
import { describe, expect, test } from 'vitest';
import { testSandbox, useSandbox, type TestSandbox } from './harness.ts';
import { deploy, uniqueName } from './lambda-helpers.ts';
import { failure, withDataDir } from './service-helpers.ts';

const sandbox = useSandbox();
const fiftyOne = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
const asList = (tags: Record<string, string>) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
const byKey = (tags: { Key?: string; Value?: string }[] | undefined) => Object.fromEntries((tags ?? []).map((t) => [t.Key, t.Value]));

async function table(s: TestSandbox, name: string, tags?: Record<string, string>): Promise<string> {
  const created = await s.client(DynamoDBClient).send(
    new CreateTableCommand({
      TableName: name,
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      ...(tags && { Tags: asList(tags) }),
    }),
  );
  return created.TableDescription!.TableArn!;
}

const tableTags = async (s: TestSandbox, arn: string) => byKey((await s.client(DynamoDBClient).send(new ListTagsOfResourceCommand({ ResourceArn: arn }))).Tags);

describe('DynamoDB', () => {
  const ddb = () => sandbox.client(DynamoDBClient);

  test('CreateTable keeps its Tags; TagResource adds and replaces, UntagResource removes', async () => {
    const arn = await table(sandbox, 'tagged', { 'labbook:chapter': 'lambda', team: 'a' });
    expect(await tableTags(sandbox, arn)).toEqual({ 'labbook:chapter': 'lambda', team: 'a' });
    await ddb().send(new TagTableCommand({ ResourceArn: arn, Tags: asList({ team: 'b', extra: '' }) }));
    expect(await tableTags(sandbox, arn)).toEqual({ 'labbook:chapter': 'lambda', team: 'b', extra: '' });
    await ddb().send(new UntagTableCommand({ ResourceArn: arn, TagKeys: ['team', 'absent'] }));
    expect(await tableTags(sandbox, arn)).toEqual({ 'labbook:chapter': 'lambda', extra: '' });
  });

  test("an unknown table, or this table's name under another account, is ResourceNotFoundException", async () => {
    const arn = await table(sandbox, 'mine');
    const elsewhere = arn.replace(sandbox.accountId, '999999999999');
    for (const resourceArn of [arn.replace('/mine', '/nothing'), elsewhere]) {
      expect(await failure(ddb().send(new ListTagsOfResourceCommand({ ResourceArn: resourceArn })))).toMatchObject({
        name: 'ResourceNotFoundException',
        message: `Requested resource not found: ResourcArn: ${resourceArn} not found`,
      });
    }
  });

  test('a table still CREATING has no tags to read or change: ResourceNotFoundException, then its create-time tags once ACTIVE', async () => {
    // AWS's timings at a twentieth: the table is CREATING for a quarter of a second or more.
    const slow = await testSandbox({ timings: { profile: 'aws', scale: 0.05, seed: 3 } });
    try {
      const arn = await table(slow, 'creating', { 'labbook:chapter': 'lambda' });
      const notFound = { name: 'ResourceNotFoundException', message: `Requested resource not found: ResourcArn: ${arn} not found` };
      const client = slow.client(DynamoDBClient);
      expect(await failure(client.send(new ListTagsOfResourceCommand({ ResourceArn: arn })))).toMatchObject(notFound);
      expect(await failure(client.send(new TagTableCommand({ ResourceArn: arn, Tags: asList({ team: 'a' }) })))).toMatchObject(notFound);
      await waitUntilTableExists({ client, maxWaitTime: 10, minDelay: 0.1 }, { TableName: 'creating' });
      expect(await tableTags(slow, arn)).toEqual({ 'labbook:chapter': 'lambda' });
    } finally {
      await slow.close();
    }
  });

  test('the model limits keys to 128 characters; a table holds at most 50 tags, on create and after', async () => {
    const arn = await table(sandbox, 'limits');
    expect(await failure(ddb().send(new TagTableCommand({ ResourceArn: arn, Tags: [{ Key: 'k'.repeat(129), Value: 'v' }] })))).toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining("at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128"),
    });
    expect(await failure(ddb().send(new TagTableCommand({ ResourceArn: arn, Tags: asList(fiftyOne) })))).toMatchObject({ name: 'ValidationException' });
    expect(await failure(table(sandbox, 'too-many', fiftyOne))).toMatchObject({ name: 'ValidationException' });
    expect(await tableTags(sandbox, arn)).toEqual({});
  });
});

describe('Lambda', () => {
  const lambda = () => sandbox.client(LambdaClient);
  const fn = (tags?: Record<string, string>) =>
    deploy(lambda(), sandbox.accountId, { files: { 'app.py': 'def handler(e, c):\n    return 1\n' }, FunctionName: uniqueName('tags'), Tags: tags });
  const arnOf = (name: string) => `arn:aws:lambda:${sandbox.sandbox.region}:${sandbox.accountId}:function:${name}`;

  test('CreateFunction keeps its Tags, GetFunction and ListTags return them; TagResource and UntagResource change them', async () => {
    const name = await fn({ 'labbook:step': 'task-8-1/function' });
    expect((await lambda().send(new GetFunctionCommand({ FunctionName: name }))).Tags).toEqual({ 'labbook:step': 'task-8-1/function' });
    await lambda().send(new TagFunctionCommand({ Resource: arnOf(name), Tags: { owner: 'me' } }));
    await lambda().send(new UntagFunctionCommand({ Resource: arnOf(name), TagKeys: ['labbook:step'] }));
    expect((await lambda().send(new ListTagsCommand({ Resource: arnOf(name) }))).Tags).toEqual({ owner: 'me' });
  });

  test('an unknown function is ResourceNotFoundException; more than 50 tags is InvalidParameterValueException', async () => {
    expect(await failure(lambda().send(new ListTagsCommand({ Resource: arnOf('nothing') })))).toMatchObject({
      name: 'ResourceNotFoundException',
      status: 404,
    });
    const name = await fn();
    expect(await failure(lambda().send(new TagFunctionCommand({ Resource: arnOf(name), Tags: fiftyOne })))).toMatchObject({
      name: 'InvalidParameterValueException',
    });
    expect(await failure(fn(fiftyOne))).toMatchObject({ name: 'InvalidParameterValueException' });
  });
});

describe('API Gateway v2', () => {
  const gateway = () => sandbox.client(ApiGatewayV2Client);
  const arnOf = (apiId: string) => `arn:aws:apigateway:${sandbox.sandbox.region}::/apis/${apiId}`;

  test('CreateApi keeps its tags, GetApi and GetApis answer them; TagResource, UntagResource and GetTags work on APIs and stages', async () => {
    const { ApiId } = await gateway().send(new CreateApiCommand({ Name: 'tagged', ProtocolType: 'HTTP', Tags: { 'labbook:chapter': 'api' } }));
    expect((await gateway().send(new GetApiCommand({ ApiId }))).Tags).toEqual({ 'labbook:chapter': 'api' });
    expect((await gateway().send(new GetApisCommand({}))).Items?.find((api) => api.ApiId === ApiId)?.Tags).toEqual({ 'labbook:chapter': 'api' });
    await gateway().send(new TagApiCommand({ ResourceArn: arnOf(ApiId!), Tags: { more: 'yes' } }));
    await gateway().send(new UntagApiCommand({ ResourceArn: arnOf(ApiId!), TagKeys: ['labbook:chapter'] }));
    expect((await gateway().send(new GetTagsCommand({ ResourceArn: arnOf(ApiId!) }))).Tags).toEqual({ more: 'yes' });
    await gateway().send(new CreateStageCommand({ ApiId, StageName: 'dev' }));
    await gateway().send(new TagApiCommand({ ResourceArn: `${arnOf(ApiId!)}/stages/dev`, Tags: { stage: 'tag' } }));
    expect((await gateway().send(new GetTagsCommand({ ResourceArn: `${arnOf(ApiId!)}/stages/dev` }))).Tags).toEqual({ stage: 'tag' });
  });

  test('an unknown API is NotFoundException; more than 50 tags is BadRequestException', async () => {
    expect(await failure(gateway().send(new GetTagsCommand({ ResourceArn: arnOf('nothing1') })))).toMatchObject({
      name: 'NotFoundException',
      message: `Invalid API identifier specified ${sandbox.accountId}:nothing1`,
    });
    const { ApiId } = await gateway().send(new CreateApiCommand({ Name: 'limits', ProtocolType: 'HTTP' }));
    expect(await failure(gateway().send(new TagApiCommand({ ResourceArn: arnOf(ApiId!), Tags: fiftyOne })))).toMatchObject({ name: 'BadRequestException' });
    expect(await failure(gateway().send(new CreateApiCommand({ Name: 'x', ProtocolType: 'HTTP', Tags: fiftyOne })))).toMatchObject({
      name: 'BadRequestException',
    });
  });
});

describe('Kinesis', () => {
  const kinesis = () => sandbox.client(KinesisClient);
  const listed = async (name: string) => byKey((await kinesis().send(new ListTagsForStreamCommand({ StreamName: name }))).Tags);

  test('CreateStream keeps its Tags; AddTagsToStream and RemoveTagsFromStream change them; ListTagsForStream pages by key', async () => {
    await kinesis().send(new CreateStreamCommand({ StreamName: 'tagged', ShardCount: 1, Tags: { b: '2', a: '1' } }));
    await kinesis().send(new AddTagsToStreamCommand({ StreamName: 'tagged', Tags: { c: '3', a: 'one' } }));
    await kinesis().send(new RemoveTagsFromStreamCommand({ StreamName: 'tagged', TagKeys: ['b'] }));
    expect(await listed('tagged')).toEqual({ a: 'one', c: '3' });
    const first = await kinesis().send(new ListTagsForStreamCommand({ StreamName: 'tagged', Limit: 1 }));
    expect(first).toMatchObject({ Tags: [{ Key: 'a', Value: 'one' }], HasMoreTags: true });
    const rest = await kinesis().send(new ListTagsForStreamCommand({ StreamName: 'tagged', ExclusiveStartTagKey: 'a' }));
    expect(rest).toMatchObject({ Tags: [{ Key: 'c', Value: '3' }], HasMoreTags: false });
  });

  test('an unknown stream is ResourceNotFoundException; a stream holds at most 50 tags', async () => {
    expect(await failure(kinesis().send(new ListTagsForStreamCommand({ StreamName: 'nothing' })))).toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Stream nothing under account ${sandbox.accountId} not found.`,
    });
    await kinesis().send(new CreateStreamCommand({ StreamName: 'limits', ShardCount: 1 }));
    expect(await failure(kinesis().send(new AddTagsToStreamCommand({ StreamName: 'limits', Tags: fiftyOne })))).toMatchObject({
      name: 'InvalidArgumentException',
    });
    expect(await failure(kinesis().send(new CreateStreamCommand({ StreamName: 'too-many', ShardCount: 1, Tags: fiftyOne })))).toMatchObject({
      name: 'InvalidArgumentException',
    });
  });
});

test('tags survive a restart wherever their resource does', async () => {
  await withDataDir(async (dataDir) => {
    const tags = { 'labbook:chapter': 'durable' };
    const before = await testSandbox({ dataDir });
    const tableArn = await table(before, 'durable', tags);
    const name = await deploy(before.client(LambdaClient), before.accountId, { files: { 'app.py': '' }, FunctionName: 'durable', Tags: tags });
    const { ApiId } = await before.client(ApiGatewayV2Client).send(new CreateApiCommand({ Name: 'durable', ProtocolType: 'HTTP' }));
    await before.client(ApiGatewayV2Client).send(new TagApiCommand({ ResourceArn: `arn:aws:apigateway:${before.sandbox.region}::/apis/${ApiId}`, Tags: tags }));
    await before.client(KinesisClient).send(new CreateStreamCommand({ StreamName: 'durable', ShardCount: 1 }));
    await before.client(KinesisClient).send(new AddTagsToStreamCommand({ StreamName: 'durable', Tags: tags }));
    await before.close();

    const after = await testSandbox({ dataDir });
    try {
      expect(await tableTags(after, tableArn)).toEqual(tags);
      expect((await after.client(LambdaClient).send(new GetFunctionCommand({ FunctionName: name }))).Tags).toEqual(tags);
      expect((await after.client(ApiGatewayV2Client).send(new GetApiCommand({ ApiId }))).Tags).toEqual(tags);
      expect(byKey((await after.client(KinesisClient).send(new ListTagsForStreamCommand({ StreamName: 'durable' }))).Tags)).toEqual(tags);
    } finally {
      await after.close();
    }
  });
});

import {
  DeleteItemCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { onDemandTable } from './dynamodb-helpers.ts';
import { rawRequest, sendSigned, testSandbox, useSandbox } from './harness.ts';

const sandbox = useSandbox();

describe('the operations the lab uses', () => {
  test('CreateTable answers CREATING, and the first DescribeTable already says ACTIVE', async () => {
    const ddb = sandbox.client(DynamoDBClient);
    const created = await ddb.send(onDemandTable('ccbda-lambda-first', 'thingID'));
    expect(created.TableDescription?.TableStatus).toBe('CREATING');
    const described = await ddb.send(new DescribeTableCommand({ TableName: 'ccbda-lambda-first' }));
    expect(described.Table?.TableStatus).toBe('ACTIVE');
    expect(described.Table?.TableArn).toBe(`arn:aws:dynamodb:us-east-1:${sandbox.accountId}:table/ccbda-lambda-first`);
    expect(described.Table?.KeySchema).toEqual([{ AttributeName: 'thingID', KeyType: 'HASH' }]);
    expect(described.Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    const listed = await ddb.send(new ListTablesCommand({}));
    expect(listed.TableNames).toContain('ccbda-lambda-first');
  });

  test('PutItem, GetItem, UpdateItem, Scan, DeleteItem on the lab table', async () => {
    const ddb = sandbox.client(DynamoDBClient);
    const TableName = 'ccbda-lambda-first';
    await ddb.send(new PutItemCommand({ TableName, Item: { thingID: { S: 'lamp' }, colour: { S: 'red' } } }));
    await ddb.send(new PutItemCommand({ TableName, Item: { thingID: { S: 'desk' } } }));
    const got = await ddb.send(new GetItemCommand({ TableName, Key: { thingID: { S: 'lamp' } } }));
    expect(got.Item).toEqual({ thingID: { S: 'lamp' }, colour: { S: 'red' } });

    const updated = await ddb.send(
      new UpdateItemCommand({
        TableName,
        Key: { thingID: { S: 'lamp' } },
        UpdateExpression: 'SET colour = :c',
        ExpressionAttributeValues: { ':c': { S: 'blue' } },
        ReturnValues: 'ALL_NEW',
      }),
    );
    expect(updated.Attributes).toEqual({ thingID: { S: 'lamp' }, colour: { S: 'blue' } });

    const scanned = await ddb.send(new ScanCommand({ TableName }));
    expect(scanned.Count).toBe(2);
    expect(scanned.Items?.map((i) => i.thingID.S).sort()).toEqual(['desk', 'lamp']);

    await ddb.send(new DeleteItemCommand({ TableName, Key: { thingID: { S: 'desk' } } }));
    const afterDelete = await ddb.send(new ScanCommand({ TableName }));
    expect(afterDelete.Items).toEqual([{ thingID: { S: 'lamp' }, colour: { S: 'blue' } }]);
  });

  test('Query by partition and sort key', async () => {
    const ddb = sandbox.client(DynamoDBClient);
    const TableName = 'readings';
    await ddb.send(onDemandTable(TableName, 'sensor', 'S', { key: 'at', type: 'N' }));
    for (const [sensor, at] of [
      ['a', 1],
      ['a', 2],
      ['a', 3],
      ['b', 1],
    ] as const) {
      await ddb.send(new PutItemCommand({ TableName, Item: { sensor: { S: sensor }, at: { N: String(at) } } }));
    }
    const queried = await ddb.send(
      new QueryCommand({
        TableName,
        KeyConditionExpression: 'sensor = :s AND #at >= :from',
        ExpressionAttributeNames: { '#at': 'at' },
        ExpressionAttributeValues: { ':s': { S: 'a' }, ':from': { N: '2' } },
      }),
    );
    expect(queried.Items?.map((i) => i.at.N)).toEqual(['2', '3']);
  });

  test('DeleteTable removes the table; describing it then is ResourceNotFoundException', async () => {
    const ddb = sandbox.client(DynamoDBClient);
    await ddb.send(onDemandTable('short-lived', 'thingID'));
    const deleted = await ddb.send(new DeleteTableCommand({ TableName: 'short-lived' }));
    expect(deleted.TableDescription?.TableStatus).toBe('DELETING');
    const error = await ddb.send(new DescribeTableCommand({ TableName: 'short-lived' })).catch((e) => e);
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe('Requested resource not found: Table: short-lived not found');
    // The name is free again at once.
    await ddb.send(onDemandTable('short-lived', 'thingID'));
  });
});

describe('bad input gets DynamoDB’s own errors, and the sandbox keeps answering', () => {
  const send = (target: string, body: string, headers: Record<string, string> = {}) =>
    sendSigned(sandbox.url, {
      service: 'dynamodb',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': target, ...headers },
      body,
      credentials: sandbox.credentials,
    });

  test.each([
    ['malformed JSON', 'DynamoDB_20120810.PutItem', '{"TableName": ', 'com.amazon.coral.service#SerializationException'],
    ['a number where a string belongs', 'DynamoDB_20120810.GetItem', '{"TableName": 5, "Key": {}}', 'com.amazon.coral.service#SerializationException'],
    ['a missing required field', 'DynamoDB_20120810.PutItem', '{"TableName": "ccbda-lambda-first"}', 'com.amazon.coral.validate#ValidationException'],
    ['an unknown operation', 'DynamoDB_20120810.DropEverything', '{}', 'com.amazon.coral.service#UnknownOperationException'],
    ['a target of another service', 'Logs_20140328.DescribeLogGroups', '{}', 'com.amazon.coral.service#UnknownOperationException'],
    [
      'an item for a table that does not exist',
      'DynamoDB_20120810.PutItem',
      '{"TableName": "nope", "Item": {"k": {"S": "v"}}}',
      'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException',
    ],
  ])('%s', async (_, target, body, type) => {
    const res = await send(target, body);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).__type).toBe(type);
    expect(res.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    expect((await send('DynamoDB_20120810.ListTables', '{}')).status).toBe(200);
  });

  test('a missing field is named in the message', async () => {
    const res = await send('DynamoDB_20120810.PutItem', '{"TableName": "ccbda-lambda-first"}');
    expect(JSON.parse(res.body).message).toBe("1 validation error detected: Value null at 'item' failed to satisfy constraint: Member must not be null");
  });

  test('a body over 16 MiB is refused with 413 before it is signed-checked', async () => {
    const res = await rawRequest(sandbox.url, {
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.PutItem' },
      body: Buffer.alloc(16 * 1024 * 1024 + 1, 'a'),
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toEqual({
      __type: 'com.amazon.coral.service#RequestEntityTooLargeException',
      message: `Request must be smaller than ${16 * 1024 * 1024} bytes.`,
    });
    expect((await send('DynamoDB_20120810.ListTables', '{}')).status).toBe(200);
  });
});

test('tables and items survive a restart on the same data directory', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'labbook-ddb-'));
  try {
    const first = await testSandbox({ dataDir });
    const ddb = first.client(DynamoDBClient);
    await ddb.send(onDemandTable('ccbda-lambda-first', 'thingID'));
    await ddb.send(new PutItemCommand({ TableName: 'ccbda-lambda-first', Item: { thingID: { S: 'kept' } } }));
    await first.close();

    const second = await testSandbox({ dataDir });
    try {
      expect(second.accountId).toBe(first.accountId);
      // The first run's credentials are still valid after the restart.
      const again = second.client(DynamoDBClient, first.credentials);
      const described = await again.send(new DescribeTableCommand({ TableName: 'ccbda-lambda-first' }));
      expect(described.Table?.TableStatus).toBe('ACTIVE');
      const scanned = await again.send(new ScanCommand({ TableName: 'ccbda-lambda-first' }));
      expect(scanned.Items).toEqual([{ thingID: { S: 'kept' } }]);
    } finally {
      await second.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

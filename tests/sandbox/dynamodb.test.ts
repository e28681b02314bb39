import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { expect, test } from 'vitest';
import { useSandbox } from './harness.ts';

const sandbox = useSandbox();

test('a new table is ACTIVE on the first DescribeTable', async () => {
  const ddb = sandbox.client(DynamoDBClient);
  await ddb.send(new CreateTableCommand({
    TableName: 'ccbda-lambda-first',
    AttributeDefinitions: [{ AttributeName: 'thingID', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'thingID', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  }));
  const described = await ddb.send(new DescribeTableCommand({ TableName: 'ccbda-lambda-first' }));
  expect(described.Table?.TableStatus).toBe('ACTIVE');
  await ddb.send(new PutItemCommand({ TableName: 'ccbda-lambda-first', Item: { thingID: { S: 'a' } } }));
  const scan = await ddb.send(new ScanCommand({ TableName: 'ccbda-lambda-first' }));
  expect(scan.Items).toEqual([{ thingID: { S: 'a' } }]);
  expect(described.Table?.TableArn).toBe(`arn:aws:dynamodb:us-east-1:${sandbox.accountId}:table/ccbda-lambda-first`);
});

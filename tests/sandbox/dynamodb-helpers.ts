// The table most tests, specs and benchmarks need, made as the lab makes its tables:
// on-demand, one partition key and no sort key.
import { CreateTableCommand, type ScalarAttributeType } from '@aws-sdk/client-dynamodb';

/** CreateTable for an on-demand table keyed by `key` alone (a string unless `type` says otherwise). */
export function onDemandTable(TableName: string, key: string, type: ScalarAttributeType = 'S'): CreateTableCommand {
  return new CreateTableCommand({
    TableName,
    AttributeDefinitions: [{ AttributeName: key, AttributeType: type }],
    KeySchema: [{ AttributeName: key, KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  });
}

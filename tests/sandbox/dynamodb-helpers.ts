// The table most tests, specs and benchmarks need, made as the lab makes its tables:
// on-demand, one partition key and, unless a test asks for one, no sort key.
import { CreateTableCommand, type ScalarAttributeType } from '@aws-sdk/client-dynamodb';

/** CreateTable for an on-demand table keyed by `key` (a string unless `type` says otherwise), and `sort` if given. */
export function onDemandTable(
  TableName: string,
  key: string,
  type: ScalarAttributeType = 'S',
  sort?: { key: string; type: ScalarAttributeType },
): CreateTableCommand {
  return new CreateTableCommand({
    TableName,
    AttributeDefinitions: [{ AttributeName: key, AttributeType: type }, ...(sort ? [{ AttributeName: sort.key, AttributeType: sort.type }] : [])],
    KeySchema: [{ AttributeName: key, KeyType: 'HASH' }, ...(sort ? [{ AttributeName: sort.key, KeyType: 'RANGE' as const }] : [])],
    BillingMode: 'PAY_PER_REQUEST',
  });
}

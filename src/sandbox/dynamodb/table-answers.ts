// DynamoDB's table answers where dynalite's differ from AWS's, each as AWS was recorded giving it:
// test_dynamodb.snapshot.json in localstack/localstack (TestDynamoDB::test_table_crud,
// ::test_create_duplicate_table, ::test_gsi_with_billing_mode), recorded on AWS.
import type { EngineResult } from './engine.ts';

type Description = Record<string, unknown>;
interface Throughput {
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

/** An on-demand table's or index's warm throughput, as AWS reports it for a new one. */
const ON_DEMAND_WARM = { ReadUnitsPerSecond: 12000, WriteUnitsPerSecond: 4000 };

function warmThroughput(description: Description, onDemand: boolean) {
  const provisioned = description.ProvisionedThroughput as Throughput | undefined;
  const units = onDemand ? ON_DEMAND_WARM : { ReadUnitsPerSecond: provisioned?.ReadCapacityUnits, WriteUnitsPerSecond: provisioned?.WriteCapacityUnits };
  return { ...units, Status: 'ACTIVE' };
}

function described(table: Description): Description {
  const onDemand = (table.BillingModeSummary as { BillingMode?: string } | undefined)?.BillingMode === 'PAY_PER_REQUEST';
  const indexes = table.GlobalSecondaryIndexes as Description[] | undefined;
  return {
    ...table,
    DeletionProtectionEnabled: false,
    WarmThroughput: warmThroughput(table, onDemand),
    ...(indexes ? { GlobalSecondaryIndexes: indexes.map((index) => ({ ...index, WarmThroughput: warmThroughput(index, onDemand) })) } : {}),
  };
}

/** A deleted table's description leaves out its schema and creation time. */
function deleted(table: Description): Description {
  const rest = { ...table };
  for (const key of ['AttributeDefinitions', 'KeySchema', 'CreationDateTime']) delete rest[key];
  return { ...rest, DeletionProtectionEnabled: false };
}

const reshape: Record<string, (body: Description) => Description> = {
  CreateTable: (body) => ({ TableDescription: { ...(body.TableDescription as Description), DeletionProtectionEnabled: false } }),
  DescribeTable: (body) => ({ Table: described(body.Table as Description) }),
  DeleteTable: (body) => ({ TableDescription: deleted(body.TableDescription as Description) }),
};

/** The answer to send for `operation`; only the three table operations are read and rewritten. */
export function tableAnswer(operation: string, request: string, result: EngineResult<string>): EngineResult<string> {
  const rewrite = reshape[operation];
  if (!rewrite) return result;
  const body = JSON.parse(result.body) as Description;
  if (result.status === 200) return { status: 200, body: JSON.stringify(rewrite(body)) };
  // dynalite names no table when it refuses a second one of the same name.
  if (operation === 'CreateTable' && String(body.__type).endsWith('#ResourceInUseException') && !body.message) {
    const { TableName } = JSON.parse(request) as { TableName?: string };
    return { status: result.status, body: JSON.stringify({ ...body, message: `Table already exists: ${TableName}` }) };
  }
  return result;
}

// A DynamoDB table with a partition key, and a sort key if the step declares one, and
// on-demand billing, as a step. Task 8.1's table and Task 8.2's connections table are both
// this step with other defaults.
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ListTagsOfResourceCommand,
  type ScalarAttributeType,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { send } from '../calls.ts';
import { awsCommand } from '../cli.ts';
import { run, shorthand } from '../shells.ts';
import { tagMap } from '../labbook-tags.ts';
import type { Finding, Made, Place, Step, StepContext, TaggedKind } from '../model.ts';
import { hasName } from '../waiting.ts';
import { readIfListed } from './listed-lookup.ts';
import { createOrAdopt, deleteAndWait, waitActive, type StatusResource } from './status-lifecycle.ts';

export interface TableInputs {
  tableName: string;
  partitionKey: string;
  keyType: ScalarAttributeType;
  /** A table keyed by partition and sort key declares both; the lab's tables have none. */
  sortKey?: string;
  sortKeyType?: ScalarAttributeType;
}

const KEY_TYPES: readonly ScalarAttributeType[] = ['S', 'N', 'B'];
const KEY_TYPE_NAMES: Record<string, string> = { S: 'string', N: 'number', B: 'binary' };

const tableResource = (name: string): StatusResource<TableDescription> => ({ kind: 'Table', name, status: (t) => t.TableStatus });

async function describeTable(ctx: StepContext, tableName: string): Promise<TableDescription> {
  const { Table } = await send(ctx, ctx.client(DynamoDBClient), new DescribeTableCommand({ TableName: tableName }));
  return Table!;
}

/** Every table's name in the region, page after page. */
async function tableNames(ctx: StepContext): Promise<string[]> {
  const client = ctx.client(DynamoDBClient);
  const names: string[] = [];
  let start: string | undefined;
  do {
    const page = await send(ctx, client, new ListTablesCommand({ ExclusiveStartTableName: start }));
    names.push(...(page.TableNames ?? []));
    start = page.LastEvaluatedTableName;
  } while (start);
  return names;
}

/** True when ListTables names the table (see listed-lookup.ts for why). */
const tableListed = async (ctx: StepContext, tableName: string): Promise<boolean> => (await tableNames(ctx)).includes(tableName);

/** A table's tags, page after page. ListTagsOfResource takes an ARN, which ListTables does not give: it is the table's by AWS's ARN format. */
async function tableTags(ctx: StepContext, name: string): Promise<Record<string, string>> {
  const client = ctx.client(DynamoDBClient);
  const arn = `arn:aws:dynamodb:${ctx.region}:${ctx.account}:table/${name}`;
  const tags: Record<string, string> = {};
  let token: string | undefined;
  do {
    const page = await send(ctx, client, new ListTagsOfResourceCommand({ ResourceArn: arn, NextToken: token }));
    Object.assign(tags, tagMap(page.Tags));
    token = page.NextToken;
  } while (token);
  return tags;
}

const notFound = hasName('ResourceNotFoundException');

/**
 * Every table with its tags. A table whose tags AWS will not read (ResourceNotFoundException)
 * is still CREATING, or was deleted since it was listed: neither is there to tear down yet.
 */
const taggedTables: TaggedKind = {
  list: async (ctx) => {
    const tables = await Promise.all(
      (await tableNames(ctx)).map(async (name) => {
        try {
          return [{ name, tags: await tableTags(ctx, name) }];
        } catch (error) {
          if (notFound(error)) return [];
          throw error;
        }
      }),
    );
    return tables.flat();
  },
};

export const findTable = (ctx: StepContext, tableName: string): Promise<TableDescription | undefined> =>
  readIfListed(
    () => tableListed(ctx, tableName),
    () => describeTable(ctx, tableName),
  );

/** The names of the table's key attributes (partition key, then sort key if any). */
export function keyNamesOf(table: TableDescription): string[] {
  return (table.KeySchema ?? []).map((key) => key.AttributeName!);
}

/** The table's partition key (HASH) or sort key (RANGE): its name and type, if it has one. */
function keyOf(table: TableDescription, keyType: 'HASH' | 'RANGE'): { name?: string; type?: string } {
  const name = table.KeySchema?.find((key) => key.KeyType === keyType)?.AttributeName;
  const type = table.AttributeDefinitions?.find((definition) => definition.AttributeName === name)?.AttributeType;
  return { name, type };
}

function summary(table: TableDescription): string {
  const key = keyOf(table, 'HASH');
  const sort = keyOf(table, 'RANGE');
  const billing = table.BillingModeSummary?.BillingMode === 'PAY_PER_REQUEST' ? 'on-demand' : 'provisioned capacity';
  const sortText = sort.name ? `, sort key ${sort.name} (${sort.type})` : '';
  return `${table.TableName}: ${table.TableStatus}, partition key ${key.name} (${key.type})${sortText}, ${billing}`;
}

/** The table's key as CreateTable takes it: the partition key, then the sort key if declared. */
function keySchema(inputs: TableInputs) {
  const sorted = inputs.sortKey ? [{ name: inputs.sortKey, type: inputs.sortKeyType ?? 'S', keyType: 'RANGE' as const }] : [];
  const keys = [{ name: inputs.partitionKey, type: inputs.keyType, keyType: 'HASH' as const }, ...sorted];
  return {
    AttributeDefinitions: keys.map((key) => ({ AttributeName: key.name, AttributeType: key.type })),
    KeySchema: keys.map((key) => ({ AttributeName: key.name, KeyType: key.keyType })),
  };
}

/** What the check says of the sort key: the declared one, or that there is none. */
function sortKeyFinding(table: TableDescription, inputs: TableInputs): Finding {
  const sort = keyOf(table, 'RANGE');
  if (!inputs.sortKey) {
    return {
      label: 'No sort key',
      ok: !sort.name,
      detail: sort.name ? `It has the sort key ${sort.name}, so every item needs that too.` : 'Items are found by the partition key alone.',
    };
  }
  const type = inputs.sortKeyType ?? 'S';
  return {
    label: `Sort key ${inputs.sortKey} of type ${type} (${KEY_TYPE_NAMES[type] ?? type})`,
    ok: sort.name === inputs.sortKey && sort.type === type,
    detail: sort.name ? `The sort key is ${sort.name} of type ${sort.type}.` : 'It has no sort key.',
  };
}

export function dynamoTableStep(id: string, title: string, defaults: TableInputs): Step<TableInputs, TableDescription> {
  return {
    id,
    title,
    fields: [
      { name: 'tableName', label: 'Table name', kind: 'text' },
      { name: 'partitionKey', label: 'Partition key', kind: 'text' },
      { name: 'keyType', label: 'Key type', kind: 'select', options: KEY_TYPES, help: 'S string, N number, B binary' },
      // Only a step that declares a sort key asks for one: the lab's tables have none.
      ...(defaults.sortKey === undefined
        ? []
        : [
            { name: 'sortKey' as const, label: 'Sort key', kind: 'text' as const },
            { name: 'sortKeyType' as const, label: 'Sort key type', kind: 'select' as const, options: KEY_TYPES, help: 'S string, N number, B binary' },
          ]),
    ],
    defaults: () => ({ ...defaults }),
    nameOf: (inputs) => inputs.tableName,
    tagged: taggedTables,

    find: (ctx, inputs) => findTable(ctx, inputs.tableName),

    async create(ctx, inputs) {
      ctx.progress({ text: `Creating table ${inputs.tableName}` });
      await createOrAdopt(() =>
        send(
          ctx,
          ctx.client(DynamoDBClient),
          new CreateTableCommand({
            TableName: inputs.tableName,
            ...keySchema(inputs),
            BillingMode: 'PAY_PER_REQUEST',
            Tags: ctx.resourceTags && Object.entries(ctx.resourceTags).map(([Key, Value]) => ({ Key, Value })),
          }),
        ),
      );
    },

    async waitReady(ctx, inputs): Promise<Made> {
      const table = await waitActive(ctx, tableResource(inputs.tableName), () => describeTable(ctx, inputs.tableName));
      return { name: inputs.tableName, arn: table.TableArn, summary: summary(table) };
    },

    async check(ctx, inputs): Promise<Finding[]> {
      const table = await findTable(ctx, inputs.tableName);
      if (!table) return [{ label: `Table ${inputs.tableName} exists`, ok: false, detail: `There is no table named ${inputs.tableName} in ${ctx.region}.` }];
      const key = keyOf(table, 'HASH');
      const wantedType = KEY_TYPE_NAMES[inputs.keyType] ?? inputs.keyType;
      return [
        { label: `Table ${inputs.tableName} is ACTIVE`, ok: table.TableStatus === 'ACTIVE', detail: `Its status is ${table.TableStatus}.` },
        {
          label: `Partition key ${inputs.partitionKey} of type ${inputs.keyType} (${wantedType})`,
          ok: key.name === inputs.partitionKey && key.type === inputs.keyType,
          detail: `The partition key is ${key.name} of type ${key.type}.`,
        },
        sortKeyFinding(table, inputs),
      ];
    },

    remove: (ctx, inputs) =>
      deleteAndWait(
        ctx,
        tableResource(inputs.tableName),
        { find: () => findTable(ctx, inputs.tableName), listed: () => tableListed(ctx, inputs.tableName) },
        () => send(ctx, ctx.client(DynamoDBClient), new DeleteTableCommand({ TableName: inputs.tableName })),
      ),

    cli: (inputs, place: Place) => [
      run(
        awsCommand(place, 'dynamodb', 'create-table', [
          ['--table-name', inputs.tableName],
          ['--attribute-definitions', shorthand(keySchema(inputs).AttributeDefinitions)],
          ['--key-schema', shorthand(keySchema(inputs).KeySchema)],
          ['--billing-mode', 'PAY_PER_REQUEST'],
        ]),
      ),
      run(awsCommand(place, 'dynamodb', 'wait table-exists', [['--table-name', inputs.tableName]])),
    ],
  };
}

// A DynamoDB table with a partition key and on-demand billing, as a step. Task 8.1's table
// and Task 8.2's connections table are both this step with other defaults.
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
import { readIfListed } from './listed-lookup.ts';
import { createOrAdopt, deleteAndWait, waitActive, type StatusResource } from './status-lifecycle.ts';

export interface TableInputs {
  tableName: string;
  partitionKey: string;
  keyType: ScalarAttributeType;
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

/** Every table with its tags. */
const taggedTables: TaggedKind = {
  list: async (ctx) => Promise.all((await tableNames(ctx)).map(async (name) => ({ name, tags: await tableTags(ctx, name) }))),
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

function partitionKeyOf(table: TableDescription): { name?: string; type?: string } {
  const name = table.KeySchema?.find((key) => key.KeyType === 'HASH')?.AttributeName;
  const type = table.AttributeDefinitions?.find((definition) => definition.AttributeName === name)?.AttributeType;
  return { name, type };
}

function summary(table: TableDescription): string {
  const key = partitionKeyOf(table);
  const billing = table.BillingModeSummary?.BillingMode === 'PAY_PER_REQUEST' ? 'on-demand' : 'provisioned capacity';
  return `${table.TableName}: ${table.TableStatus}, partition key ${key.name} (${key.type}), ${billing}`;
}

export function dynamoTableStep(id: string, title: string, defaults: TableInputs): Step<TableInputs, TableDescription> {
  return {
    id,
    title,
    fields: [
      { name: 'tableName', label: 'Table name', kind: 'text' },
      { name: 'partitionKey', label: 'Partition key', kind: 'text' },
      { name: 'keyType', label: 'Key type', kind: 'select', options: KEY_TYPES, help: 'S string, N number, B binary' },
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
            AttributeDefinitions: [{ AttributeName: inputs.partitionKey, AttributeType: inputs.keyType }],
            KeySchema: [{ AttributeName: inputs.partitionKey, KeyType: 'HASH' }],
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
      const key = partitionKeyOf(table);
      const sortKey = table.KeySchema?.find((k) => k.KeyType === 'RANGE')?.AttributeName;
      const wantedType = KEY_TYPE_NAMES[inputs.keyType] ?? inputs.keyType;
      return [
        { label: `Table ${inputs.tableName} is ACTIVE`, ok: table.TableStatus === 'ACTIVE', detail: `Its status is ${table.TableStatus}.` },
        {
          label: `Partition key ${inputs.partitionKey} of type ${inputs.keyType} (${wantedType})`,
          ok: key.name === inputs.partitionKey && key.type === inputs.keyType,
          detail: `The partition key is ${key.name} of type ${key.type}.`,
        },
        {
          label: 'No sort key',
          ok: !sortKey,
          detail: sortKey ? `It has the sort key ${sortKey}, so every item needs that too.` : 'Items are found by the partition key alone.',
        },
      ];
    },

    remove: (ctx, inputs) =>
      deleteAndWait(
        ctx,
        tableResource(inputs.tableName),
        () => findTable(ctx, inputs.tableName),
        () => send(ctx, ctx.client(DynamoDBClient), new DeleteTableCommand({ TableName: inputs.tableName })),
      ),

    cli: (inputs, place: Place) => [
      run(
        awsCommand(place, 'dynamodb', 'create-table', [
          ['--table-name', inputs.tableName],
          ['--attribute-definitions', shorthand([{ AttributeName: inputs.partitionKey, AttributeType: inputs.keyType }])],
          ['--key-schema', shorthand([{ AttributeName: inputs.partitionKey, KeyType: 'HASH' }])],
          ['--billing-mode', 'PAY_PER_REQUEST'],
        ]),
      ),
      run(awsCommand(place, 'dynamodb', 'wait table-exists', [['--table-name', inputs.tableName]])),
    ],
  };
}

// Reading and changing a table's items, for the item browser: every call recorded like a
// step's, each with its AWS CLI equivalent. Items stay in DynamoDB JSON ({"S": "lamp"}),
// the form the lab's requests and the CLI use.
import { DeleteItemCommand, DynamoDBClient, PutItemCommand, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { send } from '../calls.ts';
import { awsCommand } from '../cli.ts';
import { json, run } from '../shells.ts';
import type { Place, StepContext } from '../model.ts';

export type Item = Record<string, AttributeValue>;

/** Enough for a lab table; a page never holds more. */
const MAX_ITEMS = 1000;

export interface ScanResult {
  items: Item[];
  /** True when the table holds more than MAX_ITEMS. */
  truncated: boolean;
}

/** Every item, page by page (a Scan answers at most 1 MB at a time). */
export async function scanItems(ctx: StepContext, tableName: string): Promise<ScanResult> {
  const client = ctx.client(DynamoDBClient);
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const page = await send(ctx, client, new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey && items.length < MAX_ITEMS);
  return { items: items.slice(0, MAX_ITEMS), truncated: startKey !== undefined || items.length > MAX_ITEMS };
}

export async function putItem(ctx: StepContext, tableName: string, item: Item): Promise<void> {
  await send(ctx, ctx.client(DynamoDBClient), new PutItemCommand({ TableName: tableName, Item: item }));
}

export async function deleteItem(ctx: StepContext, tableName: string, key: Item): Promise<void> {
  await send(ctx, ctx.client(DynamoDBClient), new DeleteItemCommand({ TableName: tableName, Key: key }));
}

/** The item's key attributes only, for DeleteItem. */
export function keyOf(item: Item, keyNames: readonly string[]): Item {
  return Object.fromEntries(keyNames.filter((name) => name in item).map((name) => [name, item[name]]));
}

/**
 * Reads an item typed by the student as DynamoDB JSON. Only the shape is checked here (an
 * object of attributes, each an object with one type); DynamoDB itself judges the values
 * and answers with its own error.
 */
export function parseItem(text: string): { item: Item } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problem: `This is not JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problem: 'An item is a JSON object: {"thingID": {"S": "lamp"}}.' };
  for (const [name, attribute] of Object.entries(value as Record<string, unknown>)) {
    if (typeof attribute !== 'object' || attribute === null || Array.isArray(attribute) || Object.keys(attribute).length !== 1) {
      return { problem: `Attribute ${name} needs its type, e.g. {"S": "text"} or {"N": "3"}.` };
    }
  }
  return { item: value as Item };
}

/** One attribute value as plain text for the item table: strings bare, everything else as JSON. */
export function attributeText(value: AttributeValue | undefined): string {
  if (value === undefined) return '';
  const [[type, inner]] = Object.entries(value) as Array<[string, unknown]>;
  if (type === 'S' || type === 'N') return String(inner);
  if (type === 'NULL') return 'null';
  return JSON.stringify(inner);
}

/** Attribute names across all items, the key first, then in order of first appearance. */
export function columnsOf(items: readonly Item[], keyNames: readonly string[]): string[] {
  const names = new Set(keyNames);
  for (const item of items) for (const name of Object.keys(item)) names.add(name);
  return [...names];
}

export const itemsCli = {
  scan: (place: Place, tableName: string) => [run(awsCommand(place, 'dynamodb', 'scan', [['--table-name', tableName]]))],
  put: (place: Place, tableName: string, item: Item) => [
    run(
      awsCommand(place, 'dynamodb', 'put-item', [
        ['--table-name', tableName],
        ['--item', json(item)],
      ]),
    ),
  ],
  delete: (place: Place, tableName: string, key: Item) => [
    run(
      awsCommand(place, 'dynamodb', 'delete-item', [
        ['--table-name', tableName],
        ['--key', json(key)],
      ]),
    ),
  ],
};

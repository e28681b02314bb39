// The lab's four calls to its CRUD API, as requests: a scan with TableName in the query
// string, and put_item, update_item and delete_item bodies in DynamoDB JSON. The Request
// client offers them as templates; the Items app sends them.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Item } from '../../steps/actions/table-items.ts';
import { baseOf, withParams, type RequestDraft } from './http-request.ts';

const JSON_HEADERS = [{ name: 'Content-Type', value: 'application/json' }];
const body = (value: object) => JSON.stringify(value, null, 2);

/** GET <url>?TableName=<table>: the function passes the query string to scan(). */
export const scanRequest = (url: string, tableName: string): RequestDraft => ({
  method: 'GET',
  url: withParams(baseOf(url), [{ name: 'TableName', value: tableName }]),
  headers: [],
  body: '',
});

export const putItemRequest = (url: string, tableName: string, item: Item): RequestDraft => ({
  method: 'POST',
  url: baseOf(url),
  headers: JSON_HEADERS,
  body: body({ TableName: tableName, Item: item }),
});

/** SET one attribute; #name and :value keep any attribute name (even a reserved word) legal. */
export const updateAttributeRequest = (url: string, tableName: string, key: Item, name: string, value: AttributeValue): RequestDraft => ({
  method: 'PUT',
  url: baseOf(url),
  headers: JSON_HEADERS,
  body: body({
    TableName: tableName,
    Key: key,
    UpdateExpression: 'SET #name = :value',
    ExpressionAttributeNames: { '#name': name },
    ExpressionAttributeValues: { ':value': value },
    ReturnValues: 'ALL_NEW',
  }),
});

export const deleteItemRequest = (url: string, tableName: string, key: Item): RequestDraft => ({
  method: 'DELETE',
  url: baseOf(url),
  headers: JSON_HEADERS,
  body: body({ TableName: tableName, Key: key }),
});

export interface RequestTemplate {
  name: string;
  draft: RequestDraft;
}

/** The chapter's four example calls, for the student's URL and table. */
export function requestTemplates(url: string, tableName: string): RequestTemplate[] {
  const lamp = { thingID: { S: 'lamp' } };
  return [
    { name: 'scan (GET)', draft: scanRequest(url, tableName) },
    { name: 'put_item (POST)', draft: putItemRequest(url, tableName, { ...lamp, colour: { S: 'red' } }) },
    { name: 'update_item (PUT)', draft: updateAttributeRequest(url, tableName, lamp, 'colour', { S: 'blue' }) },
    { name: 'delete_item (DELETE)', draft: deleteItemRequest(url, tableName, lamp) },
  ];
}

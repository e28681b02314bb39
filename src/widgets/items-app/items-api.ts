// The Items app's calls to the CRUD API: list (a scan), add, change one attribute, delete.
// An answer other than 2xx stops the work with the API's own status and body; the listing
// first tries again through the few seconds a new deployment or permission takes (settling-api.ts).
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { ApiRequestError, type ApiAnswer } from '../../cloud/api-requests.ts';
import { httpApiNotYet, stillNotAnswering, untilSettled, type Waiting } from '../../steps/actions/settling-api.ts';
import { answerHint, parsedJson } from '../request-client/answer-hints.ts';
import { keyOf as keyAttributes, type Item } from '../../steps/actions/table-items.ts';
import { deleteItemRequest, putItemRequest, scanRequest, updateAttributeRequest } from '../request-client/crud-requests.ts';
import { toApiRequest, type RequestDraft } from '../request-client/http-request.ts';
import type { Send } from '../request-client/use-http-work.ts';

/** The lab's table key. */
export const KEY_NAME = 'thingID';

export interface Listing {
  items: Item[];
  /** The scan stopped at 1 MB (LastEvaluatedKey): only the first items are shown. */
  more: boolean;
}

function checked(answer: ApiAnswer, afterTrying = ''): ApiAnswer {
  if (answer.status >= 200 && answer.status < 300) return answer;
  throw new ApiRequestError(
    `HTTP ${answer.status}`,
    `${answer.status} ${answer.statusText}: ${answer.body || '(no body)'}${afterTrying}`,
    answerHint(answer) ?? 'The API refused the request; its answer above says why.',
  );
}

async function call(send: Send, draft: RequestDraft): Promise<ApiAnswer> {
  return checked(await send(toApiRequest(draft)));
}

function isItem(value: unknown): value is Item {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A page on another origin sees no answer at all to API Gateway's own Not Found, which has no
 * CORS headers (api-requests.ts): from the page, a stage still without its deployment looks so.
 */
const unreadable = (error: unknown) => error instanceof ApiRequestError && error.name === 'NoReadableAnswer';

type Tried = { answer: ApiAnswer } | { error: unknown };

/** The scan's answer, once it is more than API Gateway's answer for a deployment or permission not yet in effect. */
async function settledScan(send: Send, url: string, tableName: string, waiting: Waiting): Promise<ApiAnswer> {
  const tried = await untilSettled<Tried>(waiting, {
    call: () =>
      send(toApiRequest(scanRequest(url, tableName))).then(
        (answer) => ({ answer }),
        (error: unknown) => ({ error }),
      ),
    notYet: (sent) =>
      'answer' in sent
        ? httpApiNotYet(sent.answer.status, sent.answer.body)
        : unreadable(sent.error)
          ? 'The API gave the page no answer it may read, as for a few seconds after a deployment'
          : undefined,
    waitingFor: 'the API’s deployment and its function’s permission to take effect',
    doneText: 'Listing the items',
  });
  if ('error' in tried) throw tried.error;
  const { answer } = tried;
  return checked(answer, httpApiNotYet(answer.status, answer.body) ? `. ${stillNotAnswering('The API', `answered ${answer.status}`)}.` : '');
}

export async function listItems(send: Send, url: string, tableName: string, waiting: Waiting): Promise<Listing> {
  const answer = await settledScan(send, url, tableName, waiting);
  const scanned = parsedJson(answer.body) as { Items?: unknown; LastEvaluatedKey?: unknown } | undefined;
  if (!Array.isArray(scanned?.Items) || !scanned.Items.every(isItem)) {
    const hint =
      answer.body.trim() === 'null'
        ? '200 with the body null is the lab’s forgotten return: the function failed, and its except branch returned nothing. Deploy the corrected function, then Refresh.'
        : 'Is this the CRUD API’s invoke URL, and does its function return scan()’s result?';
    throw new ApiRequestError('UnexpectedAnswer', `The answer has no list of Items: ${answer.body.slice(0, 200) || '(empty)'}`, hint);
  }
  return { items: scanned.Items, more: scanned.LastEvaluatedKey !== undefined };
}

export const itemCalls = {
  put: (url: string, tableName: string, item: Item) => putItemRequest(url, tableName, item),
  update: (url: string, tableName: string, item: Item, name: string, value: AttributeValue) => updateAttributeRequest(url, tableName, keyOf(item), name, value),
  delete: (url: string, tableName: string, item: Item) => deleteItemRequest(url, tableName, keyOf(item)),
};

/** Sends one change, then lists again so the page shows what the table now holds. */
export async function changeThenList(send: Send, change: RequestDraft, url: string, tableName: string, waiting: Waiting): Promise<Listing> {
  await call(send, change);
  return listItems(send, url, tableName, waiting);
}

const keyOf = (item: Item): Item => keyAttributes(item, [KEY_NAME]);

/** A new item from the form: the key and any named attributes, all strings. */
export function newItem(thingID: string, attributes: ReadonlyArray<{ name: string; value: string }>): Item {
  const item: Item = { [KEY_NAME]: { S: thingID } };
  for (const { name, value } of attributes) if (name.trim() !== '') item[name.trim()] = { S: value };
  return item;
}

/**
 * The edit's text in the attribute's own type: the function hands the value to update_item as
 * it is, so {"S": "3"} would turn a number into a string. A new attribute is a string.
 */
export function editedValue(current: AttributeValue | undefined, name: string, text: string): { value: AttributeValue } | { problem: string } {
  if (current === undefined || current.S !== undefined) return { value: { S: text } };
  if (current.N === undefined) return { problem: `${name} is neither a string nor a number: change it with the Request client’s update_item (PUT).` };
  const number = text.trim();
  // DynamoDB's numbers are decimal text: not Infinity, hex or the empty string, which Number() accepts.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(number)) return { problem: `${name} is a number, and “${text}” is not one.` };
  return { value: { N: number } };
}

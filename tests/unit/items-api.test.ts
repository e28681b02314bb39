// The Items app's calls to the CRUD API, with a stand-in for the network: what each one
// sends, and how an answer that is not a list of items, or not a 2xx, stops the work.
import { describe, expect, it } from 'vitest';
import { ApiRequestError, type ApiAnswer, type ApiRequest } from '../../src/cloud/api-requests.ts';
import type { Waiting } from '../../src/steps/actions/settling-api.ts';
import type { Progress } from '../../src/steps/model.ts';
import { changeThenList, editedValue, itemCalls, listItems, newItem } from '../../src/widgets/items-app/items-api.ts';

const URL_BASE = 'http://127.0.0.1:4510/_api/abcde12345/prod/';
const quiet: Waiting = { progress: () => {} };

function answering(...answers: Array<Partial<ApiAnswer>>) {
  const sent: ApiRequest[] = [];
  const send = async (request: ApiRequest): Promise<ApiAnswer> => {
    sent.push(request);
    return { status: 200, statusText: 'OK', headers: [], body: '', durationMs: 1, relayed: false, fromRelay: false, ...answers[sent.length - 1] };
  };
  return { send, sent };
}

describe('Items app calls', () => {
  it('lists with a scan of the named table', async () => {
    const { send, sent } = answering({ body: JSON.stringify({ Items: [{ thingID: { S: 'lamp' } }], Count: 1, LastEvaluatedKey: { thingID: { S: 'lamp' } } }) });
    expect(await listItems(send, URL_BASE, 'ia-things', quiet)).toEqual({ items: [{ thingID: { S: 'lamp' } }], more: true });
    expect(sent).toEqual([{ method: 'GET', url: `${URL_BASE}?TableName=ia-things`, headers: [], body: undefined }]);
  });

  it('adds an item from the form: the key and the named attributes, as strings', () => {
    expect(
      newItem('lamp', [
        { name: ' colour ', value: 'red' },
        { name: '', value: 'dropped' },
        { name: 'legs', value: '1' },
      ]),
    ).toEqual({
      thingID: { S: 'lamp' },
      colour: { S: 'red' },
      legs: { S: '1' },
    });
  });

  it('keeps an edited attribute’s type: a number stays N, a string or a new attribute is S', () => {
    expect(editedValue({ N: '4' }, 'legs', ' 3.5 ')).toEqual({ value: { N: '3.5' } });
    expect(editedValue({ N: '4' }, 'legs', '-1e3')).toEqual({ value: { N: '-1e3' } });
    for (const text of ['four', '', '0x10', 'Infinity'])
      expect(editedValue({ N: '4' }, 'legs', text)).toEqual({ problem: `legs is a number, and “${text}” is not one.` });
    expect(editedValue({ S: 'red' }, 'colour', '7')).toEqual({ value: { S: '7' } });
    expect(editedValue(undefined, 'size', '7')).toEqual({ value: { S: '7' } });
    expect(editedValue({ BOOL: true }, 'on', 'false')).toHaveProperty('problem');
  });

  it('changes one attribute by the item’s key only, then lists again', async () => {
    const item = { thingID: { S: 'lamp' }, colour: { S: 'red' } };
    const { send, sent } = answering({ body: '{}' }, { body: JSON.stringify({ Items: [] }) });
    await changeThenList(send, itemCalls.update(URL_BASE, 'ia-things', item, 'colour', { S: 'blue' }), URL_BASE, 'ia-things', quiet);
    expect(sent.map((request) => request.method)).toEqual(['PUT', 'GET']);
    expect(JSON.parse(sent[0].body!)).toMatchObject({
      Key: { thingID: { S: 'lamp' } },
      ExpressionAttributeNames: { '#name': 'colour' },
      ExpressionAttributeValues: { ':value': { S: 'blue' } },
    });
    expect(JSON.parse(itemCalls.delete(URL_BASE, 'ia-things', item).body)).toEqual({ TableName: 'ia-things', Key: { thingID: { S: 'lamp' } } });
  });

  it('stops at an answer that is not 2xx, with the API’s own status and body', async () => {
    const { send, sent } = answering({ status: 400, statusText: 'Bad Request', body: '{"error": "ResourceNotFoundException: Requested resource not found"}' });
    const failure = changeThenList(send, itemCalls.put(URL_BASE, 'gone', newItem('x', [])), URL_BASE, 'gone', quiet);
    await expect(failure).rejects.toMatchObject({
      name: 'HTTP 400',
      message: '400 Bad Request: {"error": "ResourceNotFoundException: Requested resource not found"}',
    });
    await expect(failure).rejects.toHaveProperty('hint', expect.stringContaining('DynamoDB refused the call'));
    expect(sent).toHaveLength(1);
  });

  it('says so when the answer is not a list of items, naming the lab’s 200 null', async () => {
    const { send } = answering({ body: 'null' });
    const failure = listItems(send, URL_BASE, 'ia-things', quiet);
    await expect(failure).rejects.toMatchObject({ name: 'UnexpectedAnswer', message: 'The answer has no list of Items: null' });
    await expect(failure).rejects.toHaveProperty('hint', expect.stringContaining('the lab’s forgotten return'));
  });

  it('lists through the seconds a new deployment and permission take, saying what it waits for', async () => {
    const { send, sent } = answering(
      { status: 404, statusText: 'Not Found', body: '{"message":"Not Found"}' },
      { status: 500, statusText: 'Internal Server Error', body: '{"message":"Internal Server Error"}' },
      { body: JSON.stringify({ Items: [{ thingID: { S: 'lamp' } }] }) },
    );
    const updates: Progress[] = [];
    expect(await listItems(send, URL_BASE, 'ia-things', { progress: (update) => updates.push(update) })).toEqual({
      items: [{ thingID: { S: 'lamp' } }],
      more: false,
    });
    expect(sent).toHaveLength(3);
    expect(updates.slice(0, 2)).toEqual([
      {
        text: 'API Gateway answered 404 Not Found, as it does for a few seconds after a deployment; trying again',
        waitingFor: expect.stringContaining('deployment'),
      },
      { text: expect.stringContaining('500 Internal Server Error'), waitingFor: expect.stringContaining('permission') },
    ]);
  });

  it('lists through a stage that gives the page no readable answer yet, as API Gateway’s Not Found without CORS headers does', async () => {
    const updates: Progress[] = [];
    let tries = 0;
    const send = async (): Promise<ApiAnswer> => {
      tries += 1;
      if (tries === 1) throw new ApiRequestError('NoReadableAnswer', 'The browser got no answer that this page may read.', 'hint');
      if (tries === 2) throw new ApiRequestError('InvalidURL', 'not a URL', 'hint');
      return { status: 200, statusText: 'OK', headers: [], body: '{"Items": []}', durationMs: 1, relayed: false, fromRelay: false };
    };
    await expect(listItems(send, URL_BASE, 'ia-things', { progress: (update) => updates.push(update) })).rejects.toMatchObject({ name: 'InvalidURL' });
    expect(tries).toBe(2);
    expect(updates[0]).toEqual({ text: expect.stringContaining('no answer it may read'), waitingFor: expect.stringContaining('deployment') });
  });
});

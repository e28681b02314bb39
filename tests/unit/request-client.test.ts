// The Request client's pure parts: the query string and its rows, curl commands a shell
// reads back exactly, the lab's templates, where a JSON body breaks, what history keeps,
// what an answer means, and which URLs the page can reach on each target.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { unreachableReason } from '../../src/cloud/api-requests.ts';
import { answerHint, prettyBody } from '../../src/widgets/request-client/answer-hints.ts';
import { requestTemplates } from '../../src/widgets/request-client/crud-requests.ts';
import { curlCommand, paramsOf, toApiRequest, withParams } from '../../src/widgets/request-client/http-request.ts';
import { describeJsonProblem, jsonProblem } from '../../src/widgets/request-client/json-location.ts';
import { addToHistory, HISTORY_LENGTH } from '../../src/widgets/request-client/request-history.ts';
import { renderScript, type Script } from '../../src/steps/shells.ts';

const bash = (script: Script) => renderScript(script, 'bash');

const URL_BASE = 'https://abcde12345.execute-api.us-east-1.amazonaws.com/prod/';

describe('query parameters and the URL', () => {
  it('reads the rows from the URL, decoded', () => {
    expect(paramsOf(`${URL_BASE}?TableName=ccbda-lambda-first&Limit=5&q=a%20b%26c`)).toEqual([
      { name: 'TableName', value: 'ccbda-lambda-first' },
      { name: 'Limit', value: '5' },
      { name: 'q', value: 'a b&c' },
    ]);
    expect(paramsOf(URL_BASE)).toEqual([]);
  });

  it('writes the rows back, encoded, leaving out rows without a name', () => {
    const url = withParams(`${URL_BASE}?old=1#top`, [
      { name: 'TableName', value: 'my table' },
      { name: '', value: 'typed but unnamed' },
      { name: 'x', value: 'a&b=c' },
    ]);
    expect(url).toBe(`${URL_BASE}?TableName=my+table&x=a%26b%3Dc#top`);
    expect(paramsOf(url)).toEqual([
      { name: 'TableName', value: 'my table' },
      { name: 'x', value: 'a&b=c' },
    ]);
    expect(withParams(`${URL_BASE}?TableName=t`, [])).toBe(URL_BASE);
  });

  it('works on a URL still being typed', () => {
    expect(paramsOf('abc?x=1')).toEqual([{ name: 'x', value: '1' }]);
    expect(withParams('abc', [{ name: 'x', value: '1' }])).toBe('abc?x=1');
  });
});

describe('curl commands', () => {
  /** What a POSIX shell makes of the command: its words, one per line, after quote removal. */
  function shellWords(command: string): string[] {
    const script = `set -- ${command.replace(/^curl /, '')}\nfor word in "$@"; do printf '%s\\0' "$word"; done`;
    return execFileSync('/bin/sh', ['-c', script], { encoding: 'utf8' }).split('\0').slice(0, -1);
  }

  it('quotes every value so the shell reads back exactly what the client sends', () => {
    const body = `{"TableName": "it's", "Item": {"thingID": {"S": "<img src=x onerror=alert(1)> $(rm -rf /) \`x\` \\"q\\""}}}`;
    const draft = {
      method: 'POST',
      url: `${URL_BASE}?a=1&b=$HOME`,
      headers: [
        { name: 'Content-Type', value: 'application/json' },
        { name: 'X-Note', value: "it's" },
        { name: '', value: 'ignored' },
      ],
      body,
    };
    const command = bash(curlCommand(draft));
    expect(command.split(' \\\n  ')[0]).toBe('curl -i');
    expect(shellWords(command)).toEqual([
      '-i',
      '-X',
      'POST',
      `${URL_BASE}?a=1&b=$HOME`,
      '-H',
      'Content-Type: application/json',
      '-H',
      "X-Note: it's",
      '--data-raw',
      body,
    ]);
  });

  it('sends no body with GET and needs no -X for it', () => {
    const command = bash(curlCommand({ method: 'GET', url: `${URL_BASE}?TableName=t`, headers: [], body: '{"ignored": true}' }));
    expect(command).toBe(`curl -i \\\n  '${URL_BASE}?TableName=t'`);
    expect(toApiRequest({ method: 'GET', url: URL_BASE, headers: [], body: '{}' }).body).toBeUndefined();
    expect(bash(curlCommand({ method: 'HEAD', url: URL_BASE, headers: [], body: '' }))).toBe(`curl -i \\\n  --head \\\n  ${URL_BASE}`);
  });
});

describe('the lab’s templates', () => {
  const [scan, put, update, remove] = requestTemplates(`${URL_BASE}?stale=1`, 'rc-things');

  it('scans with TableName in the query string and no body', () => {
    expect(scan.draft).toEqual({ method: 'GET', url: `${URL_BASE}?TableName=rc-things`, headers: [], body: '' });
  });

  it('puts, updates and deletes with DynamoDB JSON bodies naming the table', () => {
    for (const { draft } of [put, update, remove]) {
      expect(draft.url).toBe(URL_BASE);
      expect(draft.headers).toEqual([{ name: 'Content-Type', value: 'application/json' }]);
    }
    expect(put.draft.method).toBe('POST');
    expect(JSON.parse(put.draft.body)).toEqual({ TableName: 'rc-things', Item: { thingID: { S: 'lamp' }, colour: { S: 'red' } } });
    expect(update.draft.method).toBe('PUT');
    expect(JSON.parse(update.draft.body)).toEqual({
      TableName: 'rc-things',
      Key: { thingID: { S: 'lamp' } },
      UpdateExpression: 'SET #name = :value',
      ExpressionAttributeNames: { '#name': 'colour' },
      ExpressionAttributeValues: { ':value': { S: 'blue' } },
      ReturnValues: 'ALL_NEW',
    });
    expect(remove.draft.method).toBe('DELETE');
    expect(JSON.parse(remove.draft.body)).toEqual({ TableName: 'rc-things', Key: { thingID: { S: 'lamp' } } });
  });
});

describe('where a JSON body breaks', () => {
  it('accepts JSON, as JSON.parse does', () => {
    for (const text of ['{}', ' [1, -2.5e3, "a\\u00e9\\n", true, false, null] ', '{"a": {"b": []}}', '"x"', '0']) {
      expect(jsonProblem(text), text).toBeUndefined();
    }
  });

  it.each([
    ['{"a": 1,\n  "b": 2\n  "c": 3}', 3, 3, ', or } after a property value'],
    ['{\n  \'TableName\': "t"\n}', 2, 3, 'a property name in double quotes'],
    ['{"a": [1, 2,]}', 1, 13, 'a value: an object, array, string in double quotes, number, true, false or null'],
    ['{"a": 1', 1, 8, ', or } after a property value'],
    ['{"a": tru}', 1, 10, 'the word true'],
    ['{"a": 1} x', 1, 10, 'nothing more after the value'],
    ['{"a" 1}', 1, 6, ': after the property name'],
    ['', 1, 1, 'a value (the text ends too soon)'],
    ['{"a": "line\nbreak"}', 1, 12, 'a closing " (a string cannot span lines; write \\n)'],
    ['{"a": 01}', 1, 8, ', or } after a property value'],
  ])('%j breaks at line %i, column %i', (text, line, column, expected) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonProblem(text)).toMatchObject({ line, column, expected });
  });

  it('shows the line with a caret under the column', () => {
    expect(describeJsonProblem(jsonProblem('{\n  "a": 1\n  "b": 2\n}')!)).toBe('Line 3, column 3: expected , or } after a property value.\n  "b": 2\n  ^');
  });
});

describe('history', () => {
  const draft = (url: string) => ({
    method: 'GET',
    url,
    headers: [
      { name: 'Authorization', value: 'Bearer secret' },
      { name: 'X-Amz-Security-Token', value: 'token' },
      { name: 'Accept', value: 'application/json' },
    ],
    body: '',
  });

  it('keeps no header that carries credentials', () => {
    const [entry] = addToHistory([], { draft: draft(URL_BASE), outcome: '200', sentAt: 1 });
    expect(entry.draft.headers).toEqual([{ name: 'Accept', value: 'application/json' }]);
    expect(JSON.stringify(entry)).not.toMatch(/secret|token/);
  });

  it('puts the newest first, moves a repeat up, and keeps the last few', () => {
    let history = addToHistory([], { draft: draft('a'), outcome: '200', sentAt: 1 });
    history = addToHistory(history, { draft: draft('b'), outcome: '404', sentAt: 2 });
    history = addToHistory(history, { draft: draft('a'), outcome: '400', sentAt: 3 });
    expect(history.map((entry) => [entry.draft.url, entry.outcome])).toEqual([
      ['a', '400'],
      ['b', '404'],
    ]);
    for (let i = 0; i < 30; i += 1) history = addToHistory(history, { draft: draft(`u${i}`), outcome: '200', sentAt: 10 + i });
    expect(history).toHaveLength(HISTORY_LENGTH);
    expect(history[0].draft.url).toBe('u29');
  });
});

describe('answers explained', () => {
  it('pretty-prints JSON and leaves other text as it came', () => {
    expect(prettyBody('{"Items":[]}')).toBe('{\n  "Items": []\n}');
    expect(prettyBody('<html>not json')).toBe('<html>not json');
  });

  it('names the stage and path for API Gateway’s 404 and a REST API’s 403', () => {
    expect(answerHint({ status: 404, body: '{"message":"Not Found"}', fromRelay: false })).toMatch(/stage in the URL .*\/prod\//);
    expect(answerHint({ status: 403, body: '{"message":"Missing Authentication Token"}', fromRelay: false })).toMatch(/REST API.*path/);
    expect(answerHint({ status: 400, body: '{"error":"ParamValidationError: ..."}', fromRelay: false })).toMatch(/DynamoDB refused/);
    expect(answerHint({ status: 200, body: '{"Items":[]}', fromRelay: false })).toBeUndefined();
  });

  it('says when the relay answered instead of the API', () => {
    expect(answerHint({ status: 405, body: '{"message":"The relay forwards GET, HEAD, POST, PUT, PATCH, DELETE requests."}', fromRelay: true })).toBe(
      'This answer comes from labbook’s relay, not from your API: The relay forwards GET, HEAD, POST, PUT, PATCH, DELETE requests.',
    );
  });
});

describe('which URLs the page can reach', () => {
  const info = {
    sandbox: { endpoint: 'http://127.0.0.1:4510', region: 'us-east-1', accountId: '000000000000', credentialsUrl: '/x' },
    relay: { url: 'http://127.0.0.1:4322/relay/', key: 'k' },
  };

  it('on the sandbox, only the sandbox', () => {
    expect(unreachableReason(new URL('http://127.0.0.1:4510/_api/abcde12345/prod/'), 'sandbox', info)).toBeUndefined();
    expect(unreachableReason(new URL(URL_BASE), 'sandbox', info)?.name).toBe('NotTheSandbox');
    expect(unreachableReason(new URL('http://127.0.0.1:9999/'), 'sandbox', info)?.message).toContain('only to the sandbox (http://127.0.0.1:4510)');
  });

  it('on AWS through the relay, only AWS API hosts', () => {
    expect(unreachableReason(new URL(URL_BASE), 'aws', info)).toBeUndefined();
    expect(unreachableReason(new URL('http://127.0.0.1:4510/_api/abcde12345/prod/'), 'aws', info)?.name).toBe('NotAnAwsApi');
    expect(unreachableReason(new URL('https://example.com/'), 'aws', info)?.name).toBe('NotAnAwsApi');
    // A statically hosted page has no relay and goes straight to AWS.
    expect(unreachableReason(new URL('https://example.com/'), 'aws', {})).toBeUndefined();
  });

  it('refuses what is not HTTP', () => {
    expect(unreachableReason(new URL('ftp://abcde12345.execute-api.us-east-1.amazonaws.com/'), 'aws', info)?.name).toBe('InvalidURL');
  });
});

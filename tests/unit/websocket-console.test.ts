// The WebSocket console's pure parts: what close codes mean and which a page may send,
// where a JSON message breaks, how the timeline shows time, size and content, and
// which addresses are WebSocket URLs.
import { describe, expect, test } from 'vitest';
import { closeCodeMeaning, closeRequest } from '../../src/widgets/websocket-console/close-codes.ts';
import { checkJson } from '../../src/widgets/websocket-console/json-check.ts';
import {
  appended,
  byteSize,
  closeEntry,
  MAX_TIMELINE_ENTRIES,
  messageEntry,
  relativeTime,
  shownContent,
  timelineEntry,
} from '../../src/widgets/websocket-console/timeline.ts';
import { reachProblem, websocketUrlProblem } from '../../src/widgets/websocket-console/websocket-address.ts';

describe('close codes', () => {
  test.each([
    [1000, /^Normal closure/],
    [1001, /^Going away.*10 minutes.*2 hours/],
    [1006, /^Abnormal closure.*without a close frame.*handshake was refused/],
    [1009, /^Message too big.*32 KB.*128 KB/],
    [1011, /^Internal error/],
    [3001, /library or framework/],
    [4000, /application’s own code/],
    [2000, /^Not a code the WebSocket protocol defines/],
  ])('%d', (code, meaning) => expect(closeCodeMeaning(code)).toMatch(meaning));

  test('a page may close with 1000 or 3000–4999, with a reason of up to 123 bytes', () => {
    expect(closeRequest('', '')).toEqual({});
    expect(closeRequest(' 1000 ', '')).toEqual({ code: 1000 });
    expect(closeRequest('4000', 'done')).toEqual({ code: 4000, reason: 'done' });
    expect(closeRequest('3000', 'é'.repeat(61))).toEqual({ code: 3000, reason: 'é'.repeat(61) });
  });

  test.each([
    ['1001', '', /1000 or a code from 3000 to 4999, not 1001/],
    ['1006', '', /not 1006/],
    ['5000', '', /not 5000/],
    ['4000.5', '', /not 4000\.5/],
    ['abc', '', /not abc/],
    ['', 'bye', /A reason is sent only with a code/],
    ['4000', 'é'.repeat(62), /124 bytes of UTF-8; a close frame holds at most 123/],
  ])('refused: code %j, reason %j', (code, reason, problem) => {
    const request = closeRequest(code, reason);
    expect(request).toHaveProperty('problem');
    expect((request as { problem: string }).problem).toMatch(problem);
  });
});

describe('JSON check', () => {
  test('valid JSON gives its value', () => {
    expect(checkJson(' {"action": "sendmessage", "n": [1, -2.5e3, true, null, "\\u00e9"]} ')).toEqual({
      ok: true,
      value: { action: 'sendmessage', n: [1, -2500, true, null, 'é'] },
    });
  });

  const aValue = 'a value (an object, array, string, number, true, false or null)';
  test.each([
    ['a trailing comma', '{"a": 1,}', 1, 9, 'a property name in double quotes', '"}"'],
    ['single quotes', "{'a': 1}", 1, 2, 'a property name in double quotes', `"'"`],
    ['plain text', 'hello!', 1, 1, aValue, '"h"'],
    ['cut short', '{"a": [1, 2', 1, 12, '"," or "]"', 'the end of the text'],
    ['a missing colon', '{\n  "action" "hello"\n}', 2, 12, '":" after the property name', '"\\""'],
    ['a misspelt literal', '{\n  "ok": tru\n}', 2, 12, 'true', '"\\n"'],
    ['two values', '{} {}', 1, 4, 'nothing more after the value', '"{"'],
    ['a line break in a string', '"a\nb"', 1, 3, 'no control character (a line break inside a string is written \\n)', '"\\n"'],
    ['nothing', '', 1, 1, aValue, 'the end of the text'],
  ])('%s: says where', (_what, text, line, column, expected, found) => {
    const check = checkJson(text);
    expect(check).toMatchObject({ ok: false, line, column });
    if (check.ok) return;
    expect(check.message).toBe(`Not valid JSON at line ${line}, column ${column}: expected ${expected}, found ${found}.`);
  });

  test('the excerpt puts a caret under the place', () => {
    const check = checkJson('{\n  "action" "hello"\n}');
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.excerpt).toBe('  "action" "hello"\n           ^');
  });
});

describe('the timeline', () => {
  test('relative times', () => {
    expect(relativeTime(1000, 1000)).toBe('+0.000 s');
    expect(relativeTime(13_345, 1000)).toBe('+12.345 s');
    expect(relativeTime(1000 + 123_500, 1000)).toBe('+2 min 03.5 s');
    expect(relativeTime(500, 1000)).toBe('+0.000 s');
  });

  test('sizes, 1 KB being 1024 bytes as in API Gateway’s limits', () => {
    expect(byteSize(0)).toBe('0 B');
    expect(byteSize(1023)).toBe('1023 B');
    expect(byteSize(32 * 1024)).toBe('32.0 KB');
    expect(byteSize(1536)).toBe('1.5 KB');
    expect(byteSize(2 * 1024 * 1024)).toBe('2.0 MB');
  });

  test('a text message counts its UTF-8 bytes', () => {
    expect(messageEntry('sent', 'hello!')).toMatchObject({ direction: 'sent', text: 'hello!', bytes: 6 });
    expect(messageEntry('received', 'ünï ✓')).toMatchObject({ bytes: 9 });
  });

  test('a binary message is shown as hex, the first 64 bytes', () => {
    const entry = messageEntry('received', new Uint8Array([0, 15, 255]).buffer);
    expect(entry).toMatchObject({ text: '00 0f ff', bytes: 3, binary: true });
    const long = messageEntry('received', new Uint8Array(100).buffer);
    expect(long.text).toMatch(/^(00 ){63}00 …$/);
    expect(shownContent(long)).toEqual({ text: long.text, json: false });
  });

  test('JSON objects and arrays are indented; other text is shown as it came', () => {
    expect(shownContent({ text: '{"type":"init","center":{"lat":41.2974}}' })).toEqual({
      text: '{\n  "type": "init",\n  "center": {\n    "lat": 41.2974\n  }\n}',
      json: true,
    });
    expect(shownContent({ text: '[1,2]' })).toEqual({ text: '[\n  1,\n  2\n]', json: true });
    expect(shownContent({ text: '{not json' })).toEqual({ text: '{not json', json: false });
    expect(shownContent({ text: '42' })).toEqual({ text: '42', json: false });
    expect(shownContent({ text: '<img src=x onerror=alert(1)>' })).toEqual({ text: '<img src=x onerror=alert(1)>', json: false });
  });

  test('a close says the code, the reason and what the code means', () => {
    expect(closeEntry(4001, 'done for today', true)).toMatchObject({
      direction: 'system',
      text: 'Closed: 4001 “done for today”. An application’s own code (4000–4999): the application that sent it decides what it means.',
      close: { code: 4001, reason: 'done for today', wasClean: true },
    });
    expect(closeEntry(1006, '', false).text).toMatch(/^Closed without a closing handshake: 1006\. Abnormal closure/);
  });

  test('the oldest entries go beyond the limit', () => {
    let entries = [timelineEntry('system', 'first')];
    for (let i = 0; i < MAX_TIMELINE_ENTRIES; i++) entries = appended(entries, timelineEntry('received', String(i)));
    expect(entries).toHaveLength(MAX_TIMELINE_ENTRIES);
    expect(entries[0].text).toBe('0');
    expect(entries.at(-1)!.text).toBe(String(MAX_TIMELINE_ENTRIES - 1));
  });
});

describe('WebSocket URLs', () => {
  test.each(['wss://abcde12345.execute-api.us-east-1.amazonaws.com/prod', 'ws://127.0.0.1:4510/_api/abcde12345/prod', ' wss://example.org/socket?x=1 '])(
    '%s is one',
    (url) => expect(websocketUrlProblem(url)).toBeUndefined(),
  );
  test.each([
    ['', /Enter the API’s WebSocket URL/],
    ['abcde12345.execute-api.us-east-1.amazonaws.com/prod', /is not a URL/],
    ['https://abcde12345.execute-api.us-east-1.amazonaws.com/prod/', /start with wss:\/\/ or ws:\/\/, not https:\/\//],
    ['ftp://example.org/', /not ftp:\/\//],
    ['wss://example.org/#x', /no #fragment/],
  ])('%j is not', (url, problem) => expect(websocketUrlProblem(url)).toMatch(problem));
});

describe('where the page may open a WebSocket', () => {
  const sandbox = 'http://127.0.0.1:4510';
  const onAws = 'wss://abcde12345.execute-api.us-east-1.amazonaws.com/prod';
  const onSandbox = 'ws://127.0.0.1:4510/_api/abcde12345/prod';

  test('an API on AWS, with the AWS target (through the relay)', () => expect(reachProblem(onAws, 'aws', sandbox)).toBeUndefined());
  test('an API on the sandbox, with the sandbox target', () => expect(reachProblem(onSandbox, 'sandbox', sandbox)).toBeUndefined());
  test('an API on AWS with the sandbox target: choose AWS', () =>
    expect(reachProblem(onAws, 'sandbox', sandbox)).toMatch(/target is the sandbox: choose your AWS account/));
  test('an API on the sandbox with the AWS target: choose the sandbox', () =>
    expect(reachProblem(onSandbox, 'aws', sandbox)).toMatch(/target is your AWS account: choose the sandbox/));
  test.each(['ws://localhost:8765', 'ws://127.0.0.1:8765/chat'])('%s: a server on this machine, with either target', (url) => {
    expect(reachProblem(url, 'sandbox', sandbox)).toBeUndefined();
    expect(reachProblem(url, 'aws', sandbox)).toBeUndefined();
  });
  test('a sandbox API on another port: the sandbox is elsewhere', () =>
    expect(reachProblem('ws://127.0.0.1:4511/_api/abcde12345/prod', 'sandbox', sandbox)).toMatch(
      /sandbox API on another port: this page's sandbox is ws:\/\/127\.0\.0\.1:4510/,
    ));
  test.each([
    'wss://echo.example.org/',
    'ws://192.168.1.20:8765/',
    'wss://localhost:8765/',
    'wss://abcde12345.execute-api.us-east-1.amazonaws.com:8443/prod',
    'wss://abcde12345.execute-api.us-east-1.amazonaws.com.example.org/prod',
  ])('%s: not from the page', (url) => expect(reachProblem(url, 'aws', sandbox)).toMatch(/only to the sandbox, to API Gateway invoke URLs/));
});

// The sandbox's Invoke refuses a payload that is not JSON with the message
// AWS's parser (Jackson) gives; these are the mistakes students make.
import { describe, expect, test } from 'vitest';
import { jacksonJsonError } from '../../src/sandbox/lambda/invoke/jackson-json-error.ts';

const at = (source: string, column: number) => `\n at [Source: (byte[])"${source}"; line: 1, column: ${column}]`;
const VALUES = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

describe("Jackson's words for a payload that is not JSON", () => {
  const cases: Array<[string, string]> = [
    // Seen from AWS (see the report): a bare word, its column one past the byte that ended it.
    ['test data', `Unrecognized token 'test': was expecting ${VALUES}${at('test data', 6)}`],
    ['hello', `Unrecognized token 'hello': was expecting ${VALUES}${at('hello', 6)}`],
    ["{'id': 1}", `Unexpected character (''' (code 39)): was expecting double-quote to start field name${at("{'id': 1}", 3)}`],
    ['{id: 1}', `Unexpected character ('i' (code 105)): was expecting double-quote to start field name${at('{id: 1}', 3)}`],
    ['{"a": 1,}', `Unexpected character ('}' (code 125)): was expecting double-quote to start field name${at('{"a": 1,}', 10)}`],
    ['{"a" 1}', `Unexpected character ('1' (code 49)): was expecting a colon to separate field name and value${at('{"a" 1}', 7)}`],
    ['{"a":1 "b":2}', `Unexpected character ('"' (code 34)): was expecting comma to separate Object entries${at('{"a":1 "b":2}', 9)}`],
    ['[1,]', `Unexpected character (']' (code 93)): expected a value${at('[1,]', 5)}`],
    ['{"a":1', `Unexpected end-of-input: expected close marker for Object (start marker at [Source: (byte[])"{"a":1"; line: 1, column: 1])${at('{"a":1', 7)}`],
    ['"abc', `Unexpected end-of-input: was expecting closing quote for a string value${at('"abc', 5)}`],
    ['01', `Invalid numeric value: Leading zeroes not allowed${at('01', 2)}`],
  ];
  test.each(cases)('%s', (payload, message) => {
    expect(jacksonJsonError(Buffer.from(payload))).toBe(message);
  });

  test('bytes that are not UTF-8 text, as the AWS CLI v2 sends JSON taken for base64', () => {
    expect(jacksonJsonError(Buffer.from([0x99, 0x41]))).toBe(
      `Unexpected character ((CTRL-CHAR, code 153)): expected a valid value ${VALUES}\n at [Source: (byte[])"\uFFFDA"; line: 1, column: 2]`,
    );
    expect(jacksonJsonError(Buffer.from([0xd8, 0x97]))).toMatch(/^Invalid UTF-8 start byte 0x97\n at \[Source: .*; line: 1, column: 3\]$/);
  });

  test('a line break moves the line and restarts the column', () => {
    expect(jacksonJsonError(Buffer.from('{\n  "a": nope\n}'))).toMatch(/^Unrecognized token 'nope': .*; line: 2, column: 13\]$/s);
  });

  test('JSON of every kind passes', () => {
    for (const payload of ['{}', '[]', ' 12 ', 'null', '"x"', '-1.5e+3', '{"a":[1,{"b":null}],"c":"\\u00e9 é"}']) {
      expect(jacksonJsonError(Buffer.from(payload))).toBeUndefined();
    }
  });
});

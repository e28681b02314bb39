// Whether a message is JSON, and if not, where it breaks: line, column, what was
// expected there, and the line itself with a caret under the place. Browsers word
// JSON.parse's errors differently and some give no place, so the place is found here.

import { JsonStop } from '../shared/json-stop.ts';

export type JsonCheck = { ok: true; value: unknown } | { ok: false; message: string; line: number; column: number; excerpt: string };

export function checkJson(text: string): JsonCheck {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    const { at, expected } = firstSyntaxError(text);
    const before = text.slice(0, at).split('\n');
    const line = before.length;
    const column = before.at(-1)!.length + 1;
    const found = at >= text.length ? 'the end of the text' : JSON.stringify(text[at]);
    return {
      ok: false,
      message: `Not valid JSON at line ${line}, column ${column}: expected ${expected}, found ${found}.`,
      line,
      column,
      excerpt: `${text.split('\n')[line - 1]}\n${' '.repeat(column - 1)}^`,
    };
  }
}

/** Walks the text as JSON's grammar (RFC 8259) reads it, up to the first character that cannot be there. */
function firstSyntaxError(text: string): { at: number; expected: string } {
  let i = 0;
  const fail = (expected: string): never => {
    throw new JsonStop(i, expected);
  };
  const space = () => {
    while (' \t\n\r'.includes(text[i] ?? 'x')) i++;
  };
  const literal = (word: string) => {
    for (const char of word) {
      if (text[i] !== char) fail(word);
      i++;
    }
  };
  const string = () => {
    if (text[i] !== '"') fail('a string in double quotes');
    i++;
    for (;;) {
      const char = text[i];
      if (char === undefined) fail('a closing "');
      if (char === '"') return void i++;
      if (char < ' ') fail('no control character (a line break inside a string is written \\n)');
      if (char === '\\') {
        i++;
        if (text[i] === 'u') {
          i++;
          for (let n = 0; n < 4; n++, i++) if (!/[0-9a-fA-F]/.test(text[i] ?? '')) fail('four hex digits after \\u');
          continue;
        }
        if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail('an escape: \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u');
      }
      i++;
    }
  };
  const number = () => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match) fail('a number');
    i += match![0].length;
  };
  const value = (): void => {
    space();
    const char = text[i];
    if (char === '{') return object();
    if (char === '[') return array();
    if (char === '"') return string();
    if (char === 't') return literal('true');
    if (char === 'f') return literal('false');
    if (char === 'n') return literal('null');
    if (char === '-' || (char >= '0' && char <= '9')) return number();
    fail('a value (an object, array, string, number, true, false or null)');
  };
  const object = () => {
    i++;
    space();
    if (text[i] === '}') return void i++;
    for (;;) {
      space();
      if (text[i] !== '"') fail('a property name in double quotes');
      string();
      space();
      if (text[i] !== ':') fail('":" after the property name');
      i++;
      value();
      space();
      if (text[i] === '}') return void i++;
      if (text[i] !== ',') fail('"," or "}"');
      i++;
    }
  };
  const array = () => {
    i++;
    space();
    if (text[i] === ']') return void i++;
    for (;;) {
      value();
      space();
      if (text[i] === ']') return void i++;
      if (text[i] !== ',') fail('"," or "]"');
      i++;
    }
  };
  try {
    value();
    space();
    if (i < text.length) fail('nothing more after the value');
    return { at: text.length, expected: 'valid JSON' };
  } catch (problem) {
    if (problem instanceof JsonStop) return { at: problem.offset, expected: problem.expected };
    throw problem;
  }
}

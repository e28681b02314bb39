// Where a JSON text stops being JSON, as a line and column the student can find. Browsers'
// JSON.parse messages do not always say where (V8's "Unexpected token" messages quote the
// text instead), so the first bad character is found here by a small JSON reader.

import { JsonStop } from '../shared/json-stop.ts';

export interface JsonProblem {
  /** 1-based, as editors count. */
  line: number;
  column: number;
  /** What was expected there. */
  expected: string;
  /** The offending line, for showing with a caret under the column. */
  lineText: string;
}

function firstProblemOffset(text: string): JsonStop | undefined {
  let at = 0;
  const fail = (expected: string): never => {
    throw new JsonStop(at, expected);
  };
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at])) at += 1;
  };
  const literal = (word: string) => {
    for (const char of word) {
      if (text[at] !== char) fail(`the word ${word}`);
      at += 1;
    }
  };
  const string = () => {
    at += 1; // the opening quote
    while (at < text.length && text[at] !== '"') {
      const char = text[at];
      if (char < ' ') fail('a closing " (a string cannot span lines; write \\n)');
      if (char === '\\') {
        at += 1;
        if (text[at] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5))) fail('four hex digits after \\u');
          at += 4;
        } else if (!'"\\/bfnrt'.includes(text[at] ?? 'x')) fail('an escape such as \\" or \\n');
      }
      at += 1;
    }
    if (at >= text.length) fail('a closing "');
    at += 1;
  };
  const number = () => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(at));
    if (!match) fail('a number');
    at += match![0].length;
  };
  const items = (close: string, item: () => void, what: string) => {
    at += 1;
    space();
    if (text[at] === close) return void (at += 1);
    for (;;) {
      item();
      space();
      if (text[at] === ',') {
        at += 1;
        space();
      } else if (text[at] === close) return void (at += 1);
      else fail(`, or ${close} after ${what}`);
    }
  };
  const value = (): void => {
    space();
    const char = text[at];
    if (char === '{') {
      return items(
        '}',
        () => {
          if (text[at] !== '"') fail('a property name in double quotes');
          string();
          space();
          if (text[at] !== ':') fail(': after the property name');
          at += 1;
          value();
        },
        'a property value',
      );
    }
    if (char === '[') return items(']', value, 'an array element');
    if (char === '"') return string();
    if (char === 't') return literal('true');
    if (char === 'f') return literal('false');
    if (char === 'n') return literal('null');
    if (char === '-' || (char >= '0' && char <= '9')) return number();
    fail(at >= text.length ? 'a value (the text ends too soon)' : 'a value: an object, array, string in double quotes, number, true, false or null');
  };
  try {
    value();
    space();
    if (at < text.length) fail('nothing more after the value');
    return undefined;
  } catch (stop) {
    if (stop instanceof JsonStop) return stop;
    throw stop;
  }
}

/** The first place the text is not JSON, or undefined when it is JSON. */
export function jsonProblem(text: string): JsonProblem | undefined {
  const stop = firstProblemOffset(text);
  if (!stop) return undefined;
  const before = text.slice(0, stop.offset);
  const line = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEnd = text.indexOf('\n', stop.offset);
  return { line, column: stop.offset - lineStart + 1, expected: stop.expected, lineText: text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd) };
}

/** "Line 2, column 5: expected …", then the line and a caret under the column. */
export function describeJsonProblem(problem: JsonProblem): string {
  const caret = `${' '.repeat(Math.max(0, problem.column - 1))}^`;
  return `Line ${problem.line}, column ${problem.column}: expected ${problem.expected}.\n${problem.lineText}\n${caret}`;
}

/**
 * Why a payload is not JSON, in the words of Jackson, the Java parser behind
 * AWS Lambda's Invoke: AWS answers a bad payload with Jackson's message and
 * its location, e.g.
 *
 *   Unrecognized token 'test': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')
 *    at [Source: (byte[])"test data"; line: 1, column: 6]
 *
 * A student who forgets `--cli-binary-format raw-in-base64-out` with the AWS
 * CLI v2 sends base64-decoded bytes and gets "Invalid UTF-8 start byte 0x97"
 * or "Unexpected character ((CTRL-CHAR, code 153))", so this reads bytes as
 * Jackson's UTF-8 parser does. Columns are Jackson's: one past the byte it had
 * just read when it gave up.
 */

const VALID_VALUES = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";
/** Jackson cuts a quoted unrecognized token at 256 characters, and the source excerpt at 500 bytes. */
const MAX_TOKEN_LENGTH = 256;
const MAX_SOURCE_BYTES = 500;

class JsonSyntaxError extends Error {}

type Container = { kind: 'Object' | 'Array'; line: number; column: number };

/** Jackson's description of a character: 'x' (code 120), or (CTRL-CHAR, code 7) for a control character. */
function charDescription(code: number): string {
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return `(CTRL-CHAR, code ${code})`;
  if (code > 255) return `'${String.fromCodePoint(code)}' (code ${code} / 0x${code.toString(16)})`;
  return `'${String.fromCodePoint(code)}' (code ${code})`;
}

/** Java's Character.isJavaIdentifierStart / isJavaIdentifierPart (which also takes the "ignorable" controls), near enough for error text. */
const isIdentifierStart = (code: number) => /[\p{L}\p{Nl}\p{Pc}\p{Sc}]/u.test(String.fromCodePoint(code));
const isIdentifierPart = (code: number) =>
  isIdentifierStart(code) ||
  /[\p{Nd}\p{Mn}\p{Mc}\u0000-\u0008\u000e-\u001b\u007f-\u009f]/u.test(String.fromCodePoint(code));

/** Jackson's quoting of the source: UTF-8 text, control characters other than CR and LF as \uXXXX. */
function sourceExcerpt(bytes: Uint8Array): string {
  const shown = Buffer.from(bytes.subarray(0, MAX_SOURCE_BYTES)).toString('utf8');
  const escaped = shown.replace(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
  const truncated = bytes.length > MAX_SOURCE_BYTES ? `[truncated ${bytes.length - MAX_SOURCE_BYTES} bytes]` : '';
  return `(byte[])"${escaped}"${truncated}`;
}

class JacksonReader {
  private readonly bytes: Uint8Array;
  private pos = 0;
  private line = 1;
  private lineStart = 0;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  /** Reads the whole payload: one value, then nothing but white space. */
  read(): void {
    const first = this.skipSpace();
    if (first < 0) this.fail('No content to map due to end-of-input');
    const type = this.value(first, undefined);
    const next = this.skipSpace();
    if (next < 0) return;
    this.value(next, undefined);
    this.fail(`Trailing token (of type ${type}) found after value (bound as \`com.fasterxml.jackson.databind.JsonNode\`): not allowed as per \`DeserializationFeature.FAIL_ON_TRAILING_TOKENS\``);
  }

  /** Jackson's location text, as it ends every message and names where a container started. */
  private at(line: number, column: number): string {
    return `[Source: ${sourceExcerpt(this.bytes)}; line: ${line}, column: ${column}]`;
  }

  private fail(message: string): never {
    throw new JsonSyntaxError(`${message}\n at ${this.at(this.line, this.pos - this.lineStart + 1)}`);
  }

  private next(): number {
    return this.pos < this.bytes.length ? this.bytes[this.pos++] : -1;
  }

  /** Skips white space; the next byte (consumed), or -1 at the end. */
  private skipSpace(): number {
    for (;;) {
      const byte = this.next();
      if (byte < 0) return -1;
      if (byte === 0x20 || byte === 0x09) continue;
      if (byte === 0x0a || byte === 0x0d) {
        if (byte === 0x0d && this.bytes[this.pos] === 0x0a) this.pos += 1;
        this.line += 1;
        this.lineStart = this.pos;
        continue;
      }
      if (byte === 0x2f) {
        this.fail("Unexpected character ('/' (code 47)): maybe a (non-standard) comment? (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)");
      }
      if (byte < 0x20) {
        this.fail(`Illegal character (${charDescription(byte)}): only regular white space (\\r, \\n, \\t) is allowed between tokens`);
      }
      return byte;
    }
  }

  /** Like skipSpace, inside a container, where the end of input is Jackson's "within/between" error. */
  private skipSpaceWithin(container: Container): number {
    const byte = this.skipSpace();
    if (byte < 0) this.fail(`Unexpected end-of-input within/between ${container.kind} entries`);
    return byte;
  }

  private unclosed(container: Container): never {
    this.fail(
      `Unexpected end-of-input: expected close marker for ${container.kind} (start marker at ${this.at(container.line, container.column)})`,
    );
  }

  /** One UTF-8 character whose first byte was just read, as Jackson decodes it for an error message. */
  private decodeForError(first: number): number {
    if (first < 0x80) return first;
    let needed: number;
    let code: number;
    if ((first & 0xe0) === 0xc0) [code, needed] = [first & 0x1f, 1];
    else if ((first & 0xf0) === 0xe0) [code, needed] = [first & 0x0f, 2];
    else if ((first & 0xf8) === 0xf0) [code, needed] = [first & 0x07, 3];
    else this.fail(`Invalid UTF-8 start byte 0x${first.toString(16)}`);
    for (let i = 0; i < needed; i += 1) {
      const byte = this.next();
      if (byte < 0) this.fail('Unexpected end-of-input in character escape sequence');
      if ((byte & 0xc0) !== 0x80) this.fail(`Invalid UTF-8 middle byte 0x${byte.toString(16)}`);
      code = (code << 6) | (byte & 0x3f);
    }
    return code;
  }

  private unexpected(code: number, comment: string): never {
    this.fail(`Unexpected character (${charDescription(code)}): ${comment}`);
  }

  /** "Unrecognized token": the part already matched plus the identifier characters after it. */
  private invalidToken(matched: string): never {
    let token = matched;
    for (;;) {
      const byte = this.next();
      if (byte < 0) break;
      const code = this.decodeForError(byte);
      if (!isIdentifierPart(code)) break;
      token += String.fromCodePoint(code);
      if (token.length >= MAX_TOKEN_LENGTH) {
        token += '...';
        break;
      }
    }
    this.fail(`Unrecognized token '${token}': was expecting ${VALID_VALUES}`);
  }

  /** A value whose first byte was just read; its Jackson token type. */
  private value(first: number, container: Container | undefined): string {
    switch (first) {
      case 0x22:
        this.string('string value');
        return 'VALUE_STRING';
      case 0x7b:
        this.object();
        return 'START_OBJECT';
      case 0x5b:
        this.array();
        return 'START_ARRAY';
      case 0x74:
        this.keyword('true');
        return 'VALUE_TRUE';
      case 0x66:
        this.keyword('false');
        return 'VALUE_FALSE';
      case 0x6e:
        this.keyword('null');
        return 'VALUE_NULL';
      case 0x5d:
      case 0x2c:
      case 0x7d:
        // A `]` outside an array is just an unexpected character, below.
        if (first !== 0x5d || container?.kind === 'Array') this.unexpected(first, 'expected a value');
    }
    if (first === 0x2d || (first >= 0x30 && first <= 0x39)) return this.number(first, container === undefined);
    if (isIdentifierStart(first)) this.invalidToken(String.fromCharCode(first));
    this.unexpected(first, `expected a valid value ${VALID_VALUES}`);
  }

  private keyword(word: string): void {
    for (let i = 1; i < word.length; i += 1) {
      if (this.bytes[this.pos] !== word.charCodeAt(i)) this.invalidToken(word.slice(0, i));
      this.pos += 1;
    }
    const after = this.bytes[this.pos];
    if (after === undefined || after < 0x30 || after === 0x5d || after === 0x7d) return;
    const start = this.pos;
    if (isIdentifierPart(this.decodeForError(this.next()))) {
      this.pos = start;
      this.invalidToken(word);
    }
    this.pos = start;
  }

  private number(first: number, atRoot: boolean): string {
    let byte = first;
    if (byte === 0x2d) {
      byte = this.next();
      if (byte < 0) this.fail('Unexpected end-of-input in a Number value');
      if (byte < 0x30 || byte > 0x39) {
        this.fail(`Unexpected character (${charDescription(byte)}) in numeric value: expected digit (0-9) to follow minus sign, for valid numeric value`);
      }
    }
    const leadingZero = byte === 0x30;
    if (leadingZero && this.bytes[this.pos] >= 0x30 && this.bytes[this.pos] <= 0x39) this.fail('Invalid numeric value: Leading zeroes not allowed');
    byte = this.digits();
    let type = 'VALUE_NUMBER_INT';
    if (byte === 0x2e) {
      type = 'VALUE_NUMBER_FLOAT';
      this.pos += 1;
      byte = this.requireDigit('Decimal point not followed by a digit');
    }
    if (byte === 0x65 || byte === 0x45) {
      type = 'VALUE_NUMBER_FLOAT';
      this.pos += 1;
      if (this.bytes[this.pos] === 0x2b || this.bytes[this.pos] === 0x2d) this.pos += 1;
      byte = this.requireDigit('Exponent indicator not followed by a digit');
    }
    if (atRoot && byte >= 0 && byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) {
      this.pos += 1;
      this.unexpected(byte, 'Expected space separating root-level values');
    }
    return type;
  }

  /** Skips digits (the first already read); the byte after them, not consumed, or -1. */
  private digits(): number {
    while (this.pos < this.bytes.length && this.bytes[this.pos] >= 0x30 && this.bytes[this.pos] <= 0x39) this.pos += 1;
    return this.pos < this.bytes.length ? this.bytes[this.pos] : -1;
  }

  private requireDigit(comment: string): number {
    const byte = this.next();
    if (byte < 0) this.fail('Unexpected end-of-input in a Number value');
    if (byte < 0x30 || byte > 0x39) this.fail(`Unexpected character (${charDescription(byte)}) in numeric value: ${comment}`);
    return this.digits();
  }

  /** A string whose opening quote was just read. */
  private string(what: 'string value' | 'name'): void {
    for (;;) {
      const byte = this.next();
      if (byte < 0) {
        this.fail(what === 'name' ? `Unexpected end-of-input: was expecting closing '"' for name` : 'Unexpected end-of-input: was expecting closing quote for a string value');
      }
      if (byte === 0x22) return;
      if (byte === 0x5c) this.escape();
      else if (byte < 0x20) this.fail(`Illegal unquoted character (${charDescription(byte)}): has to be escaped using backslash to be included in ${what}`);
      else if (byte >= 0x80) this.decodeForError(byte);
    }
  }

  private escape(): void {
    const byte = this.next();
    if (byte < 0) this.fail('Unexpected end-of-input in character escape sequence');
    if ('"\\/bfnrt'.includes(String.fromCharCode(byte))) return;
    if (byte !== 0x75) this.fail(`Unrecognized character escape ${charDescription(this.decodeForError(byte))}`);
    for (let i = 0; i < 4; i += 1) {
      const hex = this.next();
      if (hex < 0) this.fail('Unexpected end-of-input in character escape sequence');
      if (!/[0-9a-fA-F]/.test(String.fromCharCode(hex))) this.unexpected(hex, 'expected a hex-digit for character escape sequence');
    }
  }

  private open(kind: Container['kind']): Container {
    return { kind, line: this.line, column: this.pos - this.lineStart };
  }

  private object(): void {
    const container = this.open('Object');
    let byte = this.skipSpace();
    if (byte < 0) this.unclosed(container);
    if (byte === 0x7d) return;
    for (;;) {
      if (byte !== 0x22) this.unexpected(this.decodeForError(byte), 'was expecting double-quote to start field name');
      this.string('name');
      byte = this.skipSpaceWithin(container);
      if (byte !== 0x3a) this.unexpected(byte, 'was expecting a colon to separate field name and value');
      this.value(this.skipSpaceWithin(container), container);
      byte = this.skipSpace();
      if (byte < 0) this.unclosed(container);
      if (byte === 0x7d) return;
      if (byte === 0x5d) this.mismatchedEnd(byte, container);
      if (byte !== 0x2c) this.unexpected(byte, 'was expecting comma to separate Object entries');
      byte = this.skipSpaceWithin(container);
    }
  }

  private array(): void {
    const container = this.open('Array');
    let byte = this.skipSpace();
    if (byte < 0) this.unclosed(container);
    if (byte === 0x5d) return;
    for (;;) {
      this.value(byte, container);
      byte = this.skipSpace();
      if (byte < 0) this.unclosed(container);
      if (byte === 0x5d) return;
      if (byte === 0x7d) this.mismatchedEnd(byte, container);
      if (byte !== 0x2c) this.unexpected(byte, 'was expecting comma to separate Array entries');
      byte = this.skipSpaceWithin(container);
    }
  }

  /** A `]` closing an Object, or a `}` closing an Array. */
  private mismatchedEnd(byte: number, container: Container): never {
    const expected = container.kind === 'Object' ? '}' : ']';
    this.fail(
      `Unexpected close marker '${String.fromCharCode(byte)}': expected '${expected}' (for ${container.kind} starting at ${this.at(container.line, container.column)})`,
    );
  }
}

/** Jackson's message for a payload that is not JSON, or undefined when it is JSON. */
export function jacksonJsonError(payload: Uint8Array): string | undefined {
  try {
    new JacksonReader(payload).read();
    return undefined;
  } catch (error) {
    if (error instanceof JsonSyntaxError) return error.message;
    throw error;
  }
}

// What the pages' small JSON readers throw at the first character that cannot be where it is.

export class JsonStop extends Error {
  /** Characters from the start of the text. */
  readonly offset: number;
  readonly expected: string;
  constructor(offset: number, expected: string) {
    super(`expected ${expected} at offset ${offset}`);
    this.offset = offset;
    this.expected = expected;
  }
}

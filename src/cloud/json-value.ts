// Narrowing for JSON the page did not write itself: the server's answers, pasted
// credentials, storage a student (or an extension) may have edited.

/** A JSON object (not null, not an array) whose members are still to be checked. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Compares what the sandbox answered with what AWS answered, after the random parts are
// set aside: a string `<string>`, `<number>`, `<boolean>`, `<timestamp>` or `<re:…>` in a
// recorded answer stands for any value of that kind (ids, request ids, dates, code hashes).
import { isDeepStrictEqual } from 'node:util';

const marker = /^<(string|number|boolean|timestamp|re:.*)>$/s;

function describe(value: unknown): string {
  if (value instanceof Date) return `Date(${value.toISOString()})`;
  return JSON.stringify(value) ?? String(value);
}

function matchesMarker(kind: string, actual: unknown): boolean {
  if (kind === 'timestamp') return actual instanceof Date || typeof actual === 'number' || typeof actual === 'string';
  if (kind.startsWith('re:')) return typeof actual === 'string' && new RegExp(`^(?:${kind.slice(3)})$`, 's').test(actual);
  return typeof actual === kind;
}

/**
 * Each difference as `path: expected …, got …`; empty when the answers agree. With `excerpt`, fields
 * the recorded answer leaves out are not judged (documentation examples show only some).
 */
export function differences(expected: unknown, actual: unknown, excerpt = false, path = '$'): string[] {
  if (typeof expected === 'string') {
    const kind = marker.exec(expected)?.[1];
    if (kind !== undefined) return matchesMarker(kind, actual) ? [] : [`${path}: expected ${expected}, got ${describe(actual)}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array, got ${describe(actual)}`];
    if (actual.length !== expected.length) return [`${path}: expected ${expected.length} items, got ${actual.length}: ${describe(actual)}`];
    return expected.flatMap((item, i) => differences(item, actual[i], excerpt, `${path}[${i}]`));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return [`${path}: expected an object, got ${describe(actual)}`];
    const found = actual as Record<string, unknown>;
    const wanted = expected as Record<string, unknown>;
    const missing = Object.keys(wanted).flatMap((key) => differences(wanted[key], found[key], excerpt, `${path}.${key}`));
    const extra = Object.keys(found)
      .filter((key) => !excerpt && !(key in wanted) && found[key] !== undefined)
      .map((key) => `${path}.${key}: AWS sends no such field, got ${describe(found[key])}`);
    return [...missing, ...extra];
  }
  return isDeepStrictEqual(expected, actual) ? [] : [`${path}: expected ${describe(expected)}, got ${describe(actual)}`];
}

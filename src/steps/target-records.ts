// Small records kept per target (what a step made, which checks passed), in localStorage in
// the browser and in memory in tests. They hold names and states, never secrets. One
// storage key per target, so the sandbox's records and an AWS account's never mix.
import { atom, type ReadableAtom } from 'nanostores';

export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface TargetRecords<T> {
  all(targetKey: string): Record<string, T>;
  get(targetKey: string, id: string): T | undefined;
  /** Stores a record, or deletes it when `value` is undefined. */
  set(targetKey: string, id: string, value: T | undefined): void;
  /** Bumped on every change, so widgets showing records can re-read them. */
  readonly version: ReadableAtom<number>;
}

export function targetRecords<T>(prefix: string, storage: StorageLike | undefined): TargetRecords<T> {
  const version = atom(0);
  const keyFor = (targetKey: string) => `${prefix}${targetKey}`;
  const all = (targetKey: string): Record<string, T> => {
    try {
      const parsed: unknown = JSON.parse(storage?.getItem(keyFor(targetKey)) ?? '{}');
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, T>) : {};
    } catch {
      return {};
    }
  };
  return {
    all,
    get: (targetKey, id) => (Object.hasOwn(all(targetKey), id) ? all(targetKey)[id] : undefined),
    set(targetKey, id, value) {
      const records = all(targetKey);
      if (value === undefined) delete records[id];
      else records[id] = value;
      try {
        if (Object.keys(records).length === 0) storage?.removeItem(keyFor(targetKey));
        else storage?.setItem(keyFor(targetKey), JSON.stringify(records));
      } catch {
        // Storage full or switched off: the record lasts for this page view only.
      }
      version.set(version.get() + 1);
    },
    version,
  };
}

/** A Storage in memory, for tests and for browsers with storage switched off. */
export function memoryStorage(): StorageLike {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, String(value)),
    removeItem: (key) => void values.delete(key),
  };
}

/** The browser's localStorage, or memory where it is unavailable (or outside a browser). */
export function localStorageOrMemory(): StorageLike {
  try {
    if (typeof window !== 'undefined' && window.localStorage) return window.localStorage;
  } catch {
    // switched off by privacy settings
  }
  return memoryStorage();
}

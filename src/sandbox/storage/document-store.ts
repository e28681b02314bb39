import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Where the sandbox keeps its state: JSON documents and binary blobs under
 * '/'-separated keys ("lambda/functions/LambdaCRUD"). Services get a scoped
 * view (`store.scope('lambda')`) so their keys never collide.
 */
export interface DocumentStore {
  read<T>(key: string): Promise<T | undefined>;
  write(key: string, value: unknown): Promise<void>;
  readBlob(key: string): Promise<Buffer | undefined>;
  writeBlob(key: string, bytes: Uint8Array): Promise<void>;
  /** Removes a document or blob; missing keys are fine. */
  delete(key: string): Promise<void>;
  /** Keys directly under `prefix` (documents and blobs, without the prefix). */
  list(prefix?: string): Promise<string[]>;
  scope(prefix: string): DocumentStore;
}

/** Key segments may be any text (log group names contain '/' escaped by the caller); they are escaped for the file system. */
function segments(key: string): string[] {
  const parts = key.split('/').filter((part) => part !== '');
  if (parts.length === 0) throw new Error(`empty storage key: '${key}'`);
  return parts;
}

// '.' is escaped too so no segment can be '.' or '..'.
const escapeSegment = (segment: string) => encodeURIComponent(segment).replace(/\./g, '%2E');

const JSON_SUFFIX = '.json';
const BLOB_SUFFIX = '.bin';

/** Files on disk. Every write goes to a temporary file that is fsynced and renamed over the old one, so a crash at any moment leaves either the old or the new content, never a torn file. */
export function fileStore(root: string): DocumentStore {
  const pathOf = (key: string, suffix: string) => join(root, ...segments(key).map(escapeSegment)) + suffix;

  async function readIfExists(path: string): Promise<Buffer | undefined> {
    try {
      return await readFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
    const dir = dirname(path);
    await mkdir(dir, { recursive: true });
    const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    const file = await open(temporary, 'w');
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    try {
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    // The rename itself must reach the disk, or a power cut could bring the old name back.
    // Windows cannot flush a folder (FlushFileBuffers wants write access, which a folder
    // opened for reading lacks: EPERM); NTFS journals the rename itself.
    if (process.platform === 'win32') return;
    const directory = await open(dir, 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
  }

  return {
    async read<T>(key: string) {
      const bytes = await readIfExists(pathOf(key, JSON_SUFFIX));
      return bytes === undefined ? undefined : (JSON.parse(bytes.toString('utf8')) as T);
    },
    write: (key, value) => writeAtomically(pathOf(key, JSON_SUFFIX), Buffer.from(JSON.stringify(value))),
    readBlob: (key) => readIfExists(pathOf(key, BLOB_SUFFIX)),
    writeBlob: (key, bytes) => writeAtomically(pathOf(key, BLOB_SUFFIX), bytes),
    async delete(key) {
      await rm(pathOf(key, JSON_SUFFIX), { force: true });
      await rm(pathOf(key, BLOB_SUFFIX), { force: true });
    },
    async list(prefix = '') {
      const dir = prefix === '' ? root : join(root, ...segments(prefix).map(escapeSegment));
      let names: string[];
      try {
        names = await readdir(dir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      const keys = new Set<string>();
      for (const name of names) {
        const suffix = [JSON_SUFFIX, BLOB_SUFFIX].find((s) => name.endsWith(s));
        if (suffix) keys.add(decodeURIComponent(name.slice(0, -suffix.length)));
      }
      return [...keys].sort();
    },
    scope: (prefix) => fileStore(join(root, ...segments(prefix).map(escapeSegment))),
  };
}

/** The same contract in memory, for tests and `--in-memory`. Values are copied in and out, as a file would be. */
export function memoryStore(entries = new Map<string, Buffer>(), base = ''): DocumentStore {
  const full = (key: string, suffix: string) => base + segments(key).join('/') + suffix;
  return {
    async read<T>(key: string) {
      const bytes = entries.get(full(key, JSON_SUFFIX));
      return bytes === undefined ? undefined : (JSON.parse(bytes.toString('utf8')) as T);
    },
    async write(key, value) {
      entries.set(full(key, JSON_SUFFIX), Buffer.from(JSON.stringify(value)));
    },
    async readBlob(key) {
      const bytes = entries.get(full(key, BLOB_SUFFIX));
      return bytes === undefined ? undefined : Buffer.from(bytes);
    },
    async writeBlob(key, bytes) {
      entries.set(full(key, BLOB_SUFFIX), Buffer.from(bytes));
    },
    async delete(key) {
      entries.delete(full(key, JSON_SUFFIX));
      entries.delete(full(key, BLOB_SUFFIX));
    },
    async list(prefix = '') {
      const dir = prefix === '' ? base : base + segments(prefix).join('/') + '/';
      const keys = new Set<string>();
      for (const name of entries.keys()) {
        if (!name.startsWith(dir)) continue;
        const rest = name.slice(dir.length);
        const suffix = [JSON_SUFFIX, BLOB_SUFFIX].find((s) => rest.endsWith(s));
        if (suffix && !rest.slice(0, -suffix.length).includes('/')) keys.add(rest.slice(0, -suffix.length));
      }
      return [...keys].sort();
    },
    scope: (prefix) => memoryStore(entries, base + segments(prefix).join('/') + '/'),
  };
}

import { SerialQueue } from '../serial-queue.ts';
import type { DocumentStore } from '../storage/document-store.ts';
import type { FunctionRecord } from './function-record.ts';

/**
 * Lambda's state on disk: `functions/<name>` (the record) and
 * `code/<name>/<sha256 hex>` (each zip a revision still refers to). The zip is
 * written before the record that names it, so a crash between the two leaves
 * at worst an unreferenced zip, never a function without its code.
 */
export class FunctionStore {
  private readonly storage: DocumentStore;
  private readonly functions = new Map<string, FunctionRecord>();
  private readonly writes = new SerialQueue();

  private constructor(storage: DocumentStore) {
    this.storage = storage;
  }

  static async open(storage: DocumentStore): Promise<FunctionStore> {
    const store = new FunctionStore(storage);
    for (const name of await storage.list('functions')) {
      const record = await storage.read<FunctionRecord>(`functions/${name}`);
      if (record) store.functions.set(record.name, record);
    }
    return store;
  }

  get(name: string): FunctionRecord | undefined {
    return this.functions.get(name);
  }

  all(): FunctionRecord[] {
    return [...this.functions.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Saves the record (and a new zip first, if given), then drops zips no revision uses. */
  save(record: FunctionRecord, zip?: { hash: string; bytes: Buffer }): Promise<void> {
    this.functions.set(record.name, record);
    const snapshot = structuredClone(record);
    return this.writes.run(async () => {
      if (zip) await this.storage.writeBlob(`code/${record.name}/${zip.hash}`, zip.bytes);
      await this.storage.write(`functions/${record.name}`, snapshot);
      const used = new Set([snapshot.current, snapshot.previous].filter((r) => r !== undefined).map((r) => hashOf(r.code.sha256)));
      for (const hash of await this.storage.list(`code/${record.name}`)) {
        if (!used.has(hash)) await this.storage.delete(`code/${record.name}/${hash}`);
      }
    });
  }

  delete(name: string): Promise<void> {
    this.functions.delete(name);
    return this.writes.run(async () => {
      await this.storage.delete(`functions/${name}`);
      for (const hash of await this.storage.list(`code/${name}`)) await this.storage.delete(`code/${name}/${hash}`);
    });
  }

  /** Read in turn with the writes, so a zip just saved is found. */
  loadZip(name: string, sha256: string): Promise<Buffer> {
    return this.writes.run(async () => {
      const zip = await this.storage.readBlob(`code/${name}/${hashOf(sha256)}`);
      if (!zip) throw new Error(`the code of ${name} (${sha256}) is missing from storage`);
      return zip;
    });
  }
}

/** hex form of a base64 CodeSha256 */
export function hashOf(sha256: string): string {
  return Buffer.from(sha256, 'base64').toString('hex');
}

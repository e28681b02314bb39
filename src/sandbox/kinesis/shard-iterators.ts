import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DocumentStore } from '../storage/document-store.ts';

/**
 * What a shard iterator points at. AWS's iterators are opaque base64 tokens
 * valid for five minutes; these are too: the position is sealed with
 * AES-256-GCM under a key kept with the sandbox's state, so iterators survive
 * a restart and a tampered or made-up token is simply invalid.
 */
export interface IteratorPosition {
  /** `<region>:<stream name>` */
  stream: string;
  /** Creation time of the stream the iterator was issued for; a recreated stream with the same name is another stream. */
  streamCreatedAt: number;
  shardId: string;
  /** The counter of the next record to read. */
  next: number;
  /** AT_TIMESTAMP: records that arrived earlier are skipped. */
  notBefore?: number;
  /** When the iterator was issued, ms. */
  issuedAt: number;
}

// AWS's iterators start with these eight bytes (observed by kinesalite's author); keep the look.
const HEADER = Buffer.from([0, 0, 0, 0, 0, 0, 0, 1]);
const KEY_DOCUMENT = 'iterator-key';

export interface ShardIteratorCodec {
  seal(position: IteratorPosition): string;
  /** Undefined for anything that is not an iterator this sandbox issued. */
  open(token: string): IteratorPosition | undefined;
}

export async function openShardIteratorCodec(store: DocumentStore): Promise<ShardIteratorCodec> {
  let stored = await store.read<{ key: string }>(KEY_DOCUMENT);
  if (!stored) {
    stored = { key: randomBytes(32).toString('base64') };
    await store.write(KEY_DOCUMENT, stored);
  }
  const key = Buffer.from(stored.key, 'base64');
  return {
    seal(position) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const sealed = Buffer.concat([cipher.update(JSON.stringify(position), 'utf8'), cipher.final()]);
      return Buffer.concat([HEADER, iv, cipher.getAuthTag(), sealed]).toString('base64');
    },
    open(token) {
      const bytes = Buffer.from(token, 'base64');
      if (bytes.toString('base64') !== token || bytes.length <= HEADER.length + 28) return undefined;
      if (!bytes.subarray(0, HEADER.length).equals(HEADER)) return undefined;
      const iv = bytes.subarray(8, 20);
      const tag = bytes.subarray(20, 36);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv);
        decipher.setAuthTag(tag);
        const plain = Buffer.concat([decipher.update(bytes.subarray(36)), decipher.final()]).toString('utf8');
        return JSON.parse(plain) as IteratorPosition;
      } catch {
        return undefined;
      }
    },
  };
}

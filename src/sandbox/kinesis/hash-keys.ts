import { createHash } from 'node:crypto';

/** Kinesis hash keys are 128-bit unsigned integers: [0, 2^128 - 1]. */
export const HASH_KEY_LIMIT = 1n << 128n;

export interface HashKeyRange {
  /** Decimal strings, as the API shows them. */
  startingHashKey: string;
  endingHashKey: string;
}

/** A partition key's hash key: the MD5 of its UTF-8 bytes read as a big-endian number, as Kinesis maps keys to shards. */
export function hashKeyOf(partitionKey: string): bigint {
  return BigInt(`0x${createHash('md5').update(partitionKey, 'utf8').digest('hex')}`);
}

/** The hash key space split evenly over `count` shards, the way CreateStream lays out a new stream. */
export function evenHashKeyRanges(count: number): HashKeyRange[] {
  const size = BigInt(count);
  return Array.from({ length: count }, (_, i) => ({
    startingHashKey: ((HASH_KEY_LIMIT * BigInt(i)) / size).toString(),
    endingHashKey: ((HASH_KEY_LIMIT * BigInt(i + 1)) / size - 1n).toString(),
  }));
}

/** Index of the range that holds `hashKey`; ranges must cover the whole space. */
export function rangeIndexOf(ranges: HashKeyRange[], hashKey: bigint): number {
  return ranges.findIndex((r) => hashKey >= BigInt(r.startingHashKey) && hashKey <= BigInt(r.endingHashKey));
}

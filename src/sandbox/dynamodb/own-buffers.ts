// dynalite's in-memory store (memory-level) keeps each key and value as the Buffer it is
// given, and those are slices of Node's shared allocation pool: a small Buffer.from() takes
// its bytes from a 64 KiB slab (Buffer.poolSize in Node 24) that the next allocations share.
// One stored item keeps its whole slab alive. After the HTTP API bench the sandbox held
// 701 such slabs, 44 MiB, for 25 KiB of items (issue 13: a heap snapshot's ArrayBuffers,
// each retained by a key in memory-level's tree). So each one is stored as a copy the
// size of its own bytes.

/** The two writes a memory-level database stores through (abstract-level's private API). */
interface StoreWrites {
  _put(key: unknown, value: unknown, options: unknown): Promise<void>;
  _batch(operations: Array<{ type: string; key: unknown; value?: unknown }>, options: unknown): Promise<void>;
}

/** A Buffer's bytes in an ArrayBuffer of their own; anything else as it is. */
function ownCopy<T>(data: T): T {
  if (!Buffer.isBuffer(data)) return data;
  const copy = Buffer.allocUnsafeSlow(data.length);
  data.copy(copy);
  return copy as T;
}

/** Makes `db` store copies of what it is given; every sublevel writes through it. */
export function storeOwnCopies(db: StoreWrites): void {
  const put = db._put.bind(db);
  const batch = db._batch.bind(db);
  db._put = (key, value, options) => put(ownCopy(key), ownCopy(value), options);
  db._batch = (operations, options) =>
    batch(
      operations.map((op) => ({ ...op, key: ownCopy(op.key), value: ownCopy(op.value) })),
      options,
    );
}

// dynalite 4 turns abstract-level iterators into streams and, when a stream
// ends or is cut short (a Query that reached its Limit), calls
// `iterator.return()`, which abstract-level iterators do not have: the
// iterator is never closed, and the database keeps it, and the snapshot it
// reads, for as long as it is open. Every Query and Scan leaked a few
// kilobytes (found by tests/reliability/load.test.ts). These streams close
// their iterator however they finish.
import { Readable } from 'node:stream';

export interface LevelIterator {
  next(): Promise<unknown>;
  close(): Promise<void>;
}

export interface StreamingLevelDb {
  keys(options?: unknown): LevelIterator;
  values(options?: unknown): LevelIterator;
  createKeyStream(options?: unknown): Readable;
  createValueStream(options?: unknown): Readable;
}

/** A stream of what the iterator yields; the iterator is closed once the stream has ended or been destroyed. */
function iteratorStream(iterator: LevelIterator): Readable {
  return new Readable({
    objectMode: true,
    read() {
      iterator.next().then(
        (value) => this.push(value === undefined ? null : value),
        (error: Error) => this.destroy(error),
      );
    },
    // Readable destroys itself after 'end' (autoDestroy), so this runs on every way out.
    destroy(error, callback) {
      iterator.close().then(
        () => callback(error),
        () => callback(error),
      );
    },
  });
}

/** Replaces dynalite's stream methods on its database with ones that close their iterators. */
export function closeIteratorsWithTheirStreams(db: StreamingLevelDb): void {
  db.createKeyStream = (options) => iteratorStream(db.keys(options));
  db.createValueStream = (options) => iteratorStream(db.values(options));
}

// dynalite's streams over its database close their iterators (see
// src/sandbox/dynamodb/level-streams.ts): read to the end, or cut short as a
// Query with a Limit does. An iterator left open keeps memory for good.
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import { expect, test } from 'vitest';
import { closeIteratorsWithTheirStreams, type LevelIterator, type StreamingLevelDb } from '../../src/sandbox/dynamodb/level-streams.ts';

const require = createRequire(import.meta.url);
const dynaliteDb = require('dynalite/db') as { create(options: object): { db: StreamingLevelDb & { put(key: string, value: unknown): Promise<void> } } };

/** dynalite's own in-memory database, fixed, with every iterator it opens kept for the test to look at. */
async function database() {
  const { db } = dynaliteDb.create({});
  closeIteratorsWithTheirStreams(db);
  for (const key of ['a', 'b', 'c']) await db.put(key, { key });
  const opened: LevelIterator[] = [];
  for (const method of ['keys', 'values'] as const) {
    const original = db[method].bind(db);
    db[method] = (options) => {
      const iterator = original(options);
      opened.push(iterator);
      return iterator;
    };
  }
  return { db, opened };
}

const closed = (iterator: LevelIterator) => expect(iterator.next()).rejects.toMatchObject({ code: 'LEVEL_ITERATOR_NOT_OPEN' });
const finished = (stream: Readable) => new Promise((resolve) => stream.once('close', resolve));

test('a stream read to its end closes its iterator', async () => {
  const { db, opened } = await database();
  const values: unknown[] = [];
  const stream = db.createValueStream({}).on('data', (value) => values.push(value));
  await finished(stream);
  expect(values).toEqual([{ key: 'a' }, { key: 'b' }, { key: 'c' }]);
  const keys = db.createKeyStream({}).resume();
  await finished(keys);
  expect(opened).toHaveLength(2);
  for (const iterator of opened) await closed(iterator);
});

test('a stream destroyed before its end (a Query that reached its Limit) closes its iterator', async () => {
  const { db, opened } = await database();
  const stream = db.createValueStream({});
  stream.once('data', () => stream.destroy());
  await finished(stream);
  await closed(opened[0]);
});

// The log store on its own: what is written survives a reopen, in time order,
// in chunks so a long stream is not rewritten whole, and deleting a group
// leaves nothing behind.
import { expect, test } from 'vitest';
import { LogStore } from '../../src/sandbox/logs/log-store.ts';
import { memoryStore, type DocumentStore } from '../../src/sandbox/storage/document-store.ts';

/** A store that records the keys of the documents written to it, and how many log events they held. */
function countingStore(): { storage: DocumentStore; writes: string[]; eventsWritten: () => number } {
  const inner = memoryStore();
  const writes: string[] = [];
  let events = 0;
  const wrap = (store: DocumentStore): DocumentStore => ({
    ...store,
    write: (key, value) => {
      writes.push(key);
      if (key.startsWith('events/')) events += (value as unknown[]).length;
      return store.write(key, value);
    },
    scope: (prefix) => wrap(store.scope(prefix)),
  });
  return { storage: wrap(inner), writes, eventsWritten: () => events };
}

test('events survive a reopen in time order, and only changed chunks are rewritten', async () => {
  const { storage, writes } = countingStore();
  const store = await LogStore.open(storage);
  await store.createGroup('/aws/lambda/f');
  const group = store.group('/aws/lambda/f')!;
  const stream = store.createStream(group, '2025/04/03/[$LATEST]abc');
  store.append(
    group,
    stream,
    Array.from({ length: 2500 }, (_, i) => ({ timestamp: 1000 + i, message: `line ${i}\n` })),
  );
  await store.flush();
  expect(writes.filter((key) => key.startsWith('events/'))).toHaveLength(25);

  writes.length = 0;
  store.append(group, stream, [{ timestamp: 5000, message: 'newest\n' }]);
  await store.flush();
  // One chunk (the last) and the stream's entry; the first 2400 events stay as they were.
  expect(writes).toHaveLength(2);

  writes.length = 0;
  store.append(group, stream, [{ timestamp: 1500.5, message: 'late\n' }]);
  await store.flush();
  // It lands at index 501: its chunk (5) and every later one move.
  expect(writes.filter((key) => key.startsWith('events/')).map((key) => Number(key.split('/').at(-1)))).toEqual(Array.from({ length: 21 }, (_, i) => 5 + i));

  const reopened = await LogStore.open(storage);
  const events = reopened.group('/aws/lambda/f')!.streams.get('2025/04/03/[$LATEST]abc')!.events;
  expect(events).toHaveLength(2502);
  expect(events[501].message).toBe('late\n');
  expect(events.at(-1)!.message).toBe('newest\n');
  expect(events.every((e, i) => i === 0 || events[i - 1].timestamp <= e.timestamp)).toBe(true);
});

test('a line added to a long stream rewrites at most 100 of its events', async () => {
  // Each warm Lambda environment has a stream that gains a few lines between writes; were
  // each write a thousand events, 32 busy environments would cost the server more per request.
  const { storage, eventsWritten } = countingStore();
  const store = await LogStore.open(storage);
  const writer = store.writer('/aws/lambda/f', 'stream');
  for (let i = 0; i < 950; i++) writer.put(`line ${i}\n`);
  await store.flush();
  const before = eventsWritten();
  writer.put('one more\n');
  await store.flush();
  expect(eventsWritten() - before).toBeLessThanOrEqual(100);
});

test('deleting a group removes its streams and events from storage', async () => {
  const storage = memoryStore();
  const store = await LogStore.open(storage);
  store.writer('/aws/lambda/g', 's1').put('hello\n');
  await store.flush();
  expect(await storage.list('events/%2Faws%2Flambda%2Fg/s1')).toEqual(['0']);
  await store.deleteGroup('/aws/lambda/g');
  expect(await storage.list('groups')).toEqual([]);
  expect(await storage.list('streams/%2Faws%2Flambda%2Fg')).toEqual([]);
  expect(await storage.list('events/%2Faws%2Flambda%2Fg/s1')).toEqual([]);
  expect((await LogStore.open(storage)).allGroups()).toEqual([]);
});

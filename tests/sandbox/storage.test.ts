import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { fileStore, memoryStore, type DocumentStore } from '../../src/sandbox/storage/document-store.ts';

const STORE_MODULE = resolve(import.meta.dirname, '../../src/sandbox/storage/document-store.ts');
const dirs: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'labbook-store-'));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe.each([
  ['file', async () => fileStore(await tempDir())],
  ['memory', async () => memoryStore()],
] as Array<[string, () => Promise<DocumentStore>]>)('%s store', (_, open) => {
  test('documents and blobs round-trip; missing keys read as undefined', async () => {
    const store = await open();
    expect(await store.read('lambda/functions/LambdaCRUD')).toBeUndefined();
    await store.write('lambda/functions/LambdaCRUD', { Runtime: 'python3.13', Timeout: 3 });
    await store.writeBlob('lambda/code/LambdaCRUD', Buffer.from([0x50, 0x4b, 3, 4]));
    expect(await store.read('lambda/functions/LambdaCRUD')).toEqual({ Runtime: 'python3.13', Timeout: 3 });
    expect(await store.readBlob('lambda/code/LambdaCRUD')).toEqual(Buffer.from([0x50, 0x4b, 3, 4]));
    await store.delete('lambda/functions/LambdaCRUD');
    expect(await store.read('lambda/functions/LambdaCRUD')).toBeUndefined();
  });

  test('list gives the keys directly under a prefix, any characters included', async () => {
    const store = await open();
    const logs = store.scope('logs');
    await logs.write('groups/%2Faws%2Flambda%2Ffn', {});
    await logs.write('groups/..', {});
    await logs.write('groups/nested/deeper', {});
    expect(await logs.list('groups')).toEqual(['%2Faws%2Flambda%2Ffn', '..']);
    expect(await store.list('logs/groups/nested')).toEqual(['deeper']);
    expect(await store.list('nothing-here')).toEqual([]);
  });

  test('a value read back is a copy, not the stored object', async () => {
    const store = await open();
    const value = { items: [1] };
    await store.write('doc', value);
    value.items.push(2);
    const read = await store.read<{ items: number[] }>('doc');
    read!.items.push(3);
    expect(await store.read('doc')).toEqual({ items: [1] });
  });
});

test('a process killed with SIGKILL in the middle of writes never leaves a torn or lost document', async () => {
  const dir = await tempDir();
  // The child rewrites one large (4 MB, so each write takes a while) document as fast as it can and reports each acknowledged write.
  const writer = `
    const { fileStore } = await import(${JSON.stringify(STORE_MODULE)});
    const store = fileStore(${JSON.stringify(dir)});
    for (let n = 1; ; n++) {
      await store.write('state', { n, padding: 'x'.repeat(4_000_000 + (n % 7) * 1000) });
      process.stdout.write(n + '\\n');
    }`;
  for (let round = 0; round < 8; round++) {
    const child = spawn(process.execPath, ['--input-type=module', '-e', writer], { stdio: ['ignore', 'pipe', 'inherit'] });
    let acknowledged = 0;
    const firstAck = new Promise<void>((resolve) => {
      child.stdout.setEncoding('utf8').on('data', (text: string) => {
        const lines = text.trim().split('\n');
        acknowledged = Number(lines[lines.length - 1]);
        resolve();
      });
    });
    // Kill at a different moment each round, but only once writing is under way (a busy machine starts slowly).
    await firstAck;
    await new Promise((r) => setTimeout(r, 20 + round * 37));
    child.kill('SIGKILL');
    await once(child, 'exit');
    const state = await fileStore(dir).read<{ n: number; padding: string }>('state');
    // The last acknowledged write is there (or a later one that had reached its rename), and intact.
    expect(acknowledged).toBeGreaterThan(0);
    expect(state!.n).toBeGreaterThanOrEqual(acknowledged);
    expect(state!.padding).toHaveLength(4_000_000 + (state!.n % 7) * 1000);
  }
  // Leftover temporary files from killed writes are never mistaken for documents.
  expect((await readdir(dir)).filter((name) => name.endsWith('.json'))).toEqual(['state.json']);
  expect(await fileStore(dir).list()).toEqual(['state']);
});

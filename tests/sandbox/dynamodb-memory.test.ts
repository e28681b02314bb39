import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, test } from 'vitest';
import { openDynamoEngine } from '../../src/sandbox/dynamodb/engine.ts';

// A full collection, so what is measured is what the store keeps. V8 frees array buffers'
// memory on a background thread after a collection unless told otherwise: on a busy machine
// the count read right after gc() still held the loop's freed Buffers (3.7 MB, in CI).
setFlagsFromString('--expose-gc');
setFlagsFromString('--no-concurrent-array-buffer-sweeping');
const gc = runInNewContext('gc') as () => void;

test("the in-memory store keeps an item's bytes, not the 64 KiB pool slab they were cut from", async () => {
  const engine = await openDynamoEngine({ accountId: '123456789012', region: 'us-east-1', log: () => {} });
  try {
    const table = {
      TableName: 'slabs',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    };
    expect((await engine.call('CreateTable', JSON.stringify(table))).status).toBe(200);
    gc();
    const before = process.memoryUsage().arrayBuffers;
    const items = 200;
    for (let i = 0; i < items; i++) {
      // What a server does between two puts (reading requests, writing answers): enough pooled Buffers to start a new slab.
      for (let j = 0; j < 3; j++) Buffer.from('x'.repeat(30_000));
      const put = await engine.call('PutItem', JSON.stringify({ TableName: 'slabs', Item: { id: { S: `item-${i}` }, n: { N: String(i) } } }));
      expect(put.status).toBe(200);
    }
    gc();
    const kept = process.memoryUsage().arrayBuffers - before;
    // 200 small items; a slab each would be 200 × 64 KiB = 12.5 MiB.
    expect(kept).toBeLessThan(1024 * 1024);
  } finally {
    await engine.close();
  }
});

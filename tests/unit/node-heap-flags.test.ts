import { expect, test } from 'vitest';
import { nodeHeapFlags } from '../../src/sandbox/runtimes/node-heap-flags.ts';

test("a Node.js function's heap follows its MemorySize as on AWS: a tenth young (half per semi-space), the rest old", () => {
  expect(nodeHeapFlags(128)).toEqual(['--max-semi-space-size=6', '--max-old-space-size=116']);
  expect(nodeHeapFlags(1024)).toEqual(['--max-semi-space-size=51', '--max-old-space-size=922']);
});

test("the function's own NODE_OPTIONS naming either limit, with - or _, wins: neither is set", () => {
  expect(nodeHeapFlags(128, '--max-old-space-size=300')).toEqual([]);
  expect(nodeHeapFlags(128, '--enable-source-maps --max_semi_space_size=2')).toEqual([]);
  expect(nodeHeapFlags(128, '--enable-source-maps')).toEqual(['--max-semi-space-size=6', '--max-old-space-size=116']);
});

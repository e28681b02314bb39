import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { SERVER_V8_FLAGS } from '../../src/cli/server-v8-flags.ts';

const ROOT = resolve(import.meta.dirname, '../..');

test("bin/labbook.js's #! line starts Node.js with the server's V8 flags (npx, and npm's Windows shims, read it)", () => {
  const shebang = readFileSync(resolve(ROOT, 'bin/labbook.js'), 'utf8').split('\n')[0];
  expect(shebang).toBe(`#!/usr/bin/env -S node ${SERVER_V8_FLAGS.join(' ')}`);
});

test('npm start passes the same flags', () => {
  const { scripts } = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  expect(scripts.start).toBe(`node ${SERVER_V8_FLAGS.join(' ')} bin/labbook.js start`);
});

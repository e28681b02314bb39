import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';

const CONTENT = join(import.meta.dirname, '../../content');

/** The `code={`…`}` and `check={`…`}` literals of every chapter, with where they start. */
async function codeLiterals() {
  const files = (await readdir(CONTENT, { recursive: true })).filter((f) => f.endsWith('.mdx'));
  const literals: Array<{ where: string; lines: string[] }> = [];
  for (const file of files) {
    const text = await readFile(join(CONTENT, file), 'utf8');
    for (const match of text.matchAll(/(?:code|check)=\{`([\s\S]*?)`\}/g)) {
      const line = text.slice(0, match.index).split('\n').length;
      literals.push({ where: `${relative(CONTENT, join(CONTENT, file))}:${line}`, lines: match[1].split('\n') });
    }
  }
  return literals;
}

// MDX strips up to two leading spaces from each continuation line inside braces, so
// chapters indent those lines by two extra spaces; a line without them would reach the
// student as two-space Python (or lose its indentation altogether).
test('every continuation line of a chapter code literal carries the two spaces MDX removes', async () => {
  const literals = await codeLiterals();
  expect(literals.length).toBeGreaterThan(10);
  const missing = literals.flatMap(({ where, lines }) =>
    lines
      .slice(1)
      .filter((l) => l.trim() !== '' && !l.startsWith('  '))
      .map((l) => `${where}: ${l.trim()}`),
  );
  expect(missing).toEqual([]);
});

// The kwargs chapter, tested with the author test kit: copy this file as
// tests/chapters/<your chapter's slug>.spec.ts and run `npm run test:chapter -- <slug>`.
import { readFileSync } from 'node:fs';
import { expect, test } from './kit.ts';

/** The chapter's own solution file: the spec proves the solution it ships is right. */
const solution = (exerciseId: string) => readFileSync(new URL(`../../content/solutions/${exerciseId}.py`, import.meta.url), 'utf8');

test.beforeEach(async ({ chapter }) => {
  await chapter.open('kwargs');
});

test('a cell runs and prints what the chapter says it prints', async ({ chapter }) => {
  const output = await chapter.runCell('**kwargs is a dict');
  await expect(output).toContainText("dict {'name': 'Alice', 'age': 30}");
});

test('the first exercise passes with the chapter’s own solution', async ({ chapter }) => {
  await chapter.solveExercise('1. Collect keyword arguments', solution('kwargs-collect'));
});

// A student's progress is stored under an exercise's id, so two exercises sharing one
// anywhere on the site would share a done mark and saved code.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { exerciseIdsIn, withoutCodeBlocks } from '../../src/site/lab-block/exercises.ts';
import { widgetCatalogue } from '../../src/widgets/catalogue/registry.ts';

const CONTENT = join(import.meta.dirname, '../../content');

async function chapterExerciseIds(): Promise<string[]> {
  const files = (await readdir(CONTENT, { recursive: true })).filter((file) => file.endsWith('.mdx'));
  const ids: string[] = [];
  for (const file of files) {
    const text = await readFile(join(CONTENT, file), 'utf8');
    const found = exerciseIdsIn(text);
    expect(found.length, `${file}: every <Exercise> has an id`).toBe(withoutCodeBlocks(text).match(/<Exercise\s/g)?.length ?? 0);
    ids.push(...found);
  }
  return ids;
}

test('every exercise id is used once across the chapters and the widget catalogue', async () => {
  const catalogueIds = widgetCatalogue
    .filter((entry) => entry.name === 'Exercise')
    .flatMap((entry) => entry.examples.map((example) => String(example.props.id)));
  const ids = [...(await chapterExerciseIds()), ...catalogueIds];
  expect(catalogueIds.length).toBeGreaterThan(0);
  expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
});

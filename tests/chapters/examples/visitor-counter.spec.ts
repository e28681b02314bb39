// The visitor-counter example with the author test kit: its Python, its exercise with the
// solution it ships, its declared table (page and day), two functions and an HTTP API made
// from the page, a visit recorded and read back (invoked, and through the API), the items
// browsed, the chapter's check, and Clean-up in a fresh browser finding what the chapter
// made and deleting it.
import { readFileSync } from 'node:fs';
import { removeFromSandbox } from '../../browser/sandbox-resources.ts';
import { expect, test } from '../kit.ts';

// The last test cleans up what the one before made.
test.describe.configure({ mode: 'serial' });

const solution = readFileSync(new URL('../../../content/solutions/visitor-counter-totals.py', import.meta.url), 'utf8');

test.beforeAll(async ({ request }) => {
  await removeFromSandbox(request, { tables: ['VisitorCounts'], functions: ['RecordVisit', 'ReadVisits'] });
});

test('the cell and the exercise', async ({ chapter }) => {
  await chapter.open('examples/visitor-counter');
  const output = await chapter.runCell('Items of one partition, sorted by day');
  await expect(output).toContainText("[('2026-12-01', 5), ('2026-12-02', 3)]");
  await chapter.solveExercise('Total visits per page', solution);
});

test('the declared resources are made, used and checked', async ({ chapter, request }) => {
  await chapter.open('examples/visitor-counter');
  await chapter.useSandbox();
  const table = await chapter.runStep('Create the table VisitorCounts');
  await expect(table.locator('.lb-lab__outcome')).toHaveText('Created VisitorCounts.');
  await chapter.runStep('Deploy the function RecordVisit');
  await chapter.runStep('Deploy the function ReadVisits');

  await chapter.invoke('RecordVisit', '{"page": "about"}');
  const read = await chapter.invoke('ReadVisits', '{"page": "about"}');
  await expect(read.locator('pre').first()).toContainText('"total": 1');
  await expect(await chapter.scanTable('VisitorCounts')).toContainText('about');

  // The declared API, as one sequence, answering at its invoke URL.
  const api = await chapter.runSequence('Build the HTTP API VisitsApi');
  const url = await api.locator('a.lb-sequence__url').textContent();
  const answer = await request.get(`${url}visits?page=about`);
  expect(await answer.json()).toMatchObject({ page: 'about', total: 1 });
  await chapter.expectCheckPasses('Extra: a visitor counter: its resources');
});

// Each test has a browser of its own: this one never made anything, so Clean-up finds the
// chapter's resources by their labbook tags, and deletes each (not Delete all: other specs'
// resources may share the sandbox).
test('in a fresh browser, Clean-up finds the chapter’s resources by their tags and deletes them', async ({ chapter }) => {
  await chapter.open('clean-up');
  await chapter.useSandbox();
  const teardown = await chapter.widget('Delete what the lab made');
  for (const id of [
    'examples/visitor-counter/VisitsApi:VisitsApi',
    'examples/visitor-counter/ReadVisits:ReadVisits',
    'examples/visitor-counter/RecordVisit:RecordVisit',
    'examples/visitor-counter/VisitorCounts:VisitorCounts',
  ]) {
    const item = teardown.locator(`[data-leftover="${id}"]`);
    await expect(item.locator('[data-origin]')).toHaveAttribute('data-origin', 'tagged', { timeout: 30_000 });
    await item.getByRole('button', { name: /^Delete / }).click();
    await teardown.getByRole('button', { name: 'Delete it', exact: true }).click();
    await expect(item).toHaveCount(0, { timeout: 30_000 });
  }
});

// Teardown and Progress as a student uses them, with the lab's own names, from an empty
// sandbox (this folder has a server and sandbox of its own, and runs one file at a time). One browser tab
// throughout, as a student's: the chapter's CLI text makes Task 8.1's table (untagged), the
// chapters' steps make the rest of Task 8.1 (function, HTTP API, and a table of the student's
// own name) and Task 8.2's backend and stream, and the checks pass; Progress shows it done in the
// sandbox and not in another target; a fresh browser finds what the page made by its labbook
// tags and the CLI's table by its name, and deletes one of each on its own; then Delete all
// removes the rest in order through the relay, a second look finds nothing, and the sandbox holds nothing.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { seriousViolations } from '../accessibility.ts';
import { button, watchPageErrors, widget } from '../page-errors.ts';
import { runStepCli } from '../sandbox-resources.ts';
import { sandboxHoldings } from '../sandbox-wipe.ts';
import { tableStep } from '../../../src/steps/task-8-1/table.ts';
import { TASK_8_1_TABLE } from '../../../src/steps/task-8-1/names.ts';
import { openTargetPanel, targetIndicator, useAwsThroughRelay, useSandboxInPage } from '../target-helpers.ts';
import { oneStudentTab } from './student-tab.ts';

test.describe.configure({ mode: 'serial' });

const student = oneStudentTab();

/** The sandbox again after another target: its radio first, since the panel shows the current kind. */
async function backToSandbox(on: Page): Promise<void> {
  const panel = await openTargetPanel(on);
  await panel.getByRole('radio', { name: /^Sandbox/ }).check();
  await panel.getByRole('button', { name: /^(Use the sandbox|Get new sandbox credentials)$/ }).click();
  await expect(targetIndicator(on)).toHaveAccessibleName(/Sandbox.*credentials work/);
  await on.keyboard.press('Escape');
}

const CHECK = 'Task 8.1: the table and the function';
const checkRow = (progress: Locator) => progress.locator('li[data-check="task-8-1/table-and-function"]');
const OWN_TABLE = 'teardown-spec-things';

/** What Clean-up says made each resource. */
const ORIGIN = {
  made: 'made by labbook',
  tagged: 'made by labbook, found by its tags',
  untagged: 'made outside labbook — matched by name',
  found: 'found with the lab’s name',
};

/** The list item of the resource with exactly this name. */
const itemNamed = (items: Locator, name: string) => items.filter({ has: items.page().locator('.lb-teardown__name', { hasText: new RegExp(`^${name}$`) }) });

test('the chapter’s steps make the lab’s table and function, and a passing check shows done on the Progress page, per target', async ({ request }) => {
  test.setTimeout(180_000);
  await student.page.goto('/task-8-1/');
  await useSandboxInPage(student.page);
  // The lab's table from the chapter's CLI text: no labbook tags, and no record in this browser.
  await runStepCli(request, tableStep);
  // A second table under a name of the student's own, from the page: labbook records and tags it.
  const table = await widget(student.page, 'Create the DynamoDB table');
  await table.getByLabel('Table name').fill(OWN_TABLE);
  await button(table, 'Run').click();
  await expect(table.locator('.lb-lab__outcome')).toHaveText(`Created ${OWN_TABLE}.`);
  const editor = await widget(student.page, 'Deploy the function LambdaCRUD');
  await button(editor, 'Deploy').click();
  await expect(editor.locator('.lb-lab__outcome')).toContainText('LambdaCRUD', { timeout: 60_000 });
  // The HTTP API, every piece of it, with the lab's names.
  const sequence = await widget(student.page, 'Build the HTTP API');
  await button(sequence, 'Run all').click();
  await expect(student.page.locator('.lb-sequence > .lb-lab__status')).toContainText('All steps done', { timeout: 60_000 });
  // Task 8.2's backend and its stream: the one resource that bills by the hour.
  await student.page.goto('/task-8-2/');
  for (const name of ['Create the connections table and the four functions', 'Create the stream and connect it to FlightFanout']) {
    const steps = await widget(student.page, name);
    await button(steps, 'Run all').click();
    await expect(steps.locator(':scope > .lb-lab__status')).toContainText('All steps done', { timeout: 90_000 });
  }

  // Before any check: the Progress page lists every check under its chapter, none done.
  await student.page.goto('/progress/');
  const progress = await widget(student.page, 'Your progress');
  const row = checkRow(progress);
  await expect(row.locator('.lb-progress__title')).toHaveText('the table and the function');
  await expect(progress.locator('.lb-progress__task > .lb-lab__subtitle')).toHaveText([
    'Python keyword arguments',
    'AWS Lambda',
    'API Gateway',
    'WebSockets',
    'Task 8.1: a serverless CRUD app',
    'Task 8.2: a real-time flight map',
    // The example chapter: its exercise and the check of its declared resources.
    'Extra: a visitor counter',
  ]);
  await expect(row).toContainText('Not done yet');

  // Check again runs the real check; it passes, so it is done in the sandbox.
  await progress.getByRole('button', { name: `Check again: ${CHECK}` }).click();
  await expect(row.locator('.lb-lab__findings')).toContainText('A GET event returns 200');
  await expect(row).toHaveAttribute('data-done', 'true');
  await expect(row).toContainText(/Done on /);
  await expect(progress.locator('.lb-progress__summary')).toContainText(/In the sandbox \(account \d{12}\): 1 of \d+ checks done/);
  // The API's check too: a GET through its invoke URL.
  const apiRow = progress.locator('li[data-check="task-8-1/api"]');
  await progress.getByRole('button', { name: /^Check again: Task 8\.1: .*API/ }).click();
  await expect(apiRow).toHaveAttribute('data-done', 'true', { timeout: 30_000 });
  await expect(progress.locator('.lb-progress__summary')).toContainText(/: 2 of \d+ checks done/);
  expect(await seriousViolations(student.page, ['.lb-progress'])).toEqual([]);

  // Another target (an AWS account, here through the relay) has progress of its own: not done
  // there, and the sandbox's is listed under the other targets.
  await useAwsThroughRelay(student.page, request);
  await expect(row).toContainText('Not done yet');
  await expect(progress.locator('.lb-progress__others')).toContainText(/the sandbox \(account \d{12}\): 2 of \d+ checks done/);

  // The same widget on the Clean-up page, back in the sandbox.
  await student.page.goto('/clean-up/');
  await backToSandbox(student.page);
  await expect(checkRow(await widget(student.page, 'Your progress'))).toContainText(/Done on /);
});

test('teardown lists what the lab made with its costs, deletes one, then all in order through the relay, and then finds nothing left', async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  await student.page.goto('/clean-up/');
  const teardown = await widget(student.page, 'Delete what the lab made');
  const items = teardown.locator('.lb-teardown__item');
  const names = items.locator('.lb-teardown__name');
  // In the order it deletes them: the mapping, then the stream it reads, … each API's pieces before
  // the API, the functions it calls, then the tables.
  await expect(names.last()).toHaveText(OWN_TABLE);
  const listed = await names.allTextContents();
  expect(listed.slice(0, 2)).toEqual(['FlightFanout ← ccbda-flights', 'ccbda-flights']);
  expect(listed.slice(-4)).toEqual(['CrudHttpAPI', 'LambdaCRUD', 'ccbda-lambda-first', OWN_TABLE]);
  expect(listed.indexOf('FlightMapWsAPI')).toBeLessThan(listed.indexOf('WsConnect'));
  expect(listed.indexOf('WsConnect')).toBeLessThan(listed.indexOf('ccbda-ws-connections'));
  // What the page made is this browser's; the CLI's table it knows only by its name.
  await expect(items.locator('.lb-teardown__origin')).toHaveText(listed.map((name) => (name === TASK_8_1_TABLE ? ORIGIN.untagged : ORIGIN.made)));
  await expect(items.filter({ has: student.page.locator('.lb-teardown__name', { hasText: /^CrudHttpAPI$/ }) })).toContainText(
    'On AWS: HTTP API: nothing while idle; about $1 per million requests',
  );
  await expect(items.filter({ hasText: 'Create the stage prod' })).toContainText('Part of its API');
  const crudFunction = items.filter({ has: student.page.locator('.lb-teardown__name', { hasText: /^LambdaCRUD$/ }) });
  await expect(crudFunction).toContainText('Free in the sandbox. On AWS: Lambda function: nothing while idle');
  // Labelled with what the student ran, and where.
  await expect(crudFunction.locator('.lb-teardown__what')).toHaveText('Deploy the function LambdaCRUD (on Task 8.1: a serverless CRUD app)');
  await expect(items.filter({ hasText: 'ccbda-lambda-first' })).toContainText('about $0.25 per GB-month');
  await expect(items.nth(1).locator('.lb-teardown__cost')).toHaveText(
    /^Free in the sandbox\. On AWS: Provisioned Kinesis stream: about \$0\.015 per shard-hour, even when idle — 1 shard, about \$0\.36 a day/,
  );
  expect(await seriousViolations(student.page, ['.lb-teardown'])).toEqual([]);

  // A fresh browser has no record of them, but finds them all on the sandbox: what the page
  // made by its labbook tags (the student's own table too, with the chapter it was made on),
  // the CLI's table by its name, and the parts AWS keeps no tags on by their names.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  const otherErrors = watchPageErrors(otherPage);
  await otherPage.goto('/clean-up/');
  await useSandboxInPage(otherPage);
  const elsewhere = await widget(otherPage, 'Delete what the lab made');
  const otherItems = elsewhere.locator('.lb-teardown__item');
  await expect(elsewhere.locator('.lb-teardown__name')).toHaveText(listed);
  await expect(itemNamed(otherItems, OWN_TABLE).locator('.lb-teardown__origin')).toHaveText(ORIGIN.tagged);
  await expect(itemNamed(otherItems, OWN_TABLE).locator('.lb-teardown__what')).toHaveText(/^Create the DynamoDB table \(on Task 8\.1/);
  await expect(itemNamed(otherItems, 'LambdaCRUD').locator('.lb-teardown__origin')).toHaveText(ORIGIN.tagged);
  await expect(itemNamed(otherItems, TASK_8_1_TABLE).locator('.lb-teardown__origin')).toHaveText(ORIGIN.untagged);
  await expect(otherItems.filter({ hasText: 'Create the stage prod' }).locator('.lb-teardown__origin')).toHaveText(ORIGIN.found);
  await expect(elsewhere.locator('.lb-teardown__origin', { hasText: new RegExp(`^${ORIGIN.made}$`) })).toHaveCount(0);

  // There, one on its own after a confirmation naming it: the page's own-named table, then the CLI's.
  const otherConfirm = elsewhere.locator('.lb-teardown__confirm');
  for (const name of [OWN_TABLE, TASK_8_1_TABLE]) {
    await button(elsewhere, `Delete ${name}`).click();
    await expect(otherConfirm).toContainText('Delete this resource from the sandbox');
    await button(otherConfirm, 'Delete it').click();
    await expect(elsewhere.locator('.lb-teardown__deleted')).toHaveText(`Deleted: ${name}.`);
  }
  const labNamed = listed.filter((name) => name !== OWN_TABLE && name !== TASK_8_1_TABLE);
  await expect(elsewhere.locator('.lb-teardown__name')).toHaveText(labNamed);
  // The student's tab forgets its record of the table it made once it looks again and finds it gone.
  await button(teardown, 'Look again').click();
  await expect(names).toHaveText(labNamed);
  const confirm = teardown.locator('.lb-teardown__confirm');

  // The same account as AWS, through the relay: a target of its own, so nothing there was made
  // by labbook, and the costs are AWS's.
  await useAwsThroughRelay(student.page, request);
  await expect(teardown.locator('.lb-teardown__where')).toContainText(/Looking in AWS account \d{12} in us-east-1/);
  await expect(items.locator('.lb-teardown__origin', { hasText: new RegExp(`^${ORIGIN.made}$`) })).toHaveCount(0);
  await expect(itemNamed(items, 'LambdaCRUD').locator('.lb-teardown__origin')).toHaveText(ORIGIN.tagged);
  await expect(items.filter({ hasText: 'Deploy the CRUD function' }).locator('.lb-teardown__cost')).toHaveText(
    /^Lambda function: nothing while idle; \$0\.20 per million requests/,
  );
  await expect(items.nth(1).locator('.lb-teardown__cost')).toHaveText(/^Bills every hour\. Provisioned Kinesis stream/);
  await expect(teardown.locator('.lb-teardown__cost[data-hourly="true"]')).toHaveCount(1);

  // Delete all asks first, naming what will go; Cancel leaves everything.
  await button(teardown, 'Delete all…').click();
  await expect(confirm).toContainText(new RegExp(`Delete these ${labNamed.length} resources from AWS account \\d{12} in us-east-1`));
  await expect(confirm.locator('li').last()).toHaveText(`${labNamed.at(-1)} (Deploy the CRUD function)`);
  await expect(confirm.locator('li')).toHaveCount(labNamed.length);
  await expect(button(confirm, `Delete all ${labNamed.length}`)).toBeFocused();
  expect(await seriousViolations(student.page, ['.lb-teardown'])).toEqual([]);
  await student.page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(items).toHaveCount(labNamed.length);

  await button(teardown, 'Delete all…').click();
  await button(confirm, `Delete all ${labNamed.length}`).click();
  await expect(teardown.locator('.lb-teardown__nothing')).toContainText(/Nothing left in AWS account \d{12}/, { timeout: 60_000 });
  await expect(teardown.locator('.lb-teardown__deleted')).toHaveText(`Deleted: ${labNamed.join(', ')}.`);
  await expect(items).toHaveCount(0);

  // Back in the sandbox, and in the other browser: nothing left there either; nothing recorded is left.
  await backToSandbox(student.page);
  await expect(teardown.locator('.lb-teardown__nothing')).toContainText('Nothing left in the sandbox');
  await button(teardown, 'Look again').click();
  await expect(teardown.locator('.lb-teardown__nothing')).toBeVisible();
  expect(await student.page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('labbook:made:')))).toEqual([]);
  await button(elsewhere, 'Look again').click();
  await expect(elsewhere.locator('.lb-teardown__nothing')).toBeVisible();
  expect(otherErrors).toEqual([]);
  await other.close();

  expect(await sandboxHoldings(student.page.request)).toEqual({ mappings: [], streams: [], apis: [], functions: [], tables: [], logGroups: [] });
});

// The whole lab as a student does it in the page, with the lab's own names, from an empty
// sandbox (this folder has a server and sandbox of its own, and runs one file at a time): Task 8.1 up to
// items added through the items app and read back in the item browser; Task 8.2 up to two
// console sessions and the map receiving aircraft from the feed; then teardown, after which
// the sandbox holds none of labbook's resources. One tab throughout, as a student's.
import { expect, test, type Locator } from '@playwright/test';
import { button, widget, XSS } from '../page-errors.ts';
import { sandboxHoldings } from '../sandbox-wipe.ts';
import { useSandboxInPage } from '../target-helpers.ts';
import { labTimeout } from './lab-timings.ts';
import { oneStudentTab } from './student-tab.ts';

test.describe.configure({ mode: 'serial' });

const student = oneStudentTab();

async function runSequence(title: string): Promise<Locator> {
  const sequence = await widget(student.page, title);
  await button(sequence, 'Run all').click();
  await expect(sequence.getByRole('status').filter({ hasText: /^All steps done/ }), title).toBeVisible({ timeout: labTimeout(120_000) });
  return sequence;
}

test('Task 8.1 from nothing: table, function, HTTP API, then items added through the items app and read back in the item browser', async () => {
  test.setTimeout(labTimeout(300_000));
  await student.page.goto('/task-8-1/');
  await useSandboxInPage(student.page);

  const table = await widget(student.page, 'Create the DynamoDB table');
  await button(table, 'Run').click();
  await expect(table.locator('.lb-lab__outcome')).toHaveText('Created ccbda-lambda-first.', { timeout: labTimeout(15_000) });
  const editor = await widget(student.page, 'Deploy the function LambdaCRUD');
  await button(editor, 'Deploy').click();
  await expect(editor.locator('.lb-lab__outcome')).toHaveText('Created LambdaCRUD.', { timeout: labTimeout(60_000) });

  const api = await runSequence('Build the HTTP API');
  const invokeUrl = (await api.locator('.lb-sequence__url').textContent())!.trim();
  expect(invokeUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/_api\/\w+\/prod\/$/);

  // The lab's page, rebuilt: it finds the API by name and adds items through it.
  const app = await widget(student.page, 'Items app');
  await button(app, 'Find my API').click();
  await expect(app.getByLabel('API URL')).toHaveValue(invokeUrl);
  for (const thing of ['lamp', XSS]) {
    await app.getByLabel('New item’s thingID').fill(thing);
    await button(app, 'Add item').click();
    await expect(app.getByLabel('New item’s thingID')).toHaveValue('');
  }
  const listed = app.getByRole('region', { name: 'Items in ccbda-lambda-first, through the API' });
  await expect(listed.getByRole('cell', { name: XSS, exact: true })).toBeVisible();

  // The item browser reads the table itself, not through the API: both items are there, the markup as text.
  const items = student.page.getByRole('group', { name: 'Items in ccbda-lambda-first' });
  await items.scrollIntoViewIfNeeded();
  await button(items, 'Scan').click();
  await expect(items.locator('caption')).toHaveText('2 items');
  await expect(items.getByRole('cell', { name: 'lamp', exact: true })).toBeVisible();
  await expect(items.getByRole('cell', { name: XSS, exact: true })).toBeVisible();
  await expect(student.page.locator('main img[src="x"]')).toHaveCount(0);
});

test('Task 8.2 from nothing: backend, WebSocket API and stream, two console sessions, and the map receiving aircraft', async () => {
  test.setTimeout(labTimeout(420_000));
  await student.page.goto('/task-8-2/');
  await runSequence('Create the connections table and the four functions');
  await runSequence('Build the WebSocket API');
  await runSequence('Create the stream and connect it to FlightFanout');

  // Two sessions side by side: hello! in one is answered there, and only there.
  const consoleWidget = await widget(student.page, 'WebSocket console');
  await button(consoleWidget, 'Find my API').click();
  await expect(consoleWidget.getByRole('status').first()).toContainText('Found FlightMapWsAPI');
  await button(consoleWidget, 'Add session').click();
  const one = consoleWidget.getByRole('region', { name: 'Session 1', exact: true });
  const two = consoleWidget.getByRole('region', { name: 'Session 2', exact: true });
  for (const session of [one, two]) {
    await button(session, 'Connect').click();
    await expect(session.getByRole('status')).toHaveText(/^Connected to ws:\/\//);
  }
  await button(one, 'Template: hello!').click();
  await button(one, 'Send').click();
  await expect(one.getByRole('list', { name: 'Session 1 timeline' }).getByRole('listitem').filter({ hasText: 'Received' })).toContainText('"type": "init"');
  await expect(two.getByRole('list', { name: 'Session 2 timeline' }).getByRole('listitem').filter({ hasText: 'Received' })).toHaveCount(0);

  // The map connects to the same API, draws the airport from init, and the feed's aircraft arrive.
  const map = await widget(student.page, 'Flight map');
  await expect(map.getByLabel('WebSocket URL')).toHaveValue(/^ws:\/\/127\.0\.0\.1:\d+\/_api\/\w+\/prod$/);
  await button(map, 'Connect').click();
  await expect(map.getByRole('group', { name: 'Map of the area around BCN' }).getByRole('img', { name: 'Airport BCN' })).toBeVisible();
  const feed = await widget(student.page, 'Flight feed');
  await expect(feed.getByLabel('Stream name')).toHaveValue('ccbda-flights');
  await feed.getByLabel('Seconds between batches').fill('1');
  await button(feed, 'Start').click();
  await expect(map.locator('.lb-map__counts')).toHaveText(/^[1-9]\d* aircraft \(\d+ flying, \d+ landed\) · last update \d\d:\d\d:\d\d$/, {
    timeout: labTimeout(60_000),
  });
  await button(feed, 'Stop').click();
  await expect(feed.getByRole('status')).toHaveText(/^Stopped after \d+ batch(es)?\.$/);
  // The console's sessions are connections too: FlightFanout sent them the positions as well.
  await expect(two.getByRole('list', { name: 'Session 2 timeline' }).getByRole('listitem').filter({ hasText: 'Received' }).first()).toContainText(
    '"type": "positions"',
  );
  for (const session of [one, two]) await button(session, 'Disconnect').click();
  await button(map, 'Disconnect').click();
});

test('teardown on the Clean-up page deletes everything, and the sandbox holds none of labbook’s resources', async () => {
  test.setTimeout(labTimeout(300_000));
  await student.page.goto('/clean-up/');
  const teardown = await widget(student.page, 'Delete what the lab made');
  const items = teardown.locator('.lb-teardown__item');
  await expect(items.first()).toBeVisible();
  const count = await items.count();
  // Both tasks' resources, among them the ones whose names the student never typed.
  const names = await teardown.locator('.lb-teardown__name').allTextContents();
  expect(names).toEqual(
    expect.arrayContaining(['ccbda-lambda-first', 'LambdaCRUD', 'CrudHttpAPI', 'ccbda-ws-connections', 'FlightFanout', 'FlightMapWsAPI', 'ccbda-flights']),
  );
  await button(teardown, 'Delete all…').click();
  await button(teardown.locator('.lb-teardown__confirm'), `Delete all ${count}`).click();
  await expect(teardown.locator('.lb-teardown__nothing')).toContainText('Nothing left in the sandbox', { timeout: labTimeout(240_000) });
  expect(await sandboxHoldings(student.page.request)).toEqual({ mappings: [], streams: [], apis: [], functions: [], tables: [], logGroups: [] });
});

// Task 8.2 through its lab widgets, as a student who chose names of their own (t82-…):
// the backend, WebSocket API and stream sequences run from the page, then the three checks
// pass with those names — the API and stream checks talking to the API over a real
// WebSocket from the page. On the sandbox, and again on the AWS target (t82r-…), where
// every call and WebSocket goes through labbook's relay (to the sandbox, in tests). A
// check pointed at a stream that does not exist fails and says what it did not try. Axe
// looks at every lab widget on the way.
import { expect, type Locator, type Page } from '@playwright/test';
import { NAME_FIELDS, type Task82Names } from '../../src/steps/task-8-2/names.ts';
import { dynamoTableStep } from '../../src/steps/resources/dynamodb-table.ts';
import { eventSourceMappingStep } from '../../src/steps/resources/event-source-mapping.ts';
import { apiStep } from '../../src/steps/resources/api-gateway-api.ts';
import { kinesisStreamStep } from '../../src/steps/resources/kinesis-stream.ts';
import { lambdaFunctionStep, type FunctionInputs } from '../../src/steps/resources/lambda-function.ts';
import { seriousViolations } from './accessibility.ts';
import { hydrated, test } from './page-errors.ts';
import { sandboxContext } from './sandbox-resources.ts';
import { useAwsThroughRelay, useSandboxInPage } from './target-helpers.ts';

/** Every name of the lab with a prefix of our own, e.g. t82-WsConnect; the stage stays prod. */
const prefixed = (prefix: string): Task82Names => ({
  tableName: `${prefix}connections`,
  connectFunction: `${prefix}WsConnect`,
  disconnectFunction: `${prefix}WsDisconnect`,
  defaultFunction: `${prefix}WsDefault`,
  fanoutFunction: `${prefix}FlightFanout`,
  apiName: `${prefix}FlightMapWsAPI`,
  stageName: 'prod',
  streamName: `${prefix}flights`,
});
const SANDBOX_NAMES = prefixed('t82-');
/** For the AWS target, whose calls and WebSockets go through labbook's relay. */
const RELAY_NAMES = prefixed('t82r-');

// The resource kinds, for removing (the Task 8.2 steps themselves import the Python sources, which only Vite reads).
const mapping = eventSourceMappingStep('spec/mapping', 'Remove a mapping', { functionName: '', streamName: '', batchSize: 100, startingPosition: 'LATEST' });
const stream = kinesisStreamStep('spec/stream', 'Remove a stream', { streamName: '', shardCount: 1 });
const api = apiStep('spec/api', 'Remove an API', { apiName: '', protocol: 'WEBSOCKET', routeSelectionExpression: '$request.body.action' });
const fn = lambdaFunctionStep('spec/function', 'Remove a function', () => ({}) as FunctionInputs);
const table = dynamoTableStep('spec/table', 'Remove a table', { tableName: '', partitionKey: 'connectionid', keyType: 'S' });

/** Removes whatever an earlier run on this server left, users before what they use, through the steps' own remove(). */
async function removeEverything(request: Parameters<typeof sandboxContext>[0], names: Task82Names): Promise<void> {
  const ctx = await sandboxContext(request);
  await mapping.remove(ctx, { ...mapping.defaults(ctx), functionName: names.fanoutFunction, streamName: names.streamName });
  await stream.remove(ctx, { ...stream.defaults(ctx), streamName: names.streamName });
  // The API goes with its routes, integrations, stages and deployments; the permissions go with their functions.
  await api.remove(ctx, { ...api.defaults(ctx), apiName: names.apiName });
  for (const functionName of [names.connectFunction, names.disconnectFunction, names.defaultFunction, names.fanoutFunction]) {
    await fn.remove(ctx, { functionName } as FunctionInputs);
  }
  await table.remove(ctx, { ...table.defaults(ctx), tableName: names.tableName });
}

// The tests share the sandbox and tidy up before and after, so they run in order, in one worker.
test.describe.configure({ mode: 'serial' });
test.beforeAll(async ({ request }) => {
  test.setTimeout(120_000);
  for (const names of [SANDBOX_NAMES, RELAY_NAMES]) await removeEverything(request, names);
});
test.afterAll(async ({ request }) => {
  test.setTimeout(120_000);
  for (const names of [SANDBOX_NAMES, RELAY_NAMES]) await removeEverything(request, names);
});

const region = (page: Page, name: string) => hydrated(page, page.getByRole('region', { name, exact: true }));
const button = (scope: Locator, name: string) => scope.getByRole('button', { name, exact: true });

/** Types our names into the fields labelled with them. */
async function fillNames(scope: Locator, names: Partial<Task82Names>): Promise<void> {
  for (const [name, value] of Object.entries(names)) {
    const field = scope.getByLabel(NAME_FIELDS[name as keyof Task82Names].label, { exact: true });
    if (await field.count()) await field.fill(value);
  }
}

async function runSequence(page: Page, title: string, stepCount: number, names: Task82Names): Promise<Locator> {
  const widget = await region(page, title);
  await fillNames(widget.getByRole('group', { name: 'Names every step uses' }), names);
  await button(widget, 'Run all').click();
  await expect(widget.locator(':scope > .lb-lab__status')).toContainText('All steps done', { timeout: 90_000 });
  await expect(widget.locator('.lb-sequence__steps > li .lb-sequence__state')).toHaveText(Array(stepCount).fill('Created'));
  return widget;
}

async function checkPasses(page: Page, title: string, names: Task82Names): Promise<Locator> {
  const widget = await region(page, `Check my work: ${title}`);
  await fillNames(widget, names);
  await button(widget, 'Check my work').click();
  await expect(widget.locator('.lb-lab__status')).toContainText('All checks passed', { timeout: 60_000 });
  await expect(widget.locator('.lb-lab__done')).toContainText('Done on');
  return widget;
}

/** The three sequences, then the three checks, all under these names; the WebSocket API's URL must match `url`. */
async function buildAndCheck(page: Page, names: Task82Names, url: RegExp): Promise<void> {
  const backend = await runSequence(page, 'Create the connections table and the four functions', 5, names);
  // Each function's card says which table it was given, as TABLE_NAME.
  const fanoutItem = backend.locator('.lb-sequence__steps > li').nth(4);
  await fanoutItem.locator('summary').first().click();
  await expect(fanoutItem.getByLabel('TABLE_NAME')).toHaveValue(names.tableName);
  await expect(fanoutItem.getByLabel('Function name')).toHaveValue(names.fanoutFunction);

  const api = await runSequence(page, 'Build the WebSocket API', 12, names);
  await expect(api.locator('a.lb-sequence__url')).toHaveText(url);
  await api.getByText('All the steps as one AWS CLI script').click();
  const script = api.locator('.lb-lab__cli pre').last();
  await expect(script).toContainText(`--route-selection-expression '$request.body.action'`);
  await expect(script).toContainText('--integration-method POST');
  await expect(script).toContainText(`--function-name ${names.defaultFunction}`);

  await runSequence(page, 'Create the stream and connect it to FlightFanout', 2, names);

  await checkPasses(page, 'Task 8.2: the connections table and the four functions', names);
  const apiCheck = await checkPasses(page, 'Task 8.2: the WebSocket API answers hello! and keeps the table of connections', names);
  await expect(apiCheck.getByRole('listitem').filter({ hasText: 'hello! is answered with an init message' })).toContainText(
    '{"type": "init", "airport": "BCN"',
  );
  await expect(apiCheck.getByRole('listitem').filter({ hasText: `$disconnect removes it from ${names.tableName} after close` })).toContainText('Passed');
  const streamCheck = await checkPasses(page, 'Task 8.2: the stream reaches the clients', names);
  await expect(streamCheck.getByRole('listitem').filter({ hasText: `A record put on ${names.streamName} reaches a connected client` })).toContainText(
    /EC-[A-Z]{3} arrived in a positions message/,
  );
}

test('on the sandbox: the three sequences under names of our own, then the three checks pass with them', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('/task-8-2/');
  await useSandboxInPage(page);
  await buildAndCheck(page, SANDBOX_NAMES, /^ws:\/\/127\.0\.0\.1:\d+\/_api\/\w+\/prod$/);
  expect(await seriousViolations(page, ['.lb-lab'])).toEqual([]);

  // Progress checks again with the names the student typed into Check my work, not the lab's.
  await page.goto('/progress/');
  const row = (await region(page, 'Your progress')).locator('li[data-check="task-8-2/backend"]');
  await button(row, 'Check again: Task 8.2: the connections table and the four functions').click();
  await expect(row.locator('.lb-lab__status')).toContainText('All checks passed', { timeout: 60_000 });
  await expect(row.locator('.lb-lab__findings')).toContainText(SANDBOX_NAMES.tableName);
});

test('on the AWS target: the same through labbook’s relay, the checks’ WebSockets included', async ({ page, request }) => {
  test.setTimeout(300_000);
  await page.goto('/task-8-2/');
  await useAwsThroughRelay(page, request);
  await buildAndCheck(page, RELAY_NAMES, /^wss:\/\/\w+\.execute-api\.us-east-1\.amazonaws\.com\/prod$/);
});

test('a check pointed at a stream that does not exist fails, names it, tries nothing more, and keeps the names', async ({ page }) => {
  await page.goto('/task-8-2/');
  await useSandboxInPage(page);
  const widget = await region(page, 'Check my work: Task 8.2: the stream reaches the clients');
  await fillNames(widget, { ...SANDBOX_NAMES, streamName: 't82-no-such-stream' });
  await button(widget, 'Check my work').click();
  const failed = widget.getByRole('listitem').filter({ hasText: 'Failed' });
  await expect(failed.first()).toContainText('There is no Kinesis stream named t82-no-such-stream in us-east-1.');
  await expect(failed.last()).toContainText('A record put on t82-no-such-stream reaches a connected client — Not tried: fix the stream and its mapping first.');
  await expect(widget.locator('.lb-lab__done')).toHaveCount(0);
  expect(await seriousViolations(page, ['.lb-check'])).toEqual([]);

  // The names typed into a check are kept across a reload, like a step's edits.
  await page.reload();
  const again = await region(page, 'Check my work: Task 8.2: the stream reaches the clients');
  await expect(again.getByLabel('Kinesis stream', { exact: true })).toHaveValue('t82-no-such-stream');
  await expect(again.getByLabel('Fan-out function', { exact: true })).toHaveValue(SANDBOX_NAMES.fanoutFunction);
});

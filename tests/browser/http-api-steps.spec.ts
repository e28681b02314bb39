// Task 8.1's HTTP API built with the guided sequence (LabSequence) as a student does it,
// on a table and CRUD functions of this spec's own (seq-things, SeqCrud, SeqRelayCrud)
// and APIs named Seq…: Run all from nothing, the invoke URL copied and answering, a
// second run adopting everything, Check my work passing with those names (its GET sent
// from the page), one step opened and run on its own, a reload; a
// failure that stops the run and a Retry that resumes at the failed step; and the same
// from nothing through the AWS target, whose calls go through labbook's relay.
import { expect, type Locator, type Page } from '@playwright/test';
import { putItem } from '../../src/steps/actions/table-items.ts';
import type { StepContext } from '../../src/steps/model.ts';
import { apiStep, HTTP_ROUTE_SELECTION } from '../../src/steps/resources/api-gateway-api.ts';
import { seriousViolations } from './accessibility.ts';
import { deployCrudFunction } from './crud-stack.ts';
import { button, expectReported, hydrated, refusedWith, test } from './page-errors.ts';
import { removeFromSandbox, sandboxContext } from './sandbox-resources.ts';
import { useAwsThroughRelay, useSandboxInPage } from './target-helpers.ts';

const TABLE = 'seq-things';
const APIS = ['SeqHttpAPI', 'SeqRetryHttpAPI', 'SeqRelayHttpAPI'];
const STEP_TITLES = [
  'Create the HTTP API',
  'Allow the API to invoke the function',
  'Connect the API to the function',
  'Add the 5 routes',
  'Create the stage prod',
  'Deploy the API',
];

const api = apiStep('spec/api', 'Remove an API', { apiName: '', protocol: 'HTTP', routeSelectionExpression: HTTP_ROUTE_SELECTION });
const removeApis = (ctx: StepContext) => Promise.all(APIS.map((apiName) => api.remove(ctx, { ...api.defaults(ctx), apiName })));

// The tests share the table and functions, so they run in order, in one worker.
test.describe.configure({ mode: 'default' });
test.beforeAll(async ({ request }) => {
  test.setTimeout(120_000);
  const ctx = await deployCrudFunction(request, { table: TABLE, fn: 'SeqCrud' });
  await deployCrudFunction(request, { table: TABLE, fn: 'SeqRelayCrud' });
  await putItem(ctx, TABLE, { thingID: { S: 'lamp' }, colour: { S: 'red' } });
  await removeApis(ctx);
});
test.afterAll(async ({ request }) => {
  await removeApis(await sandboxContext(request));
  await removeFromSandbox(request, { tables: [TABLE], functions: ['SeqCrud', 'SeqRelayCrud'] });
});

const sequence = (page: Page) => hydrated(page, page.getByRole('region', { name: 'Build the HTTP API', exact: true }));
const stepStates = (widget: Locator) => widget.locator('.lb-sequence__steps > li .lb-sequence__state');

async function nameResources(widget: Locator, apiName: string, functionName: string): Promise<void> {
  const names = widget.getByRole('group', { name: 'Names every step uses' });
  await names.getByLabel('API name').fill(apiName);
  await names.getByLabel('Function name').fill(functionName);
}

async function runAll(widget: Locator): Promise<void> {
  await button(widget, 'Run all').click();
  await expect(widget.page().locator('.lb-sequence > .lb-lab__status')).toContainText('All steps done', { timeout: 60_000 });
}

/** Check my work for the API under the spec's names: every part, then a GET through the invoke URL from the page. */
async function checkApi(page: Page, apiName: string, functionName: string): Promise<void> {
  const check = await hydrated(page, page.getByRole('region', { name: 'Check my work: Task 8.1: the HTTP API', exact: true }));
  await check.getByLabel('API name').fill(apiName);
  await check.getByLabel('Function name').fill(functionName);
  await check.getByLabel('Table name').fill(TABLE);
  await button(check, 'Check my work').click();
  await expect(check.getByRole('status')).toContainText('All checks passed', { timeout: 30_000 });
  await expect(check.getByRole('listitem').filter({ hasText: `GET ${apiName}’s invoke URL ?TableName=${TABLE}` })).toContainText('It returned all 1 item(s).');
}

test('Run all from nothing, the invoke URL copied and answering, a second run adopting, one step on its own, a reload', async ({
  page,
  context,
  request,
  pageErrors,
}) => {
  test.setTimeout(150_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/task-8-1/');
  await useSandboxInPage(page);
  const widget = await sequence(page);
  await nameResources(widget, 'SeqHttpAPI', 'SeqCrud');
  await expect(widget.locator('.lb-sequence__step-title')).toHaveText(STEP_TITLES);
  await expect(stepStates(widget)).toHaveText(Array(6).fill('Not run yet'));

  await runAll(widget);
  await expect(stepStates(widget)).toHaveText(Array(6).fill('Created'));
  const link = widget.locator('a.lb-sequence__url');
  await expect(link).toHaveText(/^http:\/\/127\.0\.0\.1:\d+\/.+\/prod\/$/);
  const url = (await link.textContent())!;
  await expect(link).toHaveAttribute('href', url);
  await button(widget, 'Copy the invoke URL').click();
  await expect(button(widget, 'Copied')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  const answer = await request.get(`${url}?TableName=${TABLE}`);
  expect(answer.status()).toBe(200);
  expect((await answer.json()).Items).toEqual([{ thingID: { S: 'lamp' }, colour: { S: 'red' } }]);
  await checkApi(page, 'SeqHttpAPI', 'SeqCrud');

  // The whole sequence as one script, with the student's names and the sandbox's endpoint.
  await widget.getByText('All the steps as one AWS CLI script').click();
  const script = widget.locator('.lb-lab__cli pre').last();
  await expect(script).toContainText('# 1. Create the HTTP API');
  await expect(script).toContainText('--name SeqHttpAPI');
  await expect(script).toContainText(`for ROUTE in 'GET /' 'POST /' 'PUT /' 'DELETE /' 'OPTIONS /'; do`);
  await expect(script).toContainText(/--endpoint-url http:\/\/127\.0\.0\.1:\d+/);

  await runAll(widget);
  await expect(stepStates(widget)).toHaveText(Array(6).fill('Already there: adopted'));
  expectReported(pageErrors, [refusedWith(409)], 1);

  // One step opened and run on its own, with its own CLI command.
  const routesItem = widget.locator('.lb-sequence__steps > li').nth(3);
  await routesItem.locator('summary').first().click();
  const card = routesItem.getByRole('region', { name: 'Add the 5 routes', exact: true });
  await expect(card.getByLabel('Route keys')).toHaveValue('GET /, POST /, PUT /, DELETE /, OPTIONS /');
  await button(card, 'Run').click();
  await expect(card.locator('.lb-lab__outcome')).toHaveText(
    'SeqHttpAPI: GET /, POST /, PUT /, DELETE /, OPTIONS / already exists: adopted it, nothing was created.',
  );
  await expect(card.getByRole('listitem').filter({ hasText: 'Route OPTIONS / → SeqCrud' })).toContainText('Passed');
  await card.getByText('The same with the AWS CLI').click();
  await expect(card.locator('.lb-lab__cli pre')).toContainText(`--query "Items[?Name=='SeqHttpAPI'].ApiId"`);

  expect(await seriousViolations(page, ['.lb-sequence'])).toEqual([]);

  // After a reload the names are still there, labbook remembers what it made under them, and finds the invoke URL again.
  await page.reload();
  const again = await sequence(page);
  await expect(again.getByRole('group', { name: 'Names every step uses' }).getByLabel('API name')).toHaveValue('SeqHttpAPI');
  await expect(stepStates(again)).toHaveText(Array(6).fill('Done earlier (created)'));
  await expect(again.locator('a.lb-sequence__url')).toHaveText(url);
});

test('a failing step stops the run with AWS’s error; Retry resumes at that step', async ({ page, pageErrors }) => {
  test.setTimeout(120_000);
  await page.goto('/task-8-1/');
  await useSandboxInPage(page);
  const widget = await sequence(page);
  await nameResources(widget, 'SeqRetryHttpAPI', 'SeqNoSuchFunction');
  await button(widget, 'Run all').click();
  const failure = widget.getByRole('alert');
  await expect(failure).toContainText('ResourceNotFoundException: There is no function named SeqNoSuchFunction in us-east-1.');
  await expect(failure).toContainText('Run the step that creates it first');
  await expect(stepStates(widget)).toHaveText(['Created', 'Failed: ResourceNotFoundException', 'Not run yet', 'Not run yet', 'Not run yet', 'Not run yet']);

  await nameResources(widget, 'SeqRetryHttpAPI', 'SeqCrud');
  await button(widget, 'Retry from step 2').click();
  await expect(widget.page().locator('.lb-sequence > .lb-lab__status')).toContainText('All steps done', { timeout: 60_000 });
  // The API made before the failure is not made again.
  await widget
    .getByText(/^Show request and response/)
    .last()
    .click();
  await expect(widget.locator('.lb-lab__calls').last()).not.toContainText('ApiGatewayV2.CreateApi');
  // SeqCrud's statement names the first test's API: refused once as a duplicate, it is replaced.
  await expect(stepStates(widget)).toHaveText(['Created', 'Updated to match', 'Created', 'Created', 'Created', 'Created']);
  expectReported(pageErrors, [refusedWith(409)], 1);
  await expect(widget.locator('a.lb-sequence__url')).toHaveText(/\/prod\/$/);
});

test('through the AWS target, every call goes through the relay: Run all from nothing, the URL answering, a second run adopting', async ({
  page,
  request,
  pageErrors,
}) => {
  test.setTimeout(150_000);
  const relayed: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/relay/')) relayed.push(r.url());
  });
  await page.goto('/task-8-1/');
  await useAwsThroughRelay(page, request);
  const widget = await sequence(page);
  await nameResources(widget, 'SeqRelayHttpAPI', 'SeqRelayCrud');
  await runAll(widget);
  await expect(stepStates(widget)).toHaveText(Array(6).fill('Created'));
  expect(relayed.some((url) => url.includes('/apigateway.us-east-1.amazonaws.com/v2/apis'))).toBe(true);

  // AWS's own invoke URL (an API made through the relay reports its execute-api host); the page reaches it through the relay.
  const link = widget.locator('a.lb-sequence__url');
  await expect(link).toHaveText(/^https:\/\/\w+\.execute-api\.us-east-1\.amazonaws\.com\/prod\/$/);
  const host = new URL((await link.textContent())!).host;
  const relay = await (await request.get('/api/relay')).json();
  const answer = await page.evaluate(
    async ([address, key]) => {
      const response = await fetch(address, { headers: { 'x-labbook-relay': key } });
      return { status: response.status, body: await response.json() };
    },
    [`${relay.url}${host}/prod/?TableName=${TABLE}`, relay.key],
  );
  expect(answer).toEqual({ status: 200, body: expect.objectContaining({ Items: [{ thingID: { S: 'lamp' }, colour: { S: 'red' } }] }) });
  await checkApi(page, 'SeqRelayHttpAPI', 'SeqRelayCrud');

  await widget.getByText('All the steps as one AWS CLI script').click();
  await expect(widget.locator('.lb-lab__cli pre').last()).not.toContainText('--endpoint-url');

  await runAll(widget);
  await expect(stepStates(widget)).toHaveText(Array(6).fill('Already there: adopted'));
  expectReported(pageErrors, [refusedWith(409)], 1);
  expect(await seriousViolations(page, ['.lb-sequence'])).toEqual([]);
});

// The Progress page stays light: it lists the checks and what is done without the AWS SDK
// or any check's code, which load only when the student presses Check again (the status
// says so while they do), and then the check runs for real against the sandbox, with the
// names typed into Check my work (this spec's own: pj-things, PjCrud, PjHttpAPI). A load
// that fails is explained, marks nothing done, and is tried again on the next press.
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import type { AnyStep, StepContext } from '../../src/steps/model.ts';
import { madeRecords, runStep } from '../../src/steps/runner.ts';
import { memoryStorage } from '../../src/steps/target-records.ts';
import { HTTP_API_STEPS, httpApiStep } from '../../src/steps/task-8-1/http-api.ts';
import { seriousViolations } from './accessibility.ts';
import { deployCrudFunction } from './crud-stack.ts';
import { button, expectReported, test, widget } from './page-errors.ts';
import { removeFromSandbox, sandboxContext } from './sandbox-resources.ts';
import { useSandboxInPage } from './target-helpers.ts';

const NAMES = { apiName: 'PjHttpAPI', functionName: 'PjCrud', stageName: 'prod', tableName: 'pj-things' };
const API_CHECK = 'Task 8.1: the HTTP API';
/** The name every AWS SDK client puts in its user agent: a script holding it is SDK code. */
const SDK_MARKER = 'aws-sdk-js';

const apiInputs = (step: AnyStep, ctx: StepContext) => ({
  ...step.defaults(ctx),
  apiName: NAMES.apiName,
  functionName: NAMES.functionName,
  stageName: NAMES.stageName,
});

// Both tests point the same check at the same names, so they run one after the other.
test.describe.configure({ mode: 'default' });
test.beforeAll(async ({ request }) => {
  test.setTimeout(120_000);
  // Task 8.1's API under this spec's names, made by the lab's own steps as the chapter's sequence does.
  const ctx = await deployCrudFunction(request, { table: NAMES.tableName, fn: NAMES.functionName });
  await httpApiStep.remove(ctx, apiInputs(httpApiStep, ctx));
  const records = madeRecords(memoryStorage());
  for (const step of HTTP_API_STEPS) await runStep(step, ctx, apiInputs(step, ctx), records);
});
test.afterAll(async ({ request }) => {
  const ctx = await sandboxContext(request);
  await httpApiStep.remove(ctx, apiInputs(httpApiStep, ctx));
  await removeFromSandbox(request, { tables: [NAMES.tableName], functions: [NAMES.functionName] });
});

/** The sandbox as the target, and the spec's names typed into the chapter's Check my work (not run there). */
async function sandboxWithOwnNames(page: Page): Promise<void> {
  await page.goto('/task-8-1/');
  await useSandboxInPage(page);
  const check = await widget(page, `Check my work: ${API_CHECK}`);
  await check.getByLabel('API name').fill(NAMES.apiName);
  await check.getByLabel('Function name').fill(NAMES.functionName);
  await check.getByLabel('Table name').fill(NAMES.tableName);
  // Leave the chapter, so nothing it still loads is counted for the Progress page.
  await page.goto('about:blank');
}

/** Every script the page requests from now on, in order. */
function scriptsRequested(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') urls.push(request.url());
  });
  return urls;
}

/** Which of these scripts are AWS SDK code, read from the server (a cached copy is the same file). */
async function sdkScripts(request: APIRequestContext, urls: string[]): Promise<string[]> {
  const sdk: string[] = [];
  for (const url of new Set(urls)) if ((await (await request.get(url)).text()).includes(SDK_MARKER)) sdk.push(new URL(url).pathname);
  return sdk;
}

async function apiRow(page: Page) {
  const progress = await widget(page, 'Your progress');
  return progress.locator('li[data-check="task-8-1/api"]');
}

test('Progress lists the checks without the SDK, loads it on Check again, and the check passes with the student’s names', async ({ page, request }) => {
  test.setTimeout(120_000);
  await sandboxWithOwnNames(page);
  const scripts = scriptsRequested(page);
  await page.goto('/progress/');
  const row = await apiRow(page);
  await expect(row).toHaveAttribute('data-done', 'false');
  await expect(row.locator('.lb-progress__title')).toHaveText('the HTTP API');
  await page.waitForLoadState('networkidle');
  const beforePress = scripts.length;
  expect(beforePress).toBeGreaterThan(0);
  expect(await sdkScripts(request, scripts)).toEqual([]);

  // Hold the check's code back until the page has said it is loading it.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/_astro/*.js', async (route) => {
    await released;
    await route.continue();
  });
  await button(row, `Check again: ${API_CHECK}`).click();
  await expect(row.getByRole('status')).toContainText('Loading the check…');
  release();

  await expect(row.getByRole('status')).toContainText('All checks passed', { timeout: 60_000 });
  await expect(row.locator('.lb-lab__findings')).toContainText(`GET ${NAMES.apiName}’s invoke URL ?TableName=${NAMES.tableName}`);
  await expect(row).toHaveAttribute('data-done', 'true');
  await expect(row).toContainText(/Done on /);
  expect(await sdkScripts(request, scripts.slice(beforePress))).not.toEqual([]);
  expect(await seriousViolations(page, ['.lb-progress'])).toEqual([]);
});

test('a check whose code cannot be fetched says so, marks nothing done, and loads on the next press', async ({ page, pageErrors }) => {
  await sandboxWithOwnNames(page);
  await page.goto('/progress/');
  const row = await apiRow(page);
  await expect(row).toHaveAttribute('data-done', 'false');
  // The site is gone by the time the student presses Check again.
  await page.route('**/_astro/*.js', (route) => route.abort('connectionrefused'));
  await button(row, `Check again: ${API_CHECK}`).click();
  const failure = row.getByRole('alert');
  await expect(failure.locator('.lb-lab__error-code')).toHaveText('CheckNotLoaded');
  await expect(failure.locator('.lb-lab__error-message')).toContainText('The check’s code did not load');
  await expect(failure.locator('.lb-lab__hint')).toContainText('Reload the page and check again');
  await expect(row).toHaveAttribute('data-done', 'false');
  expectReported(pageErrors, [/^Failed to load resource: net::ERR_CONNECTION_REFUSED/]);

  // The server is back: the next press fetches the code again instead of repeating the failure.
  await page.unrouteAll();
  await button(row, `Check again: ${API_CHECK}`).click();
  await expect(row.getByRole('status')).toContainText('All checks passed', { timeout: 60_000 });
  await expect(row).toHaveAttribute('data-done', 'true');
});

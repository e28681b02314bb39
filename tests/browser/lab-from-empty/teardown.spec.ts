// Teardown and Progress as a student uses them, with the lab's own names, from an empty
// sandbox (this folder runs after every other spec, one file at a time): the chapter's steps
// make the lab's table and function and Check my work passes; Progress shows it done in the
// sandbox and not in another target; another browser sees the resources under the lab's
// names; Delete all removes them in order, a second look finds nothing, and the sandbox is empty.
import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import { seriousViolations } from '../accessibility.ts';
import { hydrated, test, watchPageErrors } from '../page-errors.ts';
import { sandboxHoldings, wipeSandbox } from '../sandbox-wipe.ts';

test.describe.configure({ mode: 'serial' });
test.beforeAll(async ({ request }) => wipeSandbox(request));

const indicator = (page: Page) => page.getByRole('button', { name: /^Target:/ });
const button = (scope: Locator, name: string) => scope.getByRole('button', { name, exact: true });
const region = (page: Page, name: string) => hydrated(page, page.getByRole('region', { name, exact: true }));

async function useSandbox(page: Page): Promise<void> {
  await expect(indicator(page)).not.toContainText('choose');
  await indicator(page).click();
  const panel = page.getByRole('dialog', { name: 'Target' });
  await panel.getByRole('radio', { name: /sandbox/i }).check();
  await panel.getByRole('button', { name: /^(Use the sandbox|Get new sandbox credentials)$/ }).click();
  await expect(indicator(page)).toHaveAccessibleName(/Sandbox.*\d{12}.*us-east-1.*credentials work/);
  await page.keyboard.press('Escape');
}

/** Pastes credentials the sandbox issued as if they were AWS's: calls go through the relay, another target. */
async function useAws(page: Page): Promise<void> {
  const { credentialsUrl } = await (await page.request.get('/api/sandbox')).json();
  const c = await (await page.request.post(credentialsUrl, { data: {} })).json();
  await expect(indicator(page)).not.toContainText('choose');
  await indicator(page).click();
  const panel = page.getByRole('dialog', { name: 'Target' });
  await panel.getByRole('radio', { name: 'My AWS account' }).check();
  await panel.getByLabel('Paste your credentials').fill(`[default]\naws_access_key_id=${c.accessKeyId}\naws_secret_access_key=${c.secretAccessKey}\naws_session_token=${c.sessionToken}\n`);
  await panel.getByRole('button', { name: 'Use these credentials' }).click();
  await expect(indicator(page)).toHaveAccessibleName(/AWS.*us-east-1.*credentials work/);
  await page.keyboard.press('Escape');
}

const CHECK = 'Task 8.1: the table and the function';

test('the chapter’s steps make the lab’s table and function, and a passing check shows done on the Progress page, per target', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/task-8-1/');
  await useSandbox(page);
  const table = await region(page, 'Create the DynamoDB table');
  await button(table, 'Run').click();
  await expect(table.locator('.lb-lab__outcome')).toHaveText('Created ccbda-lambda-first.');
  const editor = await region(page, 'Deploy the function LambdaCRUD');
  await button(editor, 'Deploy').click();
  await expect(editor.locator('.lb-lab__outcome')).toContainText('LambdaCRUD', { timeout: 60_000 });

  // Before any check: the Progress page lists every check, none done.
  await page.goto('/progress/');
  const progress = await region(page, 'Your progress');
  const row = progress.locator('li', { hasText: CHECK });
  await expect(progress).toContainText('Task 8.1');
  await expect(row).toContainText('Not done yet');

  // Check again runs the real check here; it passes, so it is done in the sandbox.
  await progress.getByRole('button', { name: `Check again: ${CHECK}` }).click();
  await expect(row.locator('.lb-lab__findings')).toContainText('A GET event returns 200');
  await expect(row).toContainText(/Done on /);
  await expect(row).toHaveAttribute('data-done', 'true');
  await expect(progress.locator('.lb-progress__summary')).toContainText(/In the sandbox \(account \d{12}\): 1 of \d+ checks done/);
  expect(await seriousViolations(page, ['.lb-progress'])).toEqual([]);

  // Another target (an AWS account, here through the relay) has its own progress: not done there,
  // and the sandbox's shows under the other targets.
  await useAws(page);
  await expect(row).toContainText('Not done yet');
  await expect(progress.locator('.lb-progress__others')).toContainText(/the sandbox \(account \d{12}\): 1 of \d+ checks done/);

  // The same widget on the Clean-up page, back in the sandbox.
  await page.goto('/clean-up/');
  await useSandbox(page);
  await expect((await region(page, 'Your progress')).locator('li', { hasText: CHECK })).toContainText(/Done on /);
});

/** A second browser, with nothing recorded: it sees the same resources under the lab's names. */
async function anotherBrowser(browser: Browser): Promise<{ page: Page; errors: string[]; close(): Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  await page.goto('/clean-up/');
  await useSandbox(page);
  return { page, errors, close: () => context.close() };
}

test('teardown lists what the lab made with its costs, deletes it all in order, and then finds nothing left', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await page.goto('/clean-up/');
  await useSandbox(page);
  const teardown = await region(page, 'Delete what the lab made');
  const items = teardown.locator('.lb-teardown__item');
  await expect(items).toHaveCount(2);
  // In the order it deletes them: the function before the table it uses.
  await expect(items.locator('.lb-teardown__name')).toHaveText(['LambdaCRUD', 'ccbda-lambda-first']);
  await expect(items.nth(0)).toContainText('made by labbook');
  await expect(items.nth(0)).toContainText('Free in the sandbox. On AWS: Lambda function: nothing while idle');
  await expect(items.nth(1)).toContainText('about $0.25 per GB-month');
  expect(await seriousViolations(page, ['.lb-teardown'])).toEqual([]);

  const other = await anotherBrowser(browser);
  const elsewhere = await region(other.page, 'Delete what the lab made');
  await expect(elsewhere.locator('.lb-teardown__item')).toHaveCount(2);
  await expect(elsewhere.locator('.lb-teardown__origin')).toHaveText(['found with the lab’s name', 'found with the lab’s name']);

  // Delete all asks first, naming what will go; Cancel leaves everything.
  await button(teardown, 'Delete all…').click();
  const confirm = teardown.locator('.lb-teardown__confirm');
  await expect(confirm).toContainText('Delete these 2 resources from the sandbox');
  await expect(confirm.locator('li')).toHaveText(['LambdaCRUD (Deploy the CRUD function)', 'ccbda-lambda-first (Create the DynamoDB table)']);
  await expect(button(confirm, 'Delete all 2')).toBeFocused();
  await button(confirm, 'Cancel').click();
  await expect(confirm).toHaveCount(0);
  await expect(items).toHaveCount(2);

  await button(teardown, 'Delete all…').click();
  await button(confirm, 'Delete all 2').click();
  await expect(teardown.locator('.lb-teardown__nothing')).toContainText('Nothing left in the sandbox', { timeout: 60_000 });
  await expect(teardown.locator('.lb-teardown__deleted')).toHaveText('Deleted: LambdaCRUD, ccbda-lambda-first.');
  await expect(items).toHaveCount(0);

  // Run again: still nothing, here and in the other browser; nothing recorded is left.
  await button(teardown, 'Look again').click();
  await expect(teardown.locator('.lb-teardown__nothing')).toBeVisible();
  expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('labbook:made:')))).toEqual([]);
  await button(elsewhere, 'Look again').click();
  await expect(elsewhere.locator('.lb-teardown__nothing')).toBeVisible();
  expect(other.errors).toEqual([]);
  await other.close();

  expect(await sandboxHoldings(page.request)).toEqual({ mappings: [], streams: [], apis: [], functions: [], tables: [], logGroups: [] });
});

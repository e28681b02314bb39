// The Items app (the lab's webpage1 rebuilt) as a student uses it, against a CRUD stack of
// this spec's own on the sandbox (table ia-things, function IaCrud, API IaHttpAPI): list,
// add, edit an attribute, delete, each read back with a GET from outside the page; an item
// named with markup shows as text and runs nothing; the API's errors are shown as text.
import { expect, type Page } from '@playwright/test';
import { seriousViolations } from './accessibility.ts';
import { deployCrudStack, type CrudStack } from './crud-stack.ts';
import { button, hydrated, test, XSS } from './page-errors.ts';
import { useSandboxInPage } from './target-helpers.ts';

test.describe.configure({ mode: 'default' });
let stack: CrudStack;
test.beforeAll(async ({ request }) => {
  test.setTimeout(120_000);
  stack = await deployCrudStack(request, { table: 'ia-things', fn: 'IaCrud', api: 'IaHttpAPI' });
});
test.afterAll(async ({ request }) => {
  await stack?.remove(request);
});

const app = (page: Page) => hydrated(page, page.getByRole('region', { name: 'Items app', exact: true }));

test('list, add, edit and delete through the API; markup stays text; errors are shown', async ({ page, request, pageErrors }) => {
  test.setTimeout(120_000);
  /** What the table holds, read with a GET from outside the page, as curl would. */
  const itemsInTable = async () => {
    const answer = await request.get(`${stack.invokeUrl}?TableName=ia-things`);
    expect(answer.status()).toBe(200);
    return ((await answer.json()).Items as Array<Record<string, { S: string }>>).map((item) =>
      Object.fromEntries(Object.entries(item).map(([name, value]) => [name, value.S])),
    );
  };

  await page.goto('/task-8-1/');
  await useSandboxInPage(page);
  const widget = await app(page);
  await expect(button(widget, 'Find my API')).not.toHaveAttribute('aria-disabled', 'true');
  await widget.getByLabel('Table name').fill('ia-things');
  await widget.getByLabel('API name').fill('IaHttpAPI');
  await button(widget, 'Find my API').click();
  await expect(widget.getByLabel('API URL')).toHaveValue(stack.invokeUrl);
  const table = widget.getByRole('region', { name: 'Items in ia-things, through the API' });
  await expect(table.locator('caption')).toHaveText('0 items');

  // Add: the key and an attribute, then an item named with markup.
  await widget.getByLabel('New item’s thingID').fill('lamp');
  await button(widget, 'Add attribute').click();
  await widget.getByLabel('Attribute 1 name').fill('colour');
  await widget.getByLabel('Attribute 1 value').fill('red');
  await button(widget, 'Add item').click();
  await expect(table.locator('caption')).toHaveText('1 item');
  await expect(widget.getByLabel('New item’s thingID')).toHaveValue('');
  await widget.getByLabel('New item’s thingID').fill(XSS);
  await widget.getByLabel('New item’s thingID').press('Enter');
  await expect(table.locator('caption')).toHaveText('2 items');
  await expect(table.getByRole('cell', { name: XSS, exact: true })).toBeVisible();
  await expect(widget.locator('img')).toHaveCount(0);
  expect(await itemsInTable()).toEqual(expect.arrayContaining([{ thingID: 'lamp', colour: 'red' }, { thingID: XSS }]));

  // Edit one attribute (update_item).
  await button(table, 'Edit lamp').click();
  await expect(table.getByLabel('Attribute to change on lamp')).toHaveValue('colour');
  await table.getByLabel('New value for lamp').fill('blue');
  await button(table, 'Save lamp').click();
  await expect(table.getByRole('row').filter({ hasText: 'lamp' })).toContainText('blue');
  await widget.getByText('The last request with curl').click();
  await expect(widget.locator('.lb-lab__cli pre')).toContainText(`-X PUT \\\n  ${stack.invokeUrl}`);
  await expect(widget.locator('.lb-lab__cli pre')).toContainText('"UpdateExpression": "SET #name = :value"');

  // Delete the markup item.
  await button(table, `Delete ${XSS}`).click();
  await button(table, `Confirm delete ${XSS}`).click();
  await expect(table.locator('caption')).toHaveText('1 item');
  expect(await itemsInTable()).toEqual([{ thingID: 'lamp', colour: 'blue' }]);

  // The API's own error, as text: a table that does not exist.
  await widget.getByLabel('Table name').fill('ia-no-such-table');
  await button(widget, 'Refresh').click();
  const failure = widget.getByRole('alert');
  await expect(failure).toContainText('HTTP 400');
  await expect(failure).toContainText('ResourceNotFoundException');
  await expect(failure).toContainText('DynamoDB refused the call');
  await expect(widget.locator('.lb-lab__cli pre')).toContainText('TableName=ia-no-such-table');

  expect(await seriousViolations(page, ['.lb-items-app'])).toEqual([]);
  const refused = (error: string) => /status of 400/.test(error);
  expect(pageErrors.filter(refused)).toHaveLength(1);
  pageErrors.splice(0, pageErrors.length, ...pageErrors.filter((error) => !refused(error)));
});

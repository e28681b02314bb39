// The Items app (the lab's webpage1 rebuilt) as a student uses it, against a CRUD stack of
// this spec's own on the sandbox (table ia-things, function IaCrud, API IaHttpAPI): list,
// add, edit an attribute, delete, each read back with a GET from outside the page; an item
// named with markup shows as text and runs nothing; the API's errors are shown as text.
import { expect, type APIRequestContext, type Page } from '@playwright/test';
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

/** The Items app on Task 8.1, on the sandbox, pointed at this spec's API and table. */
async function openApp(page: Page) {
  await page.goto('/task-8-1/');
  await useSandboxInPage(page);
  const widget = await hydrated(page, page.getByRole('region', { name: 'Items app', exact: true }));
  await expect(button(widget, 'Find my API')).not.toHaveAttribute('aria-disabled', 'true');
  await widget.getByLabel('Table name').fill('ia-things');
  await widget.getByLabel('API name').fill('IaHttpAPI');
  await button(widget, 'Find my API').click();
  await expect(widget.getByLabel('API URL')).toHaveValue(stack.invokeUrl);
  return { widget, table: widget.getByRole('region', { name: 'Items in ia-things, through the API' }) };
}

/** One item as the table holds it, in DynamoDB JSON, read with a GET from outside the page. */
async function storedItem(request: APIRequestContext, thingID: string) {
  const answer = await request.get(`${stack.invokeUrl}?TableName=ia-things`);
  expect(answer.status()).toBe(200);
  return ((await answer.json()).Items as Array<Record<string, Record<string, string>>>).find((item) => item.thingID.S === thingID);
}

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

  const { widget, table } = await openApp(page);
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

test('an edit starts from the current value and keeps the attribute’s type', async ({ page, request }) => {
  // A number attribute, added as curl would: the form adds strings only.
  const put = await request.post(stack.invokeUrl, {
    data: { TableName: 'ia-things', Item: { thingID: { S: 'dog' }, legs: { N: '4' } } },
  });
  expect(put.status()).toBe(200);
  const { widget, table } = await openApp(page);
  await expect(table.getByRole('row').filter({ hasText: 'dog' })).toContainText('4');

  // The row's own attribute and its current value are filled in.
  await button(table, 'Edit dog').click();
  await expect(table.getByLabel('Attribute to change on dog')).toHaveValue('legs');
  const value = table.getByLabel('New value for dog');
  await expect(value).toHaveValue('4');

  // Not a number: said, and nothing is sent.
  await value.fill('four');
  await button(table, 'Save dog').click();
  await expect(widget.getByRole('alert')).toHaveText('legs is a number, and “four” is not one.');
  expect((await storedItem(request, 'dog'))?.legs).toEqual({ N: '4' });

  // A number stays a number.
  await value.fill('3');
  await button(table, 'Save dog').click();
  await expect(table.getByLabel('New value for dog')).toHaveCount(0);
  await expect(widget.getByRole('alert')).toHaveCount(0);
  expect((await storedItem(request, 'dog'))?.legs).toEqual({ N: '3' });

  // And a string stays a string, even when it looks like a number.
  await button(table, 'Edit lamp').click();
  await expect(table.getByLabel('Attribute to change on lamp')).toHaveValue('colour');
  await expect(table.getByLabel('New value for lamp')).toHaveValue('blue');
  await table.getByLabel('New value for lamp').fill('7');
  await button(table, 'Save lamp').click();
  await expect(table.getByLabel('New value for lamp')).toHaveCount(0);
  expect((await storedItem(request, 'lamp'))?.colour).toEqual({ S: '7' });
});

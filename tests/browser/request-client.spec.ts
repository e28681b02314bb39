// The Request client as a student uses it in Task 8.1, against a CRUD stack of this spec's
// own on the sandbox (table rc-things, function RcCrud, API RcHttpAPI): find the API, send
// each of the lab's calls from its template, a broken body stopped at its line and column,
// query rows in step with the URL, history, curl; then the AWS target, where the API's
// execute-api URL goes through labbook's relay (pointed at the sandbox in tests).
import { expect, type Locator, type Page } from '@playwright/test';
import { seriousViolations } from './accessibility.ts';
import { deployCrudStack, type CrudStack } from './crud-stack.ts';
import { button, expectReported, hydrated, test, XSS } from './page-errors.ts';
import { useAwsThroughRelay, useSandboxInPage } from './target-helpers.ts';

// One stack for the file: its tests run in order, in one worker.
test.describe.configure({ mode: 'default' });
let stack: CrudStack;
test.beforeAll(async ({ request }) => {
  test.setTimeout(120_000);
  stack = await deployCrudStack(request, { table: 'rc-things', fn: 'RcCrud', api: 'RcHttpAPI' });
});
test.afterAll(async ({ request }) => {
  await stack?.remove(request);
});

const client = (page: Page) => hydrated(page, page.getByRole('region', { name: 'Request client', exact: true }));
const response = (scope: Locator) => scope.getByRole('group', { name: 'Response' });

async function sendTemplate(widget: Locator, template: string): Promise<Locator> {
  await button(widget, template).click();
  await button(widget, 'Send').click();
  const answer = response(widget);
  await expect(answer).toBeVisible();
  return answer;
}

test('the lab’s four calls, a broken body, query rows, history and curl, on the sandbox', async ({ page, pageErrors }) => {
  test.setTimeout(120_000);
  await page.goto('/task-8-1/');
  await useSandboxInPage(page);
  const widget = await client(page);
  // The lab's API name is looked up on its own first; then the student names theirs.
  await expect(button(widget, 'Find my API')).not.toHaveAttribute('aria-disabled', 'true');
  await widget.getByLabel('API name').fill('RcHttpAPI');
  await button(widget, 'Find my API').click();
  await expect(widget.getByText(`Found RcHttpAPI: ${stack.invokeUrl}`)).toBeVisible();
  const url = widget.getByLabel('URL', { exact: true });
  // Ready to list the lab's table: Send at once gets an answer, not a 400 for a bare GET.
  await expect(url).toHaveValue(`${stack.invokeUrl}?TableName=ccbda-lambda-first`);
  await expect(widget.getByLabel('Parameter 1 name')).toHaveValue('TableName');
  await widget.getByLabel('Table name').fill('rc-things');

  // Create, read, update, delete, each from its template.
  let answer = await sendTemplate(widget, 'put_item (POST)');
  await expect(answer.locator('.lb-http__status')).toHaveText('200 OK');
  await expect(answer.locator('.lb-http__body')).toContainText('"HTTPStatusCode": 200');
  await expect(answer).toContainText(/\d+ ms/);

  // An item named with markup: its answer is shown as text.
  const body = widget.getByLabel('Body (JSON)');
  const curl = widget.locator('.lb-lab__cli pre');
  await body.fill(JSON.stringify({ TableName: 'rc-things', Item: { thingID: { S: XSS } } }));
  await button(widget, 'Send').click();
  await expect(answer.locator('.lb-http__status')).toHaveText('200 OK');

  answer = await sendTemplate(widget, 'scan (GET)');
  await expect(url).toHaveValue(`${stack.invokeUrl}?TableName=rc-things`);
  await expect(answer.locator('.lb-http__body')).toContainText('"Count": 2');
  await expect(answer.locator('.lb-http__body')).toContainText(`"S": "${XSS}"`);
  await expect(widget.locator('img')).toHaveCount(0);
  await expect(answer.locator('.lb-http__body')).toContainText('"colour": {\n        "S": "red"');

  answer = await sendTemplate(widget, 'update_item (PUT)');
  await expect(answer.locator('.lb-http__status')).toHaveText('200 OK');
  await expect(answer.locator('.lb-http__body')).toContainText('"Attributes": {');
  await expect(answer.locator('.lb-http__body')).toContainText('"S": "blue"');

  answer = await sendTemplate(widget, 'delete_item (DELETE)');
  await expect(answer.locator('.lb-http__status')).toHaveText('200 OK');
  await body.fill(JSON.stringify({ TableName: 'rc-things', Key: { thingID: { S: XSS } } }));
  await button(widget, 'Send').click();
  await expect(answer.locator('.lb-http__status')).toHaveText('200 OK');
  await widget.getByText('The same with curl').click();
  await expect(curl).toContainText(`--data-raw '{"TableName":"rc-things","Key":{"thingID":{"S":"${XSS}"}}}'`);
  await expect(curl).toContainText(`curl -i \\\n  -X DELETE \\\n  ${stack.invokeUrl} \\\n  -H 'Content-Type: application/json' \\\n  --data-raw '{`);

  // Enter in the URL sends, as the Send button does.
  await button(widget, 'scan (GET)').click();
  await url.press('Enter');
  await expect(response(widget).locator('.lb-http__body')).toContainText('"Count": 0');

  // Query rows and the URL follow each other.
  await expect(widget.getByLabel('Parameter 1 name')).toHaveValue('TableName');
  await widget.getByLabel('Parameter 1 value').fill('rc things');
  await expect(url).toHaveValue(`${stack.invokeUrl}?TableName=rc+things`);
  await url.fill(`${stack.invokeUrl}?TableName=rc-things&Limit=5`);
  await expect(widget.getByLabel('Parameter 2 name')).toHaveValue('Limit');
  await expect(widget.getByLabel('Parameter 2 value')).toHaveValue('5');
  // Query values are strings: boto3 refuses Limit='5', and the function answers 400 with its message.
  await button(widget, 'Send').click();
  await expect(response(widget).locator('.lb-http__status')).toHaveText('400 Bad Request');
  await expect(response(widget).locator('.lb-http__body')).toContainText('Limit');
  await expect(response(widget).getByRole('note')).toContainText('DynamoDB refused the call');
  // Only the status carries the outcome's colour: a 400's body is not painted success-green.
  const colour = (selector: string) =>
    response(widget)
      .locator(selector)
      .first()
      .evaluate((element) => getComputedStyle(element).color);
  const green = await page.evaluate(() => {
    const probe = document.body.appendChild(document.createElement('span'));
    probe.style.color = 'var(--sl-color-green-high)';
    const value = getComputedStyle(probe).color;
    probe.remove();
    return value;
  });
  for (const part of ['.lb-http__body', '.lb-lab__label', '[role="note"]']) expect(await colour(part), part).not.toBe(green);
  await button(widget, 'Remove parameter 2').click();
  await expect(url).toHaveValue(`${stack.invokeUrl}?TableName=rc-things`);

  // A body that is not JSON is stopped where it breaks; Send anyway shows the function's answer.
  await button(widget, 'put_item (POST)').click();
  await widget.getByLabel('Body (JSON)').fill('{"TableName": "rc-things",\n  "Item": {"thingID": {"S": "x"},}}');
  await button(widget, 'Send').click();
  const broken = widget.getByRole('alert');
  await expect(broken).toContainText('The body is not JSON.');
  await expect(broken).toContainText('Line 2, column 34: expected a property name in double quotes.');
  await button(broken, 'Send anyway').click();
  await expect(response(widget).locator('.lb-http__status')).toHaveText('400 Bad Request');
  await expect(response(widget).locator('.lb-http__body')).toContainText('JSONDecodeError');

  // A stage that does not exist: API Gateway's 404 carries no CORS headers, so the page may not read it, and says why.
  await widget.getByLabel('Method').selectOption('GET');
  await url.fill(`${stack.invokeUrl.replace(/prod\/$/, 'nostage/')}?TableName=rc-things`);
  await button(widget, 'Send').click();
  const failure = widget.getByRole('alert').filter({ hasText: 'NoReadableAnswer' });
  await expect(failure).toContainText('The browser got no answer from http://127.0.0.1:');
  await expect(failure).toContainText('404 Not Found for a wrong stage or path');

  // History: the scan sent earlier comes back with one click.
  await widget.getByText(/^History \(\d+\)$/).click();
  await widget.getByRole('button', { name: `GET ${stack.invokeUrl}?TableName=rc-things → 200` }).click();
  await expect(url).toHaveValue(`${stack.invokeUrl}?TableName=rc-things`);
  await expect(widget.getByLabel('Method')).toHaveValue('GET');
  await expect(curl).toHaveText(`curl -i \\\n  '${stack.invokeUrl}?TableName=rc-things'`);
  // The history lives in this tab's sessionStorage, without credentials.
  const stored = await page.evaluate(() => sessionStorage.getItem('labbook:request-client:history') ?? '');
  expect(stored).toContain('rc-things');
  expect(await page.evaluate(() => localStorage.getItem('labbook:request-client:history'))).toBeNull();

  // Cancel stops waiting for an answer that is slow to come.
  await page.route(`${stack.invokeUrl}**`, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await route.continue().catch(() => undefined);
  });
  await button(widget, 'Send').click();
  await button(widget, 'Cancel').click();
  await expect(widget.getByRole('alert').filter({ hasText: 'Cancelled' })).toContainText('The page stopped waiting for the answer.');
  await expect(button(widget, 'Send')).toBeVisible();
  await page.unrouteAll({ behavior: 'wait' });

  expect(await seriousViolations(page, ['.lb-http'])).toEqual([]);
  expectReported(pageErrors, [/status of 400/, /CORS policy/, /net::ERR_FAILED/]);
});

test('on the AWS target the execute-api URL goes through labbook’s relay', async ({ page, request, pageErrors }) => {
  await page.goto('/task-8-1/');
  await useAwsThroughRelay(page, request);
  const widget = await client(page);
  await expect(button(widget, 'Find my API')).not.toHaveAttribute('aria-disabled', 'true');
  const url = widget.getByLabel('URL', { exact: true });
  await url.fill(`${stack.awsInvokeUrl}?TableName=rc-things`);
  const relayed: string[] = [];
  page.on('request', (sent) => relayed.push(new URL(sent.url()).pathname));
  await button(widget, 'Send').click();
  const answer = response(widget);
  await expect(answer.locator('.lb-http__status')).toHaveText('200 OK');
  await expect(answer.locator('.lb-http__body')).toContainText('"Items": []');
  await expect(answer).toContainText('through labbook’s relay');
  expect(relayed).toContain(`/relay/${stack.apiId}.execute-api.us-east-1.amazonaws.com/prod/`);

  // A wrong stage: now the 404 is readable, with the hint.
  await url.fill(stack.awsInvokeUrl.replace(/prod\/$/, 'nostage/'));
  await button(widget, 'Send').click();
  await expect(answer.locator('.lb-http__status')).toHaveText('404 Not Found');
  await expect(answer.getByRole('note')).toContainText('Check the stage in the URL');

  // The sandbox's own URL is not an AWS host: refused before anything is sent.
  await url.fill(stack.invokeUrl);
  await button(widget, 'Send').click();
  await expect(widget.getByRole('alert').filter({ hasText: 'NotAnAwsApi' })).toContainText('choose the sandbox in the target panel');
  expectReported(pageErrors, [/status of 404/]);
});

test('a request refused before sending clears the previous answer', async ({ page, pageErrors }) => {
  await page.goto('/task-8-1/');
  await useSandboxInPage(page);
  const widget = await client(page);
  await expect(button(widget, 'Find my API')).not.toHaveAttribute('aria-disabled', 'true');
  const url = widget.getByLabel('URL', { exact: true });
  // A bare GET: the function answers 400.
  await url.fill(stack.invokeUrl);
  await button(widget, 'Send').click();
  await expect(response(widget).locator('.lb-http__status')).toHaveText('400 Bad Request');

  // The next request's body has a typo: its message stands alone, without the old 400 under it.
  await button(widget, 'put_item (POST)').click();
  await widget.getByLabel('Body (JSON)').fill('{"TableName": "rc-things",}');
  await button(widget, 'Send').click();
  await expect(widget.getByRole('alert')).toContainText('The body is not JSON.');
  await expect(response(widget)).toHaveCount(0);
  expectReported(pageErrors, [/status of 400/]);
});

test('every response header, the function’s CORS headers included, in a list closed at first, on the sandbox and through the relay', async ({
  page,
  request,
}) => {
  await page.goto('/task-8-1/');
  await useSandboxInPage(page);
  const widget = await client(page);
  await expect(button(widget, 'Find my API')).not.toHaveAttribute('aria-disabled', 'true');
  const url = widget.getByLabel('URL', { exact: true });
  const answer = response(widget);
  const headers = answer.locator('details', { has: page.getByText(/^Headers \(\d+\)$/) });
  const list = headers.locator('pre');
  /** Opens the closed list and checks it holds as many headers as its summary says. */
  const openHeaders = async () => {
    await expect(headers).not.toHaveAttribute('open');
    await expect(list).toBeHidden();
    await headers.getByText(/^Headers/).click();
    const count = Number((await headers.locator('summary').textContent())?.match(/\d+/)?.[0]);
    expect((await list.textContent())?.split('\n')).toHaveLength(count);
  };

  // The sandbox: the function's own CORS headers, which the chapter teaches (lambda_crud.py sends them).
  const functionCors = [
    'access-control-allow-origin: *',
    'access-control-allow-headers: Content-Type',
    'access-control-allow-methods: GET, POST, DELETE, PUT, OPTIONS',
  ];
  await url.fill(`${stack.invokeUrl}?TableName=rc-things`);
  await button(widget, 'Send').click();
  await expect(answer.locator('.lb-http__status')).toHaveText('200 OK');
  await openHeaders();
  await expect(list).toContainText('content-type: application/json');
  for (const line of functionCors) await expect(list).toContainText(line);

  // Through the relay, as on AWS: every header API Gateway sent, CORS as the API sent it, not the relay's.
  await useAwsThroughRelay(page, request);
  await url.fill(`${stack.awsInvokeUrl}?TableName=rc-things`);
  await button(widget, 'Send').click();
  await expect(answer).toContainText('through labbook’s relay');
  await openHeaders();
  await expect(list).toContainText('apigw-requestid: ');
  await expect(list).toContainText('content-type: application/json');
  for (const line of functionCors) await expect(list).toContainText(line);
  await expect(list).not.toContainText(new URL(page.url()).origin);
  await expect(list).not.toContainText('x-labbook');
  await expect(headers).toContainText('The Access-Control-* headers are your API’s own');
});

test('the request being written comes back after a reload, without a header that carries credentials', async ({ page }) => {
  await page.goto('/task-8-1/');
  let widget = await client(page);
  await widget.getByLabel('Method').selectOption('PUT');
  await widget.getByLabel('URL', { exact: true }).fill(`${stack.invokeUrl}`);
  await widget.getByText(/^Headers \(/).click();
  await button(widget, 'Add header').click();
  await widget.getByLabel('Header 1 name').fill('Authorization');
  await widget.getByLabel('Header 1 value').fill('Bearer secret-token');
  await button(widget, 'Add header').click();
  await widget.getByLabel('Header 2 name').fill('X-Trace');
  await widget.getByLabel('Header 2 value').fill('kept');
  await widget.getByLabel('Body (JSON)').fill('{"TableName": "rc-things", "Key": {"thingID": {"S": "draft"}}}');

  await page.reload();
  widget = await client(page);
  await expect(widget.getByLabel('Body (JSON)')).toHaveValue('{"TableName": "rc-things", "Key": {"thingID": {"S": "draft"}}}');
  await expect(widget.getByLabel('Method')).toHaveValue('PUT');
  await expect(widget.getByLabel('URL', { exact: true })).toHaveValue(stack.invokeUrl);
  await expect(widget.getByLabel('Header 1 name')).toHaveValue('X-Trace');
  await expect(widget.getByLabel('Header 2 name')).toHaveCount(0);
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain('secret-token');
});

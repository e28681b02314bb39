// Task 8.1's first half and the Lambda chapter, done through the widgets as a student would,
// against the sandbox that labbook's server runs: the table and its items, the function
// deployed from the editor, Invoke, Logs and Check my work; a reload in the middle; a step
// run again adopting what exists; expired credentials renewed and the step retried; the
// same step through the AWS target (the relay, pointed at the sandbox in tests).
import { seriousViolations } from './accessibility.ts';
import { expect, type Page } from '@playwright/test';
import { button, expectReported, refusedWith, test, widget, XSS } from './page-errors.ts';
import { targetIndicator } from './target-helpers.ts';
import { removeFromSandbox } from './sandbox-resources.ts';

// One sandbox behind every test: these tests share the lab's table and function, so they run in order,
// from a sandbox without them.
test.describe.configure({ mode: 'serial' });
test.beforeAll(async ({ request }) => {
  await removeFromSandbox(request, { tables: ['ccbda-lambda-first', 'expiry-test'], functions: ['LambdaCRUD', 'HelloLambda'] });
});

const targetPanel = (page: Page) => page.getByRole('region', { name: 'Before you start: choose your target' });

async function useSandboxFromChapter(page: Page): Promise<void> {
  // The panel hydrates when it comes into view.
  await targetPanel(page).scrollIntoViewIfNeeded();
  await targetPanel(page)
    .getByRole('button', { name: /^(Use the sandbox|Get new sandbox credentials)$/ })
    .click();
  await expect(targetIndicator(page)).toHaveAccessibleName(/Sandbox.*\d{12}.*us-east-1.*credentials work/);
}

async function axeClean(page: Page): Promise<void> {
  expect(await seriousViolations(page, ['.lb-lab'])).toEqual([]);
}

test('Task 8.1, first half: table, items, function, invoke, logs and check, with a reload in the middle', async ({ page, pageErrors }) => {
  test.setTimeout(180_000);
  const scripts: string[] = [];
  page.on('request', (request) => scripts.push(new URL(request.url()).pathname));
  await page.goto('/task-8-1/', { waitUntil: 'networkidle' });
  expect(scripts.filter((path) => /monaco/.test(path))).toEqual([]);
  await useSandboxFromChapter(page);

  // The table, created by its step.
  const tableCard = await widget(page, 'Create the DynamoDB table');
  await button(tableCard, 'Run').click();
  await expect(tableCard.locator('.lb-lab__outcome')).toHaveText('Created ccbda-lambda-first.');
  await expect(tableCard.locator('.lb-lab__summary')).toHaveText('ccbda-lambda-first: ACTIVE, partition key thingID (S), on-demand');
  await expect(tableCard.getByRole('listitem').filter({ hasText: 'Partition key thingID of type S (string)' })).toContainText('Passed');
  await tableCard.getByText('The same with the AWS CLI').click();
  await expect(tableCard.locator('.lb-lab__cli pre')).toContainText('aws dynamodb create-table');
  await expect(tableCard.locator('.lb-lab__cli pre')).toContainText(/--endpoint-url http:\/\/127\.0\.0\.1:\d+/);
  await tableCard.getByText(/^Show request and response/).click();
  await expect(tableCard.locator('.lb-lab__calls')).toContainText('DynamoDB.CreateTable');
  await expect(tableCard.locator('.lb-lab__calls')).toContainText('"BillingMode": "PAY_PER_REQUEST"');

  // Items: add two (one named with markup, which must stay text), edit one, delete the other.
  const items = page.getByRole('group', { name: 'Items in ccbda-lambda-first' });
  await expect(items.locator('caption')).toHaveText('0 items');
  const put = async (json: string) => {
    await button(items, 'Add item').click();
    await items.getByLabel('New item, as DynamoDB JSON').fill(json);
    await button(items, 'Put item').click();
    await expect(items.getByLabel('New item, as DynamoDB JSON')).toHaveCount(0);
  };
  await put(JSON.stringify({ thingID: { S: XSS }, colour: { S: 'red' } }));
  await put(JSON.stringify({ thingID: { S: 'lamp' }, legs: { N: '1' } }));
  await expect(items.locator('caption')).toHaveText('2 items');
  await expect(items.getByRole('cell', { name: XSS, exact: true })).toBeVisible();
  await expect(items.locator('img')).toHaveCount(0);

  await items.getByRole('button', { name: `Edit ${XSS}` }).click();
  const editor = items.getByLabel('Item, as DynamoDB JSON');
  await editor.fill((await editor.inputValue()).replace('red', 'blue'));
  await button(items, 'Save item').click();
  await expect(items.getByRole('row').filter({ hasText: XSS })).toContainText('blue');

  await items.getByRole('button', { name: 'Delete lamp' }).click();
  await items.getByRole('button', { name: 'Confirm delete lamp' }).click();
  await expect(items.locator('caption')).toHaveText('1 item');
  await button(items, 'DynamoDB JSON').click();
  await expect(items.locator('pre').first()).toContainText('"colour": {\n      "S": "blue"');
  await button(items, 'Table').click();

  // A bad item gets DynamoDB's own answer.
  await button(items, 'Add item').click();
  await items.getByLabel('New item, as DynamoDB JSON').fill('{"colour": {"S": "no key"}}');
  await button(items, 'Put item').click();
  await expect(items.getByRole('alert')).toContainText('ValidationException');
  expectReported(pageErrors, [refusedWith(400)], 1);
  // The next try, refused before it is sent, shows only its own problem: AWS's old answer goes.
  await items.getByLabel('New item, as DynamoDB JSON').fill('{"thingID": "lamp"}');
  await button(items, 'Put item').click();
  await expect(items.getByRole('alert')).toHaveText('Attribute thingID needs its type, e.g. {"S": "text"} or {"N": "3"}.');
  await button(items, 'Cancel').click();

  // Reload in the middle: the target, what the step made and the items are all still there.
  await page.reload();
  const tableAgain = await widget(page, 'Create the DynamoDB table');
  await expect(tableAgain.locator('.lb-lab__earlier')).toContainText('ccbda-lambda-first was created by labbook on');
  await expect(page.getByRole('group', { name: 'Items in ccbda-lambda-first' }).locator('caption')).toHaveText('1 item');
  // Run again: found and adopted, not created twice.
  await button(tableAgain, 'Run').click();
  await expect(tableAgain.locator('.lb-lab__outcome')).toHaveText('ccbda-lambda-first already exists: adopted it, nothing was created.');

  // The function, from the editor: Monaco loads when the student reaches it; one line added, one setting changed.
  const fnCard = await widget(page, 'Deploy the function LambdaCRUD');
  // Scrolling to the code or clicking it loads the editor, whichever comes first.
  await fnCard.locator('.lb-cell__code').click();
  await expect(fnCard.locator('.monaco-editor')).toBeVisible();
  expect(scripts.some((path) => path.includes('monaco-code-editor'))).toBe(true);
  await fnCard.locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText("\nprint('deployed from the page')\n");
  await button(fnCard, 'Add variable').click();
  await fnCard.getByLabel('Name of variable 2').fill('GREETING');
  await fnCard.getByLabel('Value of variable 2').fill('hello');
  await fnCard.getByLabel('Timeout (s)').fill('5');
  await button(fnCard, 'Deploy').click();
  await expect(fnCard.locator('.lb-lab__outcome')).toHaveText('Created LambdaCRUD.', { timeout: 60_000 });
  await expect(fnCard.locator('.lb-lab__summary')).toHaveText('LambdaCRUD: Active, python3.13, handler lambda_crud.lambda_handler, 128 MB, 5 s');
  await expect(fnCard.locator('.lb-lab__findings')).not.toContainText('Failed');
  await fnCard.getByText('The same with the AWS CLI').click();
  await expect(fnCard.locator('.lb-lab__cli pre')).toContainText(/--role arn:aws:iam::\d{12}:role\/LabRole/);
  await expect(fnCard.locator('.lb-lab__cli pre')).toContainText(`--environment '{"Variables":{"LOG_LEVEL":"INFO","GREETING":"hello"}}'`);

  // Invoke with the GET template: 200 and the item, with the log tail.
  const invoke = await widget(page, 'Invoke LambdaCRUD');
  await button(invoke, 'HTTP API GET: list the items').click();
  await button(invoke, 'Invoke').click();
  const result = invoke.locator('.lb-invoke__result');
  await expect(result.locator('dd').first()).toHaveText('200', { timeout: 30_000 });
  await expect(result).toContainText('Function errornone');
  await expect(result).toContainText('yes: Init Duration');
  await expect(result.locator('pre').first()).toContainText('"statusCode": 200');
  await expect(result.locator('pre').first()).toContainText('onerror=alert(1)');
  await expect(result.locator('pre').nth(1)).toContainText(`"S": "${XSS}"`);
  await expect(result.locator('pre').nth(2)).toContainText('START RequestId');
  // The empty event: the handler raises, and Lambda says so.
  await button(invoke, 'Empty event').click();
  await button(invoke, 'Invoke').click();
  await expect(result).toContainText('Function errorUnhandled');
  await expect(result.locator('pre').first()).toContainText('"errorType": "KeyError"');

  // Logs: the stream and its lines, then Follow picks up a new invocation.
  const logs = await widget(page, 'Logs of LambdaCRUD');
  await button(logs, 'Refresh').click();
  const events = logs.getByRole('region', { name: /^Events in / });
  await expect(events).toContainText('deployed from the page');
  await expect(events.getByRole('row').nth(1)).toContainText('REPORT RequestId');
  // On a phone the long stream names wrap inside the widget, and each time stays on one line.
  const desktop = page.viewportSize()!;
  await page.setViewportSize({ width: 390, height: 844 });
  const layout = await logs.evaluate((section) => {
    const right = section.getBoundingClientRect().right;
    const lines = (cell: Element) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      return range.getClientRects().length;
    };
    return {
      overflowing: [...section.querySelectorAll('.lb-logs__stream, caption')]
        .filter((part) => part.getBoundingClientRect().right > right + 0.5)
        .map((part) => part.textContent),
      linesPerTime: [...new Set([...section.querySelectorAll('.lb-logs__time')].map(lines))],
    };
  });
  expect(layout).toEqual({ overflowing: [], linesPerTime: [1] });
  await page.setViewportSize(desktop);
  const starts = () => events.getByRole('cell', { name: /^START RequestId/ }).count();
  const before = await starts();
  await button(logs, 'Follow').click();
  await expect(button(logs, 'Follow')).toHaveAttribute('aria-pressed', 'true');
  await button(invoke, 'HTTP API GET: list the items').click();
  await button(invoke, 'Invoke').click();
  await expect.poll(starts, { timeout: 15_000 }).toBeGreaterThan(before);
  await button(logs, 'Follow').click();

  // Check my work: everything passes and stays done after a reload.
  const check = await widget(page, 'Check my work: Task 8.1: the table and the function');
  await button(check, 'Check my work').click();
  await expect(check.getByRole('status')).toContainText('All checks passed', { timeout: 30_000 });
  await expect(check.locator('.lb-lab__findings li')).toHaveCount(8);
  await expect(check.locator('.lb-lab__findings')).not.toContainText('Failed');
  await expect(check.locator('.lb-lab__done')).toContainText('Done on');
  await axeClean(page);
  await page.reload();
  await expect((await widget(page, 'Check my work: Task 8.1: the table and the function')).locator('.lb-lab__done')).toContainText('Done on');
  // The edited code and settings are kept too: deploying again finds nothing to change.
  const editorAgain = await widget(page, 'Deploy the function LambdaCRUD');
  await expect(editorAgain.getByLabel('Value of variable 2')).toHaveValue('hello');
  await button(editorAgain, 'Deploy').click();
  await expect(editorAgain.locator('.lb-lab__outcome')).toHaveText('LambdaCRUD already exists: adopted it, nothing was created.');
  // Reset code goes back to the lab's code, which differs from what is deployed.
  await button(editorAgain, 'Reset code').click();
  await button(editorAgain, 'Deploy').click();
  await expect(editorAgain.locator('.lb-lab__outcome')).toHaveText('LambdaCRUD already existed: updated it to match.');
});

test('a deploy cut short by a reload is resumed, not repeated, and Clean up labels it with what made it', async ({ page }) => {
  await page.goto('/task-8-1/');
  await useSandboxFromChapter(page);
  await page.goto('/lambda/');
  const fnCard = await widget(page, 'Deploy the function HelloLambda');
  // Hold every look at the function's configuration: the step is then stuck waiting after CreateFunction.
  let held = false;
  await page.route('**/2015-03-31/functions/HelloLambda/configuration**', (route) => {
    if (route.request().method() !== 'GET') return route.continue();
    held = true;
  });
  await button(fnCard, 'Deploy').click();
  await expect.poll(() => held).toBe(true);
  await expect(fnCard.getByRole('status')).toContainText('Creating function HelloLambda');
  // Reloaded while still held, so the first run never learns the outcome.
  await page.reload();
  await page.unrouteAll({ behavior: 'ignoreErrors' });

  const again = await widget(page, 'Deploy the function HelloLambda');
  await expect(again.locator('.lb-lab__earlier')).toContainText('An earlier run started HelloLambda and did not finish');
  await button(again, 'Deploy').click();
  await expect(again.locator('.lb-lab__outcome')).toHaveText('Finished what an earlier run started: HelloLambda is ready.', { timeout: 30_000 });
  await again.getByText(/^Show request and response/).click();
  await expect(again.locator('.lb-lab__calls')).not.toContainText('Lambda.CreateFunction');

  // The chapter's function: invoked twice, a cold start and then a warm one.
  const invoke = await widget(page, 'Invoke HelloLambda');
  const result = invoke.locator('.lb-invoke__result');
  await button(invoke, 'Invoke').click();
  await expect(result).toContainText('"invocationsInThisEnvironment": 1', { timeout: 30_000 });
  await expect(result).toContainText('yes: Init Duration');
  await button(invoke, 'Invoke').click();
  await expect(result).toContainText('"invocationsInThisEnvironment": 2');
  await expect(result).toContainText('no: a warm execution environment');
  await axeClean(page);

  // Clean up names it by what made it, not by the CRUD function's step it shares.
  await page.goto('/clean-up/');
  const teardown = await widget(page, 'Delete what the lab made');
  const hello = teardown.locator('.lb-teardown__item', { has: page.locator('.lb-teardown__name', { hasText: /^HelloLambda$/ }) });
  await expect(hello.locator('.lb-teardown__what')).toHaveText('Deploy the function HelloLambda (on AWS Lambda)');
  await expect(hello.getByRole('link', { name: 'AWS Lambda' })).toHaveAttribute('href', '/lambda/');
});

test('expired credentials stop a step with AWS’s answer; new ones and Retry finish it', async ({ page, pageErrors }) => {
  await page.goto('/task-8-1/');
  await useSandboxFromChapter(page);
  const tableCard = await widget(page, 'Create the DynamoDB table');
  await tableCard.getByLabel('Table name').fill('expiry-test');
  // AWS's answer once a Learner Lab session has ended.
  await page.route('**/*', (route) => {
    const target = route.request().headers()['x-amz-target'] ?? '';
    if (!target.startsWith('DynamoDB_20120810.')) return route.continue();
    return route.fulfill({
      status: 400,
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'access-control-allow-origin': '*',
        'access-control-expose-headers': 'x-amzn-RequestId,x-amzn-ErrorType',
        'x-amzn-errortype': 'ExpiredTokenException',
      },
      body: JSON.stringify({ __type: 'com.amazon.coral.service#ExpiredTokenException', message: 'The security token included in the request is expired' }),
    });
  });
  await button(tableCard, 'Run').click();
  const failure = tableCard.getByRole('alert');
  await expect(failure).toContainText('ExpiredTokenException: The security token included in the request is expired');
  await expect(failure).toContainText('Paste new ones in the target panel');
  await expect(targetIndicator(page)).toHaveAccessibleName(/credentials expired/);
  expectReported(pageErrors, [refusedWith(400)], 1);

  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await useSandboxFromChapter(page);
  await button(tableCard, 'Retry').click();
  await expect(tableCard.locator('.lb-lab__outcome')).toHaveText('Created expiry-test.');
});

test('the same step on the AWS target (through the relay) keeps its own records and has no endpoint URL', async ({ page, request }) => {
  const { credentialsUrl } = await (await request.get('/api/sandbox')).json();
  const issued = await (await request.post(credentialsUrl, { data: {} })).json();
  await page.goto('/task-8-1/');
  const panel = targetPanel(page);
  await panel.scrollIntoViewIfNeeded();
  await panel.getByRole('radio', { name: 'My AWS account' }).check();
  await panel
    .getByLabel('Paste your credentials')
    .fill(`[default]\naws_access_key_id=${issued.accessKeyId}\naws_secret_access_key=${issued.secretAccessKey}\naws_session_token=${issued.sessionToken}\n`);
  await panel.getByRole('button', { name: 'Use these credentials' }).click();
  await expect(targetIndicator(page)).toHaveAccessibleName(/AWS.*\d{12}.*us-east-1.*credentials work/);

  const tableCard = await widget(page, 'Create the DynamoDB table');
  await expect(tableCard.locator('.lb-lab__earlier')).toHaveCount(0);
  await tableCard.getByText('The same with the AWS CLI').click();
  await expect(tableCard.locator('.lb-lab__cli pre')).not.toContainText('--endpoint-url');
  await button(tableCard, 'Run').click();
  await expect(tableCard.locator('.lb-lab__outcome')).toHaveText('ccbda-lambda-first already exists: adopted it, nothing was created.');
});

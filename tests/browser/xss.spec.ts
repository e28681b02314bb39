// The index of XSS coverage: everywhere a widget shows a value a student or their AWS
// account supplied, markup must stay text. The page-errors `test` fixture fails a test on
// any dialog (a payload that ran would open an alert) and on console errors.
//
// Covered by the widget's own spec:
// - DynamoDB item browser (item values, edit and delete buttons): task-8-1-widgets.spec.ts
// - InvokeFunction result of the lab's GET (an item's value in the scan): task-8-1-widgets.spec.ts
// - Items app (cells, delete and confirm buttons): items-app.spec.ts
// - Request client (response body, curl command): request-client.spec.ts
// - WebSocket console (sent and received messages in the timeline): websocket-console.spec.ts
// - Flight map (aircraft on the map, their labels, the aircraft table): flight-map.spec.ts
//
// Covered here, each with three payloads (an img with onerror, a script element, and one
// that closes an attribute before an svg with onload):
// - InvokeFunction: the result and the log tail of a Node.js function that echoes its event
// - FunctionLogs: the log lines that function printed
// - FunctionEditor: an environment variable's value in the CLI command
// - a step card: AWS's ValidationException echoing a function name the student typed
// - CheckMyWork: the findings of a check whose API name is the payload
// - PythonCell: the output of a cell that prints the payloads
import { LambdaClient } from '@aws-sdk/client-lambda';
import { expect, type Locator, type Page } from '@playwright/test';
import { deploy } from '../sandbox/lambda-helpers.ts';
import { cell, setCode } from './code-cell.ts';
import { button, expectReported, refusedWith, test, widget, XSS } from './page-errors.ts';
import { removeFromSandbox, sandboxContext } from './sandbox-resources.ts';
import { useSandboxInPage } from './target-helpers.ts';

const PAYLOADS = [XSS, '<script>alert(2)</script>', '"><svg onload=alert(3)>'];
const ALL = PAYLOADS.join(' ');
const ECHO_FUNCTION = 'XssEcho';
const ENV_FUNCTION = 'XssEnvFn';
/** A Node.js function that prints the event's text and returns it: it reaches the result, the log tail and the logs. */
const ECHO_JS = 'exports.handler = async (event) => {\n  console.log(event.text);\n  return event.text;\n};\n';

/** Elements the payloads would make if they were rendered as HTML. */
const INJECTED = 'img[src="x"], img[onerror], script, svg[onload]';

/** Each payload shows in `scope` as its characters (inside JSON, with the quote escaped), and none became an element. */
async function expectAsText(scope: Locator, json = false): Promise<void> {
  for (const payload of PAYLOADS) await expect(scope).toContainText(json ? JSON.stringify(payload).slice(1, -1) : payload);
  await expect(scope.locator(INJECTED)).toHaveCount(0);
}

/** A catalogue widget that names a function, pointed at another one as a student would. */
async function pointAt(page: Page, region: string, functionName: string, renamed: string): Promise<Locator> {
  const found = await widget(page, region);
  await found.getByLabel('Function name').fill(functionName);
  await found.getByLabel('Function name').press('Tab');
  return widget(page, renamed);
}

// The tests share the echo function, so they run in order, in one worker: with the config's
// fullyParallel each worker ran beforeAll and afterAll, and one removed the function the other
// was still waiting for (failed under load).
test.describe.configure({ mode: 'default' });

test.beforeAll(async ({ request }) => {
  const ctx = await sandboxContext(request);
  await removeFromSandbox(request, { functions: [ECHO_FUNCTION, ENV_FUNCTION] });
  await deploy(ctx.client(LambdaClient), ctx.account, {
    FunctionName: ECHO_FUNCTION,
    Runtime: 'nodejs22.x',
    Handler: 'index.handler',
    files: { 'index.js': ECHO_JS },
  });
});

test.afterAll(async ({ request }) => {
  await removeFromSandbox(request, { functions: [ECHO_FUNCTION, ENV_FUNCTION] });
});

test('a Lambda invoke result, its log tail and the function’s log lines show markup as text', async ({ page }) => {
  await page.goto('/instructors/widgets/');
  await useSandboxInPage(page);

  const invoke = await pointAt(page, 'Invoke CatalogueHello', ECHO_FUNCTION, `Invoke ${ECHO_FUNCTION}`);
  await invoke.getByLabel('Test event (JSON)').fill(JSON.stringify({ text: ALL }));
  await button(invoke, 'Invoke').click();
  const result = invoke.locator('.lb-invoke__result');
  await expect(result.locator('pre').first()).toContainText('<img');
  await expectAsText(result.locator('pre').first(), true);
  await expectAsText(result.locator('pre').last());

  const logs = await pointAt(page, 'Logs of CatalogueHello', ECHO_FUNCTION, `Logs of ${ECHO_FUNCTION}`);
  const lines = logs.locator('.lb-logs__message');
  await expect(lines.filter({ hasText: '<img' })).toHaveCount(1);
  await expectAsText(lines.filter({ hasText: '<img' }));
  await expectAsText(logs);
});

test('an environment variable’s value, and AWS’s error echoing a function name, show markup as text', async ({ page, pageErrors }) => {
  await page.goto('/instructors/widgets/');
  await useSandboxInPage(page);
  const editor = await widget(page, 'Deploy the function CatalogueHello');
  await editor.getByLabel('Function name').fill(ENV_FUNCTION);
  await button(editor, 'Add variable').click();
  await editor.getByLabel('Name of variable 1').fill('GREETING');
  await editor.getByLabel('Value of variable 1').fill(ALL);
  await button(editor, 'Deploy').click();
  await expect(editor.getByText(`Created ${ENV_FUNCTION}.`)).toBeVisible({ timeout: 30_000 });
  await editor.getByText('The same with the AWS CLI').click();
  await expectAsText(editor.locator('.lb-lab__cli pre'), true);

  // A name Lambda refuses: its ValidationException quotes the value back.
  await editor.getByLabel('Function name').fill(ALL);
  await button(editor, 'Deploy').click();
  const failure = editor.getByRole('alert');
  await expect(failure.locator('.lb-lab__error-code')).toHaveText('ValidationException');
  await expect(failure.locator('.lb-lab__error-message')).toContainText(`Value '${ALL}' at 'functionName' failed to satisfy constraint`);
  await expectAsText(failure);
  await expectAsText(editor.locator('.lb-lab__cli pre'));
  expectReported(pageErrors, [refusedWith(400)]);
});

test('a check’s findings show a name made of markup as text', async ({ page }) => {
  await page.goto('/task-8-1/');
  await useSandboxInPage(page);
  const check = await widget(page, 'Check my work: Task 8.1: the HTTP API');
  await check.getByLabel('API name').fill(ALL);
  await button(check, 'Check my work').click();
  const findings = check.locator('.lb-lab__findings');
  await expect(findings.locator('.lb-lab__finding-detail').filter({ hasText: 'There is no API named' }).first()).toBeVisible();
  await expectAsText(findings);
});

test('a Python cell prints markup as text', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/instructors/widgets/');
  const hello = await cell(page, 'Keyword arguments arrive as a dict');
  const code = ['import sys', ...PAYLOADS.map((payload) => `print(${JSON.stringify(payload)})`), `print(${JSON.stringify(XSS)}, file=sys.stderr)`];
  await setCode(page, hello, code.join('\n'));
  await button(hello, 'Run').click();
  const output = hello.getByRole('log');
  await expect(output).toContainText(PAYLOADS[2], { timeout: 45_000 });
  await expectAsText(output);
  await expect(hello.locator(INJECTED)).toHaveCount(0);
});

// The WebSocket console as a student uses it in Task 8.2, against a WebSocket API of this
// spec's own on the test server's sandbox (the lab's $default function, WsDefault's code,
// under another name, plus an echo route): two sessions side by side, hello! answered
// with init in one only, a JSON message checked before it is sent, a close code and
// reason, markup staying text; then the same API on the AWS target, through the relay.
import { ApiGatewayV2Client, DeleteApiCommand } from '@aws-sdk/client-apigatewayv2';
import { DeleteFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { deploy } from '../sandbox/lambda-helpers.ts';
import type { ClientConfig, TestSandbox } from '../sandbox/harness.ts';
import { deployWebSocketApi, type DeployedWebSocketApi } from '../sandbox/websocket-helpers.ts';
import { seriousViolations } from './accessibility.ts';
import { button, hydrated, test, XSS } from './page-errors.ts';
import { issueCredentials, sandboxInfo, useAwsThroughRelay, useSandboxInPage } from './target-helpers.ts';

const API_NAME = 'WcApi';
const FUNCTIONS = { connect: 'WcConnect', default: 'WcDefault', echo: 'WcEcho' };

/** $connect accepts, unless the URL asks it to refuse (?refuse), as a WsConnect without its permission would. */
const CONNECT_PY = [
  'def handler(event, context):',
  '    refused = "refuse" in (event.get("queryStringParameters") or {})',
  '    return {"statusCode": 403 if refused else 200}',
  '',
].join('\n');
/** The echo route answers with the message's text member, as it came. */
const ECHO_PY = 'import json\n\ndef handler(event, context):\n    return {"statusCode": 200, "body": json.loads(event["body"])["text"]}\n';

/** SDK clients for the test server's sandbox, shaped as the service tests' helpers take them. */
async function sandboxAccess(request: APIRequestContext): Promise<Pick<TestSandbox, 'accountId' | 'client' | 'clientConfig'>> {
  const { endpoint, region, accountId } = await sandboxInfo(request);
  const { accessKeyId, secretAccessKey, sessionToken } = await issueCredentials(request);
  const clientConfig = (): ClientConfig => ({ endpoint, region, credentials: { accessKeyId, secretAccessKey, sessionToken }, maxAttempts: 1 });
  return { accountId, clientConfig, client: (Client) => new Client(clientConfig()) };
}

// Both tests use the one API this file makes: one worker, in order.
test.describe.configure({ mode: 'serial' });
let api: DeployedWebSocketApi;
let access: Awaited<ReturnType<typeof sandboxAccess>>;

test.beforeAll(async ({ request }) => {
  test.setTimeout(120_000);
  access = await sandboxAccess(request);
  const lambda = access.client(LambdaClient);
  const wsDefault = await readFile(new URL('../../lambda/ws-default/ws_default.py', import.meta.url), 'utf8');
  await deploy(lambda, access.accountId, { FunctionName: FUNCTIONS.connect, files: { 'app.py': CONNECT_PY } });
  await deploy(lambda, access.accountId, {
    FunctionName: FUNCTIONS.default,
    Handler: 'ws_default.lambda_handler',
    files: { 'ws_default.py': wsDefault },
    Timeout: 10,
  });
  await deploy(lambda, access.accountId, { FunctionName: FUNCTIONS.echo, files: { 'app.py': ECHO_PY } });
  api = await deployWebSocketApi(
    access,
    {
      $connect: { functionName: FUNCTIONS.connect },
      $default: { functionName: FUNCTIONS.default },
      echo: { functionName: FUNCTIONS.echo, routeResponse: true },
    },
    { name: API_NAME },
  );
});

test.afterAll(async () => {
  await access.client(ApiGatewayV2Client).send(new DeleteApiCommand({ ApiId: api.apiId }));
  const lambda = access.client(LambdaClient);
  for (const name of Object.values(FUNCTIONS)) await lambda.send(new DeleteFunctionCommand({ FunctionName: name }));
});

const session = (console: Locator, n: number) => console.getByRole('region', { name: `Session ${n}`, exact: true });
const timeline = (sessionPanel: Locator, n: number) => sessionPanel.getByRole('list', { name: `Session ${n} timeline` });

async function openConsole(page: Page): Promise<Locator> {
  const widget = await hydrated(page, page.getByRole('region', { name: 'WebSocket console', exact: true }));
  await widget.getByLabel('API name').fill(API_NAME);
  await button(widget, 'Find my API').click();
  return widget;
}

test('two sessions side by side: hello! answered in one only, JSON checked, a close code and reason, markup as text', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/task-8-2/');
  await useSandboxInPage(page);

  const widget = await openConsole(page);
  await expect(widget.getByRole('status').first()).toHaveText(`Found ${API_NAME}: ${api.url}`);
  await button(widget, 'Add session').click();
  const one = session(widget, 1);
  const two = session(widget, 2);
  await expect(one.getByLabel('WebSocket URL')).toHaveValue(api.url);
  await expect(two.getByLabel('WebSocket URL')).toHaveValue(api.url);
  // Side by side, not one under the other, when there is room.
  const [boxOne, boxTwo] = [await one.boundingBox(), await two.boundingBox()];
  expect(boxTwo!.x).toBeGreaterThan(boxOne!.x + boxOne!.width - 1);
  expect(Math.abs(boxTwo!.y - boxOne!.y)).toBeLessThan(2);

  // An API on AWS cannot be reached with the sandbox as the target: the console says what to do instead.
  await one.getByLabel('WebSocket URL').fill(`wss://${api.apiId}.execute-api.us-east-1.amazonaws.com/prod`);
  await button(one, 'Connect').click();
  await expect(one.getByRole('alert')).toContainText('the target is the sandbox: choose your AWS account');
  await expect(one.getByRole('status')).toHaveText('Not connected.');
  await one.getByLabel('WebSocket URL').fill(api.url);

  await button(one, 'Connect').click();
  // Enter in the URL field connects too.
  await two.getByLabel('WebSocket URL').press('Enter');
  await expect(one.getByRole('status')).toHaveText(`Connected to ${api.url}.`);
  await expect(two.getByRole('status')).toHaveText(`Connected to ${api.url}.`);

  // The lab's first message, from the template; Ctrl+Enter sends.
  await button(one, 'Template: hello!').click();
  await expect(one.getByLabel('Message', { exact: true })).toHaveValue('hello!');
  await one.getByLabel('Message', { exact: true }).press('Control+Enter');
  const sent = timeline(one, 1).getByRole('listitem').filter({ hasText: 'Sent' }).first();
  await expect(sent).toContainText('6 B');
  await expect(sent.locator('pre')).toHaveText('hello!');
  const init = timeline(one, 1).getByRole('listitem').filter({ hasText: 'Received' });
  await expect(init).toHaveCount(1);
  await expect(init).toContainText('JSON');
  await expect(init.locator('pre')).toContainText('"type": "init",\n  "airport": "BCN"');
  await expect(init).toContainText(/\+\d+\.\d{3} s/);
  // Sent to session 1's connection only: session 2 has received nothing.
  await expect(timeline(two, 2).getByRole('listitem').filter({ hasText: 'Received' })).toHaveCount(0);

  // JSON that is broken is not sent, and the box says where.
  await button(two, 'JSON').click();
  await two.getByLabel('Message', { exact: true }).fill('{"action": "echo", "text": }');
  await button(two, 'Send').click();
  await expect(two.getByRole('alert')).toContainText('Not valid JSON at line 1, column 28: expected a value');
  await expect(two.getByRole('alert').locator('pre')).toHaveText(`{"action": "echo", "text": }\n${' '.repeat(27)}^`);
  await expect(timeline(two, 2).getByRole('listitem').filter({ hasText: 'Sent' })).toHaveCount(0);
  // Fixed, with markup in it: the echo route answers with the text, and both stay text.
  await two.getByLabel('Message', { exact: true }).fill(JSON.stringify({ action: 'echo', text: XSS }));
  await expect(two.getByRole('alert')).toHaveCount(0);
  await button(two, 'Send').click();
  const echoed = timeline(two, 2).getByRole('listitem').filter({ hasText: 'Received' });
  await expect(echoed.locator('pre')).toHaveText(XSS);
  await expect(timeline(two, 2).getByRole('listitem').filter({ hasText: 'Sent' }).locator('pre')).toContainText(`"text": "${XSS}"`);
  await expect(widget.locator('img')).toHaveCount(0);

  // A close code the page may not send is refused before anything is sent.
  await one.getByText('Close code and reason').click();
  await one.getByLabel('Close code (optional)').fill('1006');
  await button(one, 'Disconnect').click();
  await expect(one.getByRole('alert')).toContainText('A page may close with 1000 or a code from 3000 to 4999, not 1006');
  await expect(one.getByRole('status')).toHaveText(`Connected to ${api.url}.`);
  // Its own code and reason: in the timeline with what the code means, and in the status line.
  await one.getByLabel('Close code (optional)').fill('4001');
  await one.getByLabel('Close reason (optional)').fill('done for today');
  await expect(one.getByText('An application’s own code (4000–4999)')).toBeVisible();
  await button(one, 'Disconnect').click();
  await expect(one.getByRole('status')).toHaveText('Closed: 4001 “done for today”.');
  await expect(timeline(one, 1).getByRole('listitem').filter({ hasText: 'Close frame: 4001 “done for today”' })).toContainText('16 B');
  await expect(timeline(one, 1).getByRole('listitem').last()).toContainText(
    'Closed: 4001 “done for today”. An application’s own code (4000–4999): the application that sent it decides what it means.',
  );
  await expect(two.getByRole('status')).toHaveText(`Connected to ${api.url}.`);
  // What the lab report will say of each session, kept on this device: counts and times, no content.
  const records = JSON.parse((await page.evaluate(() => localStorage.getItem('labbook:websocket-sessions'))) ?? '[]');
  const at = expect.stringMatching(/^\d{4}-\d\d-\d\dT/);
  expect(records).toEqual([
    { url: api.url, startedAt: at, connectedAt: at, sent: 1, received: 1 },
    { url: api.url, startedAt: at, connectedAt: at, closedAt: at, sent: 1, received: 1, closeCode: 4001 },
  ]);

  // Axe, light theme and dark.
  expect(await seriousViolations(page, ['.lb-wsc'])).toEqual([]);
  await page.selectOption('starlight-theme-select select', 'dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await seriousViolations(page, ['.lb-wsc'])).toEqual([]);

  // Removing a session ends its connection.
  await button(two, 'Remove session 2').click();
  await expect(session(widget, 2)).toHaveCount(0);
});

test('on the AWS target the console connects to the wss:// invoke URL through labbook’s relay', async ({ page, request, pageErrors }) => {
  test.setTimeout(120_000);
  const sockets: string[] = [];
  page.on('websocket', (socket) => sockets.push(socket.url()));
  await page.goto('/task-8-2/');
  await useAwsThroughRelay(page, request);

  const widget = await hydrated(page, page.getByRole('region', { name: 'WebSocket console', exact: true }));
  const one = session(widget, 1);
  const awsUrl = `wss://${api.apiId}.execute-api.us-east-1.amazonaws.com/prod`;
  const relay = await (await request.get('/api/relay')).json();
  const relayed = `${relay.url.replace(/^http/, 'ws')}${api.apiId}.execute-api.us-east-1.amazonaws.com/prod`;
  await one.getByLabel('WebSocket URL').fill(awsUrl);
  await button(one, 'Connect').click();
  await expect(one.getByRole('status')).toHaveText(`Connected to ${awsUrl}.`);
  await expect(timeline(one, 1).getByRole('listitem').first()).toContainText(`Connecting to ${awsUrl} through labbook’s relay (${relayed})`);
  // The page's socket to this API went to labbook's relay (other widgets on the page may open their own).
  expect(sockets.filter((url) => url.includes(api.apiId))).toEqual([relayed]);

  await button(one, 'Send').click();
  await expect(timeline(one, 1).getByRole('listitem').filter({ hasText: 'Received' }).locator('pre')).toContainText('"type": "init"');
  await button(one, 'Disconnect').click();
  await expect(one.getByRole('status')).toHaveText('Closed: 1005.');

  // $connect refuses (403 through the relay): the page learns only that it failed, and the timeline says where to look.
  await one.getByLabel('WebSocket URL').fill(`${awsUrl}?refuse=1`);
  await button(one, 'Connect').click();
  await expect(one.getByRole('status')).toHaveText('Closed: 1006.');
  await expect(timeline(one, 1)).toContainText(
    'The connection could not be opened. Browsers do not tell a page why; wscat -c with the same URL shows the HTTP status.',
  );
  await expect(timeline(one, 1).getByRole('listitem').last()).toContainText('Closed without a closing handshake: 1006. Abnormal closure');
  // Chrome reports the refused handshake on the console itself: that one report is expected.
  const refused = (error: string) => /WebSocket connection to .*\/relay\/.*refuse=1.* failed.*403/.test(error);
  expect(pageErrors.filter(refused)).toHaveLength(1);
  pageErrors.splice(0, pageErrors.length, ...pageErrors.filter((error) => !refused(error)));
});

test('a message being written comes back after a reload', async ({ page }) => {
  const consoleWidget = () => hydrated(page, page.getByRole('region', { name: 'WebSocket console', exact: true }));
  await page.goto('/task-8-2/');
  await session(await consoleWidget(), 1)
    .getByLabel('Message', { exact: true })
    .fill('{"action": "echo", "text": "draft"}');
  await page.reload();
  await expect(session(await consoleWidget(), 1).getByLabel('Message', { exact: true })).toHaveValue('{"action": "echo", "text": "draft"}');
});

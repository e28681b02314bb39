// The Logs widget stays current: an invoke from the page shows up in it without Refresh,
// and Refresh shows the newest stream, not the one it showed before.
import { InvokeCommand, LambdaClient, UpdateFunctionConfigurationCommand, waitUntilFunctionUpdatedV2 } from '@aws-sdk/client-lambda';
import { expect, type Locator, type Page } from '@playwright/test';
import { deploy } from '../sandbox/lambda-helpers.ts';
import { button, test, widget } from './page-errors.ts';
import { removeFromSandbox, sandboxContext } from './sandbox-resources.ts';
import { useSandboxInPage } from './target-helpers.ts';

const FUNCTION = 'LogsFreshness';
/** Prints the event's text, so each invocation's log line is known. */
const PRINT_JS = 'exports.handler = async (event) => {\n  console.log(`said: ${event.text}`);\n  return event.text;\n};\n';

// Both tests use the one function, in order.
test.describe.configure({ mode: 'default' });

test.beforeAll(async ({ request }) => {
  const ctx = await sandboxContext(request);
  await removeFromSandbox(request, { functions: [FUNCTION] });
  await deploy(ctx.client(LambdaClient), ctx.account, {
    FunctionName: FUNCTION,
    Runtime: 'nodejs22.x',
    Handler: 'index.handler',
    files: { 'index.js': PRINT_JS },
  });
});

test.afterAll(async ({ request }) => {
  await removeFromSandbox(request, { functions: [FUNCTION] });
});

/** The widget catalogue's example widget, pointed at this spec's function as a student would. */
async function pointAt(page: Page, widgetKind: 'Invoke' | 'Logs of'): Promise<Locator> {
  const found = await widget(page, `${widgetKind} CatalogueHello`);
  await found.getByLabel('Function name').fill(FUNCTION);
  await found.getByLabel('Function name').press('Tab');
  return widget(page, `${widgetKind} ${FUNCTION}`);
}

test('an invoke from the page shows in the logs panel without Refresh', async ({ page }) => {
  await page.goto('/instructors/widgets/');
  await useSandboxInPage(page);
  const logs = await pointAt(page, 'Logs of');
  await expect(logs).toContainText('No logs yet');
  const invoke = await pointAt(page, 'Invoke');
  const events = logs.getByRole('region', { name: /^Events in / });
  for (const text of ['first', 'second']) {
    await invoke.getByLabel('Test event (JSON)').fill(JSON.stringify({ text }));
    await button(invoke, 'Invoke').click();
    await expect(invoke.locator('.lb-invoke__result')).toContainText(`said: ${text}`);
    await expect(events).toContainText(`said: ${text}`);
  }
});

test('Refresh shows the newest stream, even after another was shown', async ({ page, request }) => {
  const ctx = await sandboxContext(request);
  const lambda = ctx.client(LambdaClient);
  await lambda.send(new InvokeCommand({ FunctionName: FUNCTION, Payload: new TextEncoder().encode(JSON.stringify({ text: 'older' })) }));
  await page.goto('/instructors/widgets/');
  await useSandboxInPage(page);
  const logs = await pointAt(page, 'Logs of');
  const streams = logs.getByRole('group', { name: 'Log streams, newest first' }).getByRole('button');
  const shown = logs.getByRole('region', { name: /^Events in / });
  await expect(shown).toContainText('said: older');
  const olderStream = await streams.first().textContent();

  // A changed configuration starts a new execution environment, which writes a new stream.
  await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: FUNCTION, Description: 'a new environment' }));
  await waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 30 }, { FunctionName: FUNCTION });
  await lambda.send(new InvokeCommand({ FunctionName: FUNCTION, Payload: new TextEncoder().encode(JSON.stringify({ text: 'newer' })) }));

  await button(logs, 'Refresh').click();
  await expect(shown).toContainText('said: newer');
  await expect(streams.first()).toHaveAttribute('aria-pressed', 'true');
  await expect(streams.first()).not.toHaveText(olderStream!);
});

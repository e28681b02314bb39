import { expect, test } from '@playwright/test';
import { printedCode } from './site-pages.ts';

// The test server's sandbox listens on a port picked at start (SANDBOX_PORT=0), never the
// default 4510 the chapters are written with: a student who chose another port must be
// able to copy every command as printed. pages.spec.ts checks that no chapter prints 4510.

test('the CLI set-up and the producer name the sandbox the page is using, in the text and in what the copy buttons copy', async ({ page, request }) => {
  const { endpoint } = await (await request.get('/api/sandbox')).json();
  expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(endpoint).not.toBe('http://127.0.0.1:4510');
  await page.goto('/task-8-1/');
  await expect.poll(() => printedCode(page)).toContain(`AWS_ENDPOINT_URL=${endpoint}`);

  // Highlighting splits an address over several elements; it is rewritten whole.
  await page.goto('/task-8-2/');
  const producer = page.locator('.expressive-code', { hasText: 'producer.py' });
  await expect(producer.locator('code')).toContainText(`--endpoint-url ${endpoint} --batches 5`);
  await expect(producer.locator('button[data-code]')).toHaveAttribute('data-code', new RegExp(`--endpoint-url ${endpoint.replaceAll('.', '\\.')} --batches 5`));
});

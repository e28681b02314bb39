import { expect, test, type Page } from '@playwright/test';
import { chapterPaths } from './site-pages.ts';

// The test server's sandbox listens on a port picked at start (SANDBOX_PORT=0), never the
// default 4510 the chapters are written with: a student who chose another port must be
// able to copy every command as printed.

/** Every command a chapter prints: the code a student reads and what its copy button copies. */
async function printedCode(page: Page): Promise<string> {
  return page.evaluate(() => {
    const content = document.querySelector('.sl-markdown-content');
    if (!content) return '';
    const shown = [...content.querySelectorAll('code')].map((code) => code.textContent);
    const copied = [...content.querySelectorAll<HTMLElement>('[data-code]')].map((button) => button.dataset.code);
    return [...shown, ...copied].join('\n');
  });
}

test('every command a chapter prints names the sandbox the page is using, and its copy button copies that', async ({ page, request }) => {
  const { endpoint } = await (await request.get('/api/sandbox')).json();
  expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(endpoint).not.toBe('http://127.0.0.1:4510');
  const naming: string[] = [];
  for (const path of chapterPaths()) {
    await page.goto(path);
    await expect.poll(() => printedCode(page), { message: `${path} still prints the default port` }).not.toContain('127.0.0.1:4510');
    if ((await printedCode(page)).includes(endpoint)) naming.push(path);
  }
  // The chapters whose "Before you start" sets up the CLI for the sandbox.
  expect(naming).toEqual(expect.arrayContaining(['/task-8-1/', '/task-8-2/']));
});

test('a code block whose highlighting splits the address shows and copies the sandbox address', async ({ page, request }) => {
  const { endpoint } = await (await request.get('/api/sandbox')).json();
  await page.goto('/task-8-2/');
  const producer = page.locator('.expressive-code', { hasText: 'producer.py' });
  await expect(producer.locator('code')).toContainText(`--endpoint-url ${endpoint} --batches 5`);
  await expect(producer.locator('button[data-code]')).toHaveAttribute('data-code', new RegExp(`--endpoint-url ${endpoint.replaceAll('.', '\\.')} --batches 5`));
});

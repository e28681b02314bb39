import { expect, test } from '@playwright/test';
import { rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { TEST_TOKEN } from '../labbook-token.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const CHAPTER = resolve(ROOT, 'content/live-edit-check.mdx');

const chapter = (body: string) => `---\ntitle: Live edit check\n---\n\n${body}\n`;

// An instructor's loop: `npm run dev`, edit a chapter, see the page change without reloading by hand.
test('the dev server shows an edited chapter as soon as it is saved', async ({ page }) => {
  test.setTimeout(120_000);
  await writeFile(CHAPTER, chapter('The first version of this paragraph.'));
  process.env.SANDBOX_PORT = '0';
  process.env.LABBOOK_SANDBOX_IN_MEMORY = '1';
  process.env.LABBOOK_TOKEN = TEST_TOKEN;
  const { dev } = await import('astro');
  const server = await dev({ root: ROOT, server: { port: 0, host: '127.0.0.1' }, logLevel: 'error' });
  try {
    // The dev server is gated like `npm start`: its printed address signs the browser in.
    await page.goto(`http://127.0.0.1:${server.address.port}/live-edit-check/?token=${TEST_TOKEN}`);
    await expect(page.getByText('The first version of this paragraph.')).toBeVisible();
    await writeFile(CHAPTER, chapter('The second version, saved while the page is open.'));
    await expect(page.getByText('The second version, saved while the page is open.')).toBeVisible({ timeout: 30_000 });
  } finally {
    await server.stop();
    await rm(CHAPTER, { force: true });
  }
});

// An instructor's loop: `npm run dev`, edit a chapter, see the page change without reloading by
// hand. On a copy of the project with the site's own configuration and one chapter of its own,
// so that the chapter never appears among the real ones that other specs read from content/.
import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TEST_TOKEN } from '../labbook-token.ts';
import { ROOT, projectCopy, removeCopy } from '../unit/project-copy.ts';

/** Beside playwright.config.ts's two servers and the dev servers of dev-beside-build (+2) and dev-chapters (+3). */
const DEV_PORT = Number(process.env.LABBOOK_TEST_PORT ?? 4399) + 4;

const chapter = (body: string) => `---\ntitle: Live edit check\n---\n\n${body}\n`;

test('the dev server shows an edited chapter as soon as it is saved', async ({ page, request }) => {
  test.setTimeout(120_000);
  const root = await projectCopy(['src', 'lambda', 'public', 'tsconfig.json', 'package.json', 'astro.config.mjs']);
  await mkdir(join(root, 'content'));
  await writeFile(join(root, 'content/index.mdx'), '---\ntitle: Start here\n---\nHello.\n');
  const file = join(root, 'content/live-edit-check.mdx');
  await writeFile(file, chapter('The first version of this paragraph.'));
  // `npm run dev` in the copy: the chapters' files are read from the working folder.
  const server = spawn(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'dev', '--port', String(DEV_PORT), '--host', '127.0.0.1'], {
    cwd: root,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', SANDBOX_PORT: '0', LABBOOK_SANDBOX_IN_MEMORY: '1', LABBOOK_TOKEN: TEST_TOKEN },
    stdio: 'ignore',
  });
  try {
    const address = `http://127.0.0.1:${DEV_PORT}`;
    await expect(async () => expect((await request.get(`${address}/healthz`)).ok()).toBe(true)).toPass({ timeout: 60_000 });
    // The dev server is gated like `npm start`: its printed address signs the browser in.
    await page.goto(`${address}/live-edit-check/?token=${TEST_TOKEN}`);
    await expect(page.getByText('The first version of this paragraph.')).toBeVisible();
    await writeFile(file, chapter('The second version, saved while the page is open.'));
    await expect(page.getByText('The second version, saved while the page is open.')).toBeVisible({ timeout: 30_000 });
  } finally {
    server.kill();
    await removeCopy(root);
  }
});

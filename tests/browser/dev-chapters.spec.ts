// An instructor adding a chapter with `npm run dev` running: the new file appears in the
// sidebar where its frontmatter puts it, without a restart, and a mistake in its frontmatter
// shows in the browser (Astro's error overlay: the file, the field, what is wrong) instead of
// a plain 404 with the error only in the terminal, also when the mistake is there before the
// dev server starts (it used to stop the server). On a small copy of the project with the
// site's sidebar and authoring checks, so the dev server starts in seconds.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, open, rm, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { ROOT, projectCopy, removeCopy } from '../unit/project-copy.ts';

/** Beside the two `labbook start` servers of playwright.config.ts and dev-beside-build.spec.ts's dev server. */
const DEV_PORT = Number(process.env.LABBOOK_TEST_PORT ?? 4399) + 3;

const CONFIG = `import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { chapterSidebar } from './src/site/sidebar/plugin.ts';
import { authoringChecks } from './src/site/authoring/authoring-checks.ts';

export default defineConfig({
  vite: { server: { fs: { allow: [${JSON.stringify(ROOT)}] } } },
  integrations: [starlight({ title: 'labbook', plugins: [chapterSidebar(), authoringChecks()] })],
});
`;

/** `astro dev` in the copy, as an instructor runs `npm run dev` there (the chapters' files are read from the working folder). */
async function startDev(root: string, request: APIRequestContext) {
  const child = spawn(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'dev', '--port', String(DEV_PORT), '--host', '127.0.0.1'], {
    cwd: root,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: 'ignore',
  });
  // Listening is enough: while a chapter is wrong, pages answer with its error.
  try {
    await expect(async () => expect((await request.get(`http://127.0.0.1:${DEV_PORT}/`)).status()).toBeGreaterThan(0)).toPass({ timeout: 60_000 });
  } catch (error) {
    // A server that never started must not outlive the test (nor hold the copy or the port).
    child.kill();
    throw error;
  }
  return child;
}

const chapter = (frontmatter: string) => `---\n${frontmatter}\n---\nText.\n`;

/** Saves a file as many editors do: emptied first, its text written a moment later. */
async function saveInTwoSteps(file: string, text: string) {
  const handle = await open(file, 'w');
  try {
    await sleep(30);
    await handle.write(text);
  } finally {
    await handle.close();
  }
}

/** Asks for a page until the dev server answers it with Astro's error overlay, and returns the overlay. */
async function overlayOn(page: Page, address: string) {
  const overlay = page.locator('vite-error-overlay');
  await expect(async () => {
    await page.goto(address);
    await expect(overlay).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  return overlay;
}

test('a new chapter appears in the dev server’s sidebar, and one with a frontmatter mistake shows the error in the browser', async ({ page, request }) => {
  test.setTimeout(120_000);
  const root = await projectCopy(['src', 'lambda', 'public', 'tsconfig.json', 'package.json']);
  await writeFile(join(root, 'astro.config.mjs'), CONFIG);
  await mkdir(join(root, 'content'));
  await writeFile(join(root, 'content/index.mdx'), chapter('title: Start here\nsidebar:\n  order: 0'));
  await writeFile(join(root, 'content/lambda.mdx'), chapter('title: AWS Lambda\nsidebar:\n  order: 10\n  group: Concepts'));
  // Wrong before the server starts: it starts all the same and shows the mistake on every page.
  await writeFile(join(root, 'content/draft.mdx'), chapter('title: Draft\nsidebar:\n  group: 7'));
  let server: ChildProcess | undefined;
  try {
    server = await startDev(root, request);
    const url = (path: string) => `http://127.0.0.1:${DEV_PORT}${path}`;
    const startOverlay = await overlayOn(page, url('/lambda/'));
    await expect(startOverlay).toContainText('sidebar.group');
    await expect(startOverlay).toContainText('content/draft.mdx');

    // Fixed: the server was watching the file, and the chapter is there, as saved (the watcher
    // used to drop the second change of a two-step save, keeping the emptied file).
    await saveInTwoSteps(join(root, 'content/draft.mdx'), chapter('title: Draft\nsidebar:\n  order: 20'));
    const sidebar = page.locator('#starlight__sidebar');
    await expect(async () => {
      await page.goto(url('/lambda/'));
      await expect(sidebar.getByRole('link')).toHaveText(['Start here', 'AWS Lambda', 'Draft'], { timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    await rm(join(root, 'content/draft.mdx'));
    await expect(async () => {
      await page.goto(url('/lambda/'));
      await expect(sidebar.getByRole('link')).toHaveText(['Start here', 'AWS Lambda'], { timeout: 1000 });
    }).toPass({ timeout: 20_000 });

    await writeFile(join(root, 'content/dynamodb.mdx'), chapter('title: DynamoDB\nsidebar:\n  order: 11\n  group: Concepts'));
    // The dev server sees the file once its watcher reports it: ask again until then.
    await expect(async () => {
      await page.goto(url('/lambda/'));
      await expect(sidebar.getByRole('link')).toHaveText(['Start here', 'AWS Lambda', 'DynamoDB'], { timeout: 1000 });
    }).toPass({ timeout: 20_000 });

    await writeFile(join(root, 'content/broken.mdx'), chapter('title: Broken\nsidebar:\n  order: second'));
    const overlay = await overlayOn(page, url('/broken/'));
    await expect(overlay).toContainText('docs → broken data does not match collection schema');
    await expect(overlay).toContainText('sidebar.order');
    await expect(overlay).toContainText('content/broken.mdx');

    // Once the file is fixed (here: gone), the site is back.
    await rm(join(root, 'content/broken.mdx'));
    const response = await page.goto(url('/lambda/'));
    expect(response?.status()).toBe(200);
  } finally {
    server?.kill();
    await removeCopy(root);
  }
});

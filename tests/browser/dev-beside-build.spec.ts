// An instructor's loop: `npm run dev` open in the browser while `npm run build` checks the
// site. Both optimise the widgets' dependencies into a Vite cache; a build used to replace the
// dev server's, whose next answer was then 504 "Outdated Optimize Dep", leaving every widget on
// "Loading…" (src/site/integrations/dev-cache.ts). Reproduced on a one-chapter copy of the
// project with a real widget, so the build takes seconds, not the whole site's minute.
import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, projectCopy, removeCopy } from '../unit/project-copy.ts';

const ASTRO = join(ROOT, 'node_modules/astro/bin/astro.mjs');
/** Beside the two `labbook start` servers of playwright.config.ts (PORT, PORT + 1). */
const DEV_PORT = Number(process.env.LABBOOK_TEST_PORT ?? 4399) + 2;

const CONFIG = `import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import preact from '@astrojs/preact';
import { devCache } from './src/site/integrations/dev-cache.ts';
import { chapterResourcesImports } from './src/site/integrations/chapter-resources-import.ts';

// src/ is a link to the project's: the dev server may serve its files, which resolve outside the copy.
export default defineConfig({
  vite: { server: { fs: { allow: [${JSON.stringify(ROOT)}] } }, plugins: [chapterResourcesImports()] },
  integrations: [starlight({ title: 'labbook' }), preact(), devCache()],
});
`;

/** `astro build` in the copy, as an instructor runs `npm run build` beside `npm run dev`. */
function build(root: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [ASTRO, 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`astro build exited ${code}: ${stderr}`))));
  });
}

test('a build in the same folder leaves the dev server’s widgets working', async ({ page }) => {
  test.setTimeout(180_000);
  // The site itself gives the dev server the same cache of its own.
  expect(readFileSync(join(ROOT, 'astro.config.mjs'), 'utf8')).toContain('devCache()');
  const root = await projectCopy(['src', 'lambda', 'public', 'tsconfig.json', 'package.json']);
  await writeFile(join(root, 'astro.config.mjs'), CONFIG);
  await mkdir(join(root, 'content'));
  await writeFile(join(root, 'content/index.mdx'), "---\ntitle: Start here\n---\nimport { FunctionLogs } from '@widgets';\n\n<FunctionLogs />\n");
  const { dev } = await import('astro');
  const server = await dev({ root, server: { port: DEV_PORT, host: '127.0.0.1' }, logLevel: 'error' });
  try {
    const url = `http://127.0.0.1:${server.address.port}/`;
    // The page renders, but no browser asks for the island's code until after the build, so the dev
    // server reads it from its dependency cache then, where a build used to leave files of its own.
    expect((await page.request.get(url)).ok()).toBe(true);
    await build(root);
    await page.goto(url);
    const island = page.locator('astro-island[client="visible"]').first();
    await island.scrollIntoViewIfNeeded();
    // Astro marks an island `ssr` until its client code has loaded and hydrated it.
    await expect(island).not.toHaveAttribute('ssr', { timeout: 30_000 });
  } finally {
    await server.stop();
    await removeCopy(root);
  }
});

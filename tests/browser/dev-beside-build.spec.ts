import { expect, test, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TEST_TOKEN } from '../labbook-token.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const ASTRO = resolve(ROOT, 'node_modules/astro/bin/astro.mjs');
/** Beside the two `labbook start` servers of playwright.config.ts (PORT, PORT + 1). */
const DEV_PORT = Number(process.env.LABBOOK_TEST_PORT ?? 4399) + 2;

/** Astro marks an island `ssr` until its client code has loaded and hydrated it. */
async function expectIslandHydrated(page: Page, url: string) {
  await page.goto(url);
  const island = page.locator('astro-island[client="visible"]').first();
  await island.scrollIntoViewIfNeeded();
  await expect(island).not.toHaveAttribute('ssr', { timeout: 30_000 });
}

/** `astro build` in the same project, into a folder of its own so the site other specs serve from dist/ stays whole. */
function build(outDir: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [ASTRO, 'build', '--outDir', outDir], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`astro build exited ${code}: ${stderr}`))));
  });
}

// An instructor's loop: `npm run dev` open in the browser while `npm run build` checks the whole site.
test('a build in the same folder leaves the dev server’s widgets working', async ({ page }) => {
  test.setTimeout(300_000);
  process.env.SANDBOX_PORT = '0';
  process.env.LABBOOK_SANDBOX_IN_MEMORY = '1';
  process.env.LABBOOK_TOKEN = TEST_TOKEN;
  const { dev } = await import('astro');
  const server = await dev({ root: ROOT, server: { port: DEV_PORT, host: '127.0.0.1' }, logLevel: 'error' });
  const outDir = await mkdtemp(join(tmpdir(), 'labbook-build-'));
  try {
    const url = `http://127.0.0.1:${server.address.port}/clean-up/?token=${TEST_TOKEN}`;
    // The page renders, but no browser asks for the island's code until after the build, so the dev
    // server reads it from its dependency cache then, where a build used to leave files of its own.
    expect((await page.request.get(url)).ok()).toBe(true);
    await build(outDir);
    await expectIslandHydrated(page, url);
  } finally {
    await server.stop();
    await rm(outDir, { recursive: true, force: true });
  }
});

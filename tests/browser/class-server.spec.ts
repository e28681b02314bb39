// A class server (`labbook start --no-sandbox`) hosts no sandbox: the Target panel offers
// only the student's AWS account and says why. A server of this spec's own, on the built site.
import { chromium, expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { readConfig } from '../../src/config/read-config.ts';
import { hostingSettings } from '../../src/server/hosting.ts';
import { startServer, type RunningServer } from '../../src/server/server.ts';
import { signedInState, TEST_TOKEN } from '../labbook-token.ts';
import { chromiumLaunchOptions } from './chromium.ts';
import { expectReported, refusedWith, watchPageErrors } from './page-errors.ts';
import { openTargetPanel, targetIndicator } from './target-helpers.ts';

let server: RunningServer;

test.beforeAll(async () => {
  server = await startServer({ siteDir: resolve('dist'), port: 0, token: TEST_TOKEN, hosting: hostingSettings(readConfig({}), { noSandbox: true }) });
});

test.afterAll(async () => {
  await server?.close();
});

test('the Target panel offers only AWS, and says the class server hosts no sandbox', async () => {
  const baseURL = server.url.replace(/\/$/, '');
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await (await browser.newContext({ baseURL, storageState: signedInState(baseURL) })).newPage();
    const errors = watchPageErrors(page);
    await page.goto('/task-8-1/');
    await expect(targetIndicator(page)).toHaveAccessibleName(/AWS/);
    const panel = await openTargetPanel(page);
    await expect(panel.getByText(/This labbook server hosts no sandbox/)).toBeVisible();
    await expect(panel.getByRole('radio')).toHaveCount(0);
    await expect(panel.getByRole('button', { name: 'Use the sandbox' })).toHaveCount(0);
    await expect(panel.getByLabel('Paste your credentials')).toBeVisible();
    // The page asked for the sandbox and was told there is none.
    expectReported(errors, [refusedWith(404)]);
    expect(errors).toEqual([]);
  } finally {
    await browser.close();
  }
});

/** The processes a process started, from /proc (Linux, where the tests run). */
function childrenOf(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).flatMap((thread) =>
    readFileSync(`/proc/${pid}/task/${thread}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
  );
}

test('--processes 2 serves the site from two processes on one port, and stopping the server stops both', async () => {
  const server = spawn(process.execPath, ['bin/labbook.js', 'start', '--no-sandbox', '--processes', '2'], {
    env: { ...process.env, PORT: '0', LABBOOK_TOKEN: TEST_TOKEN },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    let printed = '';
    server.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    await expect.poll(() => printed, { timeout: 60_000 }).toContain('2 server processes share the ports.');
    const url = new URL(/labbook is running at (\S+)/.exec(printed)![1]);
    const workers = childrenOf(server.pid!);
    expect(workers).toHaveLength(2);
    // Connections are handed to the workers in turn; every one answers.
    for (let i = 0; i < 4; i++) expect((await fetch(new URL('/healthz', url))).status).toBe(200);
    server.kill('SIGTERM');
    await once(server, 'exit');
    for (const worker of workers) expect(() => readFileSync(`/proc/${worker}/stat`)).toThrow();
  } finally {
    server.kill('SIGKILL');
  }
});

// The WebSockets chapter's own exercise (the lab's "How to Test"): the chapter's echo server,
// run by the host's Python with Debian's websockets, and the page's console talking to it on
// ws://localhost:<port>. The site's Content-Security-Policy opens exactly ws:// to loopback
// names: a page script's plain-HTTP fetch to another local port is still refused.
import { expect, type Locator } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { button, expectReported, hydrated, test } from './page-errors.ts';
import { useSandboxInPage } from './target-helpers.ts';

let server: ChildProcess;
let port: number;

/** The chapter's server as its "out of date" aside says to run it on websockets 10.x (Debian's): `serve` from `websockets`, the path in `websocket.path`. */
async function chapterServer(listenPort: number): Promise<string> {
  const chapter = await readFile(new URL('../../content/websockets.mdx', import.meta.url), 'utf8');
  const code = /```python\n(import asyncio\nfrom websockets\.asyncio\.server import serve[\s\S]*?)```/.exec(chapter)![1];
  return code
    .replace('from websockets.asyncio.server import serve', 'from websockets import serve')
    .replace('websocket.request.path', 'websocket.path')
    .replaceAll('8765', String(listenPort));
}

test.beforeAll(async () => {
  port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as { port: number };
      probe.close(() => resolve(free));
    });
  });
  server = spawn('/usr/bin/python3', ['-u', '-c', await chapterServer(port)], { stdio: ['ignore', 'pipe', 'ignore'] });
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('listening on') && resolve());
    server.once('exit', (code) => reject(new Error(`the echo server exited with ${code}`)));
  });
});

test.afterAll(() => {
  server?.kill();
});

const session = (console: Locator, n: number) => console.getByRole('region', { name: `Session ${n}`, exact: true });
const timeline = (panel: Locator) => panel.getByRole('list', { name: /timeline$/ });

test('the console talks to the chapter’s echo server on ws://localhost, as the lab’s How to Test does', async ({ page }) => {
  await page.goto('/websockets/');
  await useSandboxInPage(page);
  const widget = await hydrated(page, page.getByRole('region', { name: 'WebSocket console', exact: true }));
  // Before the student has a WebSocket API, the console says so plainly and offers the local server.
  await expect(widget.getByRole('status').first()).toContainText('or connect to a server on this machine, such as ws://localhost:8765');
  await expect(widget.locator('.lb-lab__failure')).toHaveCount(0);

  const one = session(widget, 1);
  await one.getByLabel('WebSocket URL').fill(`ws://localhost:${port}`);
  await button(one, 'Connect').click();
  await expect(one.getByRole('status')).toHaveText(`Connected to ws://localhost:${port}.`);
  await expect(timeline(one)).toContainText('Hello, client!');
  await one.getByLabel('Message', { exact: true }).fill('Hello, server!');
  await button(one, 'Send').click();
  await expect(timeline(one)).toContainText('Echo: Hello, server!');
  await button(one, 'Disconnect').click();
  await expect(one.getByRole('status')).toHaveText(/^Closed/);
});

test('the policy opens ws:// to loopback, not plain HTTP to another local port', async ({ page, pageErrors }) => {
  await page.goto('/websockets/');
  const fetched = await page.evaluate(async (address) => {
    try {
      await fetch(address);
      return 'reached';
    } catch {
      return 'refused';
    }
  }, `http://127.0.0.1:${port}/`);
  expect(fetched).toBe('refused');
  // Chromium reports the refusal twice, once per wording; each is about this address and connect-src.
  expectReported(
    pageErrors,
    [/violates the following Content Security Policy directive: "connect-src/, /Refused to connect because it violates the document's Content Security Policy/],
    1,
  );
});

// The target follows the student: once they chose the sandbox on this device, a second
// tab (Task 8.2's map in another window) and a browser closed and opened again come back
// connected to the same sandbox without a click, each with keys of its own fetched
// through the site's access check; a widget with no target offers the one-click fix.
import { chromium, expect, test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer } from '../../src/server/server.ts';
import { TEST_TOKEN, tokenHeaders } from '../labbook-token.ts';
import { chromiumLaunchOptions } from './chromium.ts';
import { watchPageErrors } from './page-errors.ts';
import { openTargetPanel, sandboxInfo, targetIndicator, useAwsThroughRelay, useSandboxInPage } from './target-helpers.ts';

const connected = (account: string) => new RegExp(`Sandbox.*${account}.*credentials work`);

test('a second tab comes up connected to the sandbox the first one chose', async ({ page, request }) => {
  const { accountId } = await sandboxInfo(request);
  await page.goto('/task-8-2/');
  await useSandboxInPage(page);

  const second = await page.context().newPage();
  const errors = watchPageErrors(second);
  await second.goto('/task-8-2/');
  await expect(targetIndicator(second)).toHaveAccessibleName(connected(accountId));
  // Keys of its own: nothing was copied from the first tab's sessionStorage.
  const keyOf = (p: typeof page) => p.evaluate(() => JSON.parse(sessionStorage.getItem('labbook:target') ?? '{}').credentials?.accessKeyId as string);
  expect(await keyOf(second)).not.toBe(await keyOf(page));
  expect(errors).toEqual([]);
});

test('a second tab offers the first tab’s AWS session and takes its keys only when the student asks', async ({ page, request }) => {
  await page.goto('/task-8-2/');
  const issued = await useAwsThroughRelay(page, request);

  const second = await page.context().newPage();
  const errors = watchPageErrors(second);
  await second.goto('/task-8-2/');
  const panel = await openTargetPanel(second);
  const offer = panel.getByRole('group', { name: 'Another tab’s AWS session' });
  await expect(offer).toContainText(`Another labbook tab is signed in to AWS account ${issued.accountId} (us-east-1)`);
  // Offered, not taken: the second tab holds no keys until the student says so.
  const keyOf = (p: typeof page) =>
    p.evaluate(() => JSON.parse(sessionStorage.getItem('labbook:target') ?? '{}').credentials?.accessKeyId as string | undefined);
  expect(await keyOf(second)).toBeUndefined();

  await offer.getByRole('button', { name: 'Use that session' }).click();
  await expect(targetIndicator(second)).toHaveAccessibleName(new RegExp(`AWS.*${issued.accountId}.*credentials work`));
  await expect(offer).toHaveCount(0);
  // This tab only, as in the first: nothing went to the device's storage.
  expect(await keyOf(second)).toBe(issued.accessKeyId);
  expect(await second.evaluate(() => localStorage.getItem('labbook:target'))).toBeNull();
  expect(errors).toEqual([]);
});

test('a browser closed and opened again is still signed in and connected', async ({ request, baseURL }) => {
  const { accountId } = await sandboxInfo(request);
  const profile = await mkdtemp(join(tmpdir(), 'labbook-profile-'));
  const launch = () => chromium.launchPersistentContext(profile, { ...chromiumLaunchOptions(), baseURL });
  try {
    let browser = await launch();
    let page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(`/lambda/?token=${TEST_TOKEN}`);
    await useSandboxInPage(page);
    await browser.close();

    browser = await launch();
    page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto('/lambda/');
    await expect(targetIndicator(page)).toHaveAccessibleName(connected(accountId));
    await browser.close();
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
});

test('after the server restarts, a reopened browser comes back signed in and connected to the same sandbox', async () => {
  // A server of this test's own (the shared one cannot restart), on the built site, with its
  // sandbox's state on disk as `npm start` keeps it; the second start takes the first's port.
  const dataDir = await mkdtemp(join(tmpdir(), 'labbook-sandbox-'));
  const profile = await mkdtemp(join(tmpdir(), 'labbook-profile-'));
  const settings = { SANDBOX_PORT: '0', LABBOOK_SANDBOX_DATA: dataDir, LABBOOK_SANDBOX_IN_MEMORY: '0' };
  const before = Object.fromEntries(Object.keys(settings).map((name) => [name, process.env[name]]));
  Object.assign(process.env, settings);
  const start = (port: number) => startServer({ siteDir: resolve('dist'), port, token: TEST_TOKEN });
  const launch = (baseURL: string) => chromium.launchPersistentContext(profile, { ...chromiumLaunchOptions(), baseURL });
  let server = await start(0);
  try {
    const baseURL = server.url.replace(/\/$/, '');
    const accountId = ((await (await fetch(`${baseURL}/api/sandbox`, { headers: tokenHeaders() })).json()) as { accountId: string }).accountId;
    let browser = await launch(baseURL);
    let page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(`/task-8-2/?token=${TEST_TOKEN}`);
    await useSandboxInPage(page);
    await browser.close();

    await server.close();
    server = await start(Number(new URL(baseURL).port));
    browser = await launch(baseURL);
    page = browser.pages()[0] ?? (await browser.newPage());
    const errors = watchPageErrors(page);
    await page.goto('/task-8-2/');
    await expect(targetIndicator(page)).toHaveAccessibleName(connected(accountId));
    expect(errors).toEqual([]);
    await browser.close();
  } finally {
    await server.close();
    await rm(profile, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
    for (const [name, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
});

test('a widget with no target says so and fixes it in one click', async ({ page, request }) => {
  const { accountId } = await sandboxInfo(request);
  await page.goto('/task-8-1/');
  // Widgets hydrate when they come into view.
  const step = page.locator('section.lb-step').first();
  await step.scrollIntoViewIfNeeded();
  const notice = step.getByRole('note').filter({ hasText: 'not connected' });
  await expect(notice).toBeVisible();
  await notice.getByRole('button', { name: 'Use the sandbox' }).click();
  await expect(targetIndicator(page)).toHaveAccessibleName(connected(accountId));
  await expect(step.getByRole('note')).toHaveCount(0);
});

// Everything labbook keeps in the browser is listed in one place and erased from there: this
// tab's storage, the device's, and every other open labbook tab's.
import { expect, type Page } from '@playwright/test';
import { cell, setCode } from './code-cell.ts';
import { test } from './page-errors.ts';
import { openTargetPanel, targetIndicator, useSandboxInPage } from './target-helpers.ts';

const kept = (page: Page) =>
  page.evaluate(() =>
    [localStorage, sessionStorage].flatMap((storage) =>
      Array.from({ length: storage.length }, (_, i) => storage.key(i)!).filter((key) => key.startsWith('labbook:')),
    ),
  );

test('Erase lists what labbook keeps on this device and erases all of it, in every tab', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 4000 });
  await page.goto('/kwargs/');
  await useSandboxInPage(page);
  const twoWays = await cell(page, 'Two ways to pass the same arguments');
  await setCode(page, twoWays, 'print("mine")');
  await expect(twoWays.getByText('Edited · kept on this device')).toBeVisible();
  // Another tab, connected with credentials of its own in its own sessionStorage.
  const other = await page.context().newPage();
  await other.goto('/lambda/');
  await expect(targetIndicator(other)).toHaveAccessibleName(/Sandbox.*credentials work/);
  expect(await kept(other)).toContain('labbook:target');

  // Python, started as the page idled, kept its start-up copy in IndexedDB.
  const pythonCopies = (tab: Page) => tab.evaluate(async () => (await indexedDB.databases()).filter((database) => database.name === 'labbook-python').length);
  await expect.poll(() => pythonCopies(page), { timeout: 60_000 }).toBe(1);

  const panel = await openTargetPanel(page);
  await panel.getByText('Erase everything labbook keeps on this device').click();
  await expect(panel.getByRole('listitem')).toContainText([
    'Credentials and the choice of target (2 entries)',
    'Your code, settings and drafts in cells, steps and consoles (1 entry)',
    'A copy of Python’s start-up state, made again when needed (1 entry)',
  ]);
  const reloads = [page.waitForEvent('load'), other.waitForEvent('load')];
  await panel.getByRole('button', { name: 'Erase all of it' }).click();
  await Promise.all(reloads);

  for (const tab of [page, other]) {
    await expect(targetIndicator(tab)).toHaveAccessibleName(/not connected/);
    expect((await kept(tab)).filter((key) => /^labbook:(target|sandbox-chosen|cell:)/.test(key))).toEqual([]);
  }
  const reloaded = await cell(page, 'Two ways to pass the same arguments');
  await expect(reloaded.locator('.lb-cell__code')).toContainText('def greet(name, greeting="Hello"):');
  // Python starts again from the browser's HTTP cache: its kept copy went with the rest.
  await expect(reloaded).toHaveAttribute('data-python', 'ready', { timeout: 60_000 });
  await expect(reloaded).toHaveAttribute('data-python-snapshot', 'http-cache');
});

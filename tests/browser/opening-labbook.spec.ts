// Opening labbook as a student does the first time: the bare address explains itself, the
// printed address (with its token) signs the browser in, and the workbook then works,
// sandbox credentials included, with the token gone from the address bar and out of
// reach of every script.
import { expect, test } from '@playwright/test';
import { TEST_TOKEN } from '../labbook-token.ts';
import { watchPageErrors } from './page-errors.ts';
import { useSandboxInPage } from './target-helpers.ts';

// A browser that has never opened labbook.
test.use({ storageState: { cookies: [], origins: [] } });

test('the bare address says how to open labbook, the printed one opens it and the sandbox works', async ({ page }) => {
  await page.goto('/lambda/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Open labbook with the address it printed');
  await expect(page.getByText('.labbook/token')).toBeVisible();

  const errors = watchPageErrors(page);
  await page.goto(`/lambda/?token=${TEST_TOKEN}`);
  await expect(page).toHaveURL(/\/lambda\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Lambda/);
  // HttpOnly: the page's own scripts cannot read the session.
  expect(await page.evaluate(() => document.cookie)).not.toContain('labbook-session');
  await useSandboxInPage(page);

  // Signed in for good: another chapter opens without the token.
  await page.goto('/kwargs/');
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Open labbook with the address it printed');
  expect(errors).toEqual([]);
});

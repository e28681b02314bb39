// The checks every chapter gets: it renders without console errors and with commands that
// name the page's own sandbox, and has no serious accessibility violations, light or dark.
// `npm run test:chapter -- <slug>` runs them for that chapter alone.
import { expect, test } from '@playwright/test';
import { seriousViolations } from './accessibility.ts';
import { watchPageErrors } from './page-errors.ts';
import { chapterPaths, printedCode } from './site-pages.ts';
import { pathOfSlug } from '../../src/site/sidebar/chapter-sidebar.ts';

const only = process.env.TEST_CHAPTER;

for (const path of chapterPaths().filter((path) => only === undefined || path === pathOfSlug(only))) {
  // One visit per chapter: loading a page with its widgets costs more than the checks themselves.
  test(`${path} renders without console errors, names the page's own sandbox, and has no serious accessibility violations, light or dark`, async ({ page }) => {
    const errors = watchPageErrors(page);
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await expect(page.locator('main h1').first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
    // The test server's sandbox is never on the default port the chapters are written with (sandbox-address.spec.ts).
    await expect.poll(() => printedCode(page), { message: `${path} still prints the default port` }).not.toContain('127.0.0.1:4510');
    expect(await seriousViolations(page), 'light theme, desktop').toEqual([]);

    // Dark colours, and a phone's width where wide tables scroll sideways and must take focus.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(await seriousViolations(page), 'dark theme, phone').toEqual([]);
  });
}

// Shared by the widget specs: a test that fails on any console error, uncaught exception or
// dialog (CSP violations show up as console errors; an XSS payload that ran would open an
// alert), and a way to wait until a widget's island has hydrated.
import { test as base, expect, type Locator, type Page } from '@playwright/test';

/** Collects the page's console errors (with where they came from), uncaught exceptions and dialogs. */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('dialog', (dialog) => {
    errors.push(`a dialog opened: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return errors;
}

export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors = watchPageErrors(page);
      await use(errors);
      expect(errors).toEqual([]);
    },
    { auto: true },
  ],
});

/** Markup that opens an alert if a widget ever renders it as HTML instead of text. */
export const XSS = '<img src=x onerror=alert(1)>';

/** The browser's own report of a request answered with this status. */
export const refusedWith = (status: number) => new RegExp(`^Failed to load resource: the server responded with a status of ${status}`);

/**
 * Takes the reports a test causes on purpose (a request AWS refuses, a CORS refusal) out of
 * the page's errors: each pattern must match at least once, or exactly `times` when given.
 * Every other error still fails the test.
 */
export function expectReported(pageErrors: string[], patterns: RegExp[], times?: number): void {
  const expected = (error: string) => patterns.some((pattern) => pattern.test(error));
  for (const pattern of patterns) {
    const count = pageErrors.filter((error) => pattern.test(error)).length;
    if (times === undefined) expect(count, String(pattern)).toBeGreaterThan(0);
    else expect(count, String(pattern)).toBe(times);
  }
  pageErrors.splice(0, pageErrors.length, ...pageErrors.filter((error) => !expected(error)));
}

/**
 * Scrolls to a widget and waits for its island to hydrate, or for a plain-DOM widget's script
 * to mark it ready (data-lb-ready): before that its buttons do nothing.
 */
export async function hydrated(page: Page, widget: Locator): Promise<Locator> {
  await widget.scrollIntoViewIfNeeded();
  const island = page.locator('astro-island:not([ssr])').filter({ has: widget });
  await expect(island.or(widget.and(page.locator('[data-lb-ready]')))).toBeAttached();
  return widget;
}

/** A widget by its accessible name, scrolled to and hydrated. */
export const widget = (page: Page, name: string) => hydrated(page, page.getByRole('region', { name, exact: true }));

/** A button by its whole name, or by a pattern. */
export const button = (scope: Locator, name: string | RegExp) => scope.getByRole('button', { name, exact: typeof name === 'string' });

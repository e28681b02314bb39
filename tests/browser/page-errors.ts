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

/** Scrolls to a widget and waits for its island to hydrate (before that its buttons do nothing). */
export async function hydrated(page: Page, widget: Locator): Promise<Locator> {
  await widget.scrollIntoViewIfNeeded();
  await expect(page.locator('astro-island:not([ssr])').filter({ has: widget })).toBeAttached();
  return widget;
}

// A Python cell driven as a student would: found once hydrated, its code replaced by typing
// into the editor.
import { expect, type Locator, type Page } from '@playwright/test';
import { hydrated } from './page-errors.ts';

/** A cell, once its island has hydrated (before that its buttons do nothing). */
export function cell(page: Page, name: string): Promise<Locator> {
  return hydrated(page, page.getByRole('group', { name, exact: true }));
}

/**
 * Replaces the cell's code through the editor, as pasting it would: typed, each new line would
 * start at the indentation Monaco gives it, and a body of two lines or more would not run.
 */
export async function setCode(page: Page, target: Locator, code: string): Promise<void> {
  await target.locator('.lb-cell__code').click();
  const editor = target.locator('.monaco-editor');
  await expect(editor).toBeVisible();
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((text) => navigator.clipboard.writeText(text), code);
  await page.keyboard.press('ControlOrMeta+V');
  await expect(target.locator('.view-lines')).toContainText(code.split('\n')[0]);
}

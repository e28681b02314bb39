// The lab-from-empty specs play one student in one tab: the sandbox emptied first, then one
// page kept across the file's tests, its errors collected (each test then expects none).
import type { APIRequestContext, Browser, BrowserContext, Page } from '@playwright/test';
import { watchPageErrors } from '../page-errors.ts';
import { wipeSandbox } from '../sandbox-wipe.ts';

export async function studentTab(browser: Browser, request: APIRequestContext): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  await wipeSandbox(request);
  const context = await browser.newContext();
  const page = await context.newPage();
  return { context, page, errors: watchPageErrors(page) };
}

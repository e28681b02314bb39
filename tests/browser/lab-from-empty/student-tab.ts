// The lab-from-empty specs play one student in one tab: the sandbox emptied first, then one
// page kept across the file's tests, its errors collected and each test expecting none.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { watchPageErrors } from '../page-errors.ts';
import { wipeSandbox } from '../sandbox-wipe.ts';

/** Registers the file's hooks; `student.page` is the tab once the first test starts. */
export function oneStudentTab(): { readonly page: Page } {
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  test.beforeAll(async ({ browser, request }) => {
    await wipeSandbox(request);
    context = await browser.newContext();
    page = await context.newPage();
    errors = watchPageErrors(page);
  });
  test.afterEach(() => expect(errors).toEqual([]));
  test.afterAll(() => context.close());
  return {
    get page() {
      return page;
    },
  };
}

// The lab-from-empty specs play one student in one tab: the sandbox emptied first, then one
// page kept across the file's tests, its errors collected and each test expecting none.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { watchPageErrors } from '../page-errors.ts';
import { wipeSandbox } from '../sandbox-wipe.ts';
import { LAB_TIMINGS_SCALE } from './lab-timings.ts';

/**
 * At AWS's full delays and rates the widgets meet what students meet on AWS, and call again
 * while saying so: a new deployment or permission that takes seconds (settling-api.ts; Not
 * Found without CORS headers, 500, a refused WebSocket handshake), and API Gateway's control
 * plane throttling a burst of steps (429; calls.ts waits it out). The browser logs each refused
 * try. Only those reports, for an API's invoke address or the control plane, are taken out,
 * and only at full scale: at the suite's twentieth neither happens, and every error fails.
 */
const awsDelayNoise = (error: string) =>
  LAB_TIMINGS_SCALE >= 0.5 &&
  ((error.includes('/_api/') && /CORS policy|net::ERR_FAILED|status of (404|500)|WebSocket connection/.test(error)) ||
    (error.includes('/v2/apis') && error.includes('status of 429')));

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
  test.afterEach(() => expect(errors.filter((error) => !awsDelayNoise(error))).toEqual([]));
  test.afterAll(() => context.close());
  return {
    get page() {
      return page;
    },
  };
}

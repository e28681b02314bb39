// The JavaScript a browser transfers when it opens a page (no scrolling, no clicks), as
// served: compressed bytes and headers. Shared by `npm run budget` and the pages benchmark.
// Python's preload is not part of it when it starts after the page's load event, as a cell
// starts it once the page is idle; started any sooner, it counts (and the budget fails).
import type { Browser, Request } from '@playwright/test';
import { signedInState } from '../../tests/labbook-token.ts';

const PYTHON = /pyodide|python-worker/;

export interface PageScripts {
  path: string;
  /** Each script's path, as requested. */
  urls: string[];
  transferredBytes: number;
  /** Python's scripts, started after the load event and not counted above. */
  pythonAfterLoad: string[];
}

export async function scriptsOnLoad(baseUrl: string, path: string, browser: Browser, token: string): Promise<PageScripts> {
  // A context of its own, signed in to the site: nothing cached from an earlier page.
  const context = await browser.newContext({ storageState: signedInState(baseUrl, token) });
  const page = await context.newPage();
  const scripts: Request[] = [];
  page.on('requestfinished', (request) => {
    if (request.resourceType() === 'script' || request.url().endsWith('.js') || request.url().endsWith('.mjs')) {
      scripts.push(request);
    }
  });
  await page.goto(new URL(path, baseUrl).href, { waitUntil: 'networkidle' });
  const loadEnd = await page.evaluate(() => performance.timeOrigin + (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
  const afterLoad = (request: Request) => PYTHON.test(request.url()) && request.timing().startTime >= loadEnd;
  let transferredBytes = 0;
  for (const request of scripts.filter((r) => !afterLoad(r))) {
    const sizes = await request.sizes();
    transferredBytes += sizes.responseBodySize + sizes.responseHeadersSize;
  }
  await context.close();
  const paths = (requests: Request[]) => requests.map((r) => new URL(r.url()).pathname);
  return { path, urls: paths(scripts.filter((r) => !afterLoad(r))), transferredBytes, pythonAfterLoad: paths(scripts.filter(afterLoad)) };
}

// The JavaScript a browser transfers when it opens a page (no scrolling, no clicks), and
// what an editor brings when it opens, as served: compressed bytes and headers. Shared by
// `npm run budget` and the pages benchmark. Python's preload is not part of a page's load
// when it starts after the page's load event, as a cell starts it once the page is idle;
// started any sooner, it counts (and the budget fails).
import type { Browser, Page, Request } from '@playwright/test';
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

interface Measured {
  /** Counts only the scripts this brings once the page has opened. */
  act?: (page: Page) => Promise<void>;
  viewport?: { width: number; height: number };
}

/** Scripts requested while the page opens, or those `act` brings. A context of its own: nothing cached from an earlier page. */
async function scriptsTransferred(baseUrl: string, path: string, browser: Browser, token: string, { act, viewport }: Measured = {}): Promise<PageScripts> {
  const context = await browser.newContext({ storageState: signedInState(baseUrl, token), ...(viewport && { viewport }) });
  const page = await context.newPage();
  let scripts: Request[] = [];
  // A worker's script counts too: Monaco's editor worker comes with the editor.
  context.on('requestfinished', (request) => {
    if (request.resourceType() === 'script' || request.url().endsWith('.js') || request.url().endsWith('.mjs')) {
      scripts.push(request);
    }
  });
  await page.goto(new URL(path, baseUrl).href, { waitUntil: 'networkidle' });
  const loadEnd = await page.evaluate(() => performance.timeOrigin + (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
  const afterLoad = (request: Request) => PYTHON.test(request.url()) && request.timing().startTime >= loadEnd;
  if (act) {
    scripts = [];
    await act(page);
    await page.waitForLoadState('networkidle');
  }
  let transferredBytes = 0;
  for (const request of scripts.filter((r) => !afterLoad(r))) {
    const sizes = await request.sizes();
    transferredBytes += sizes.responseBodySize + sizes.responseHeadersSize;
  }
  await context.close();
  const paths = (requests: Request[]) => requests.map((r) => new URL(r.url()).pathname);
  return { path, urls: paths(scripts.filter((r) => !afterLoad(r))), transferredBytes, pythonAfterLoad: paths(scripts.filter(afterLoad)) };
}

export function scriptsOnLoad(baseUrl: string, path: string, browser: Browser, token: string): Promise<PageScripts> {
  return scriptsTransferred(baseUrl, path, browser, token);
}

/** What the editor may bring when it opens, as transferred (brotli): issue 13's budget. */
export const EDITOR_BUDGET_BYTES = 500_000;

/** The page where the editor is measured: its first Python cell. */
export const EDITOR_PAGE = '/kwargs/';

/**
 * What the code editor (Monaco, its styles and its worker) brings when the first Python
 * cell's code is focused. The window is tall enough to show the cell without scrolling,
 * so the cell's own island has loaded before and the editor only when asked for.
 */
export function scriptsWhenEditorOpens(baseUrl: string, browser: Browser, token: string): Promise<PageScripts> {
  return scriptsTransferred(baseUrl, EDITOR_PAGE, browser, token, {
    viewport: { width: 1280, height: 4000 },
    act: async (page) => {
      await page.locator('.lb-cell__code pre').first().focus();
      await page.locator('.monaco-editor').first().waitFor();
    },
  });
}

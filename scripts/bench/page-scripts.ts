// The JavaScript a browser transfers when it opens a page (no scrolling, no clicks), as
// served: compressed bytes and headers. Shared by `npm run budget` and the pages benchmark.
import type { Browser, Request } from '@playwright/test';
import { signedInState } from '../../tests/labbook-token.ts';

export interface PageScripts {
  path: string;
  /** Each script's path, as requested. */
  urls: string[];
  transferredBytes: number;
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
  let transferredBytes = 0;
  for (const request of scripts) {
    const sizes = await request.sizes();
    transferredBytes += sizes.responseBodySize + sizes.responseHeadersSize;
  }
  await context.close();
  return { path, urls: scripts.map((r) => new URL(r.url()).pathname), transferredBytes };
}

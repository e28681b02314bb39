// Prints, per page, the JavaScript a browser transfers on initial load (no scrolling,
// no clicks), and fails if Monaco or Pyodide is part of it: Monaco must load on demand,
// and Pyodide only on demand or preloaded after the page's load event (page-scripts.ts).
// Usage: npm run budget  (builds if needed, serves on a free port, drives Chromium)
import { chromium, type Browser } from '@playwright/test';
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ensureSiteBuilt } from '../src/server/site-build.ts';
import { startServer } from '../src/server/server.ts';
import { chapterPaths } from '../tests/browser/site-pages.ts';
import { chromiumLaunchOptions } from '../tests/browser/chromium.ts';
import { scriptsOnLoad } from './bench/page-scripts.ts';
import { TEST_TOKEN } from '../tests/labbook-token.ts';

const ROOT = resolve(import.meta.dirname, '..');
const ON_DEMAND_ONLY = /monaco|editor\.api|editor\.worker|pyodide|python-worker/i;

interface PageBudget {
  path: string;
  scripts: number;
  transferredBytes: number;
  onDemandLeaks: string[];
  pythonAfterLoad: string[];
}

async function measure(baseUrl: string, path: string, browser: Browser): Promise<PageBudget> {
  const { urls, transferredBytes, pythonAfterLoad } = await scriptsOnLoad(baseUrl, path, browser, TEST_TOKEN);
  return { path, scripts: urls.length, transferredBytes, onDemandLeaks: urls.filter((url) => ON_DEMAND_ONLY.test(url)), pythonAfterLoad };
}

const siteDir = await ensureSiteBuilt(ROOT);
const server = await startServer({ siteDir, port: 0, token: TEST_TOKEN });
const browser = await chromium.launch(chromiumLaunchOptions());
const results: PageBudget[] = [];
try {
  for (const path of chapterPaths()) results.push(await measure(server.url, path, browser));
} finally {
  await browser.close();
  await server.close();
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
console.log('page'.padEnd(22), 'scripts'.padStart(7), 'JS KiB'.padStart(8), ' Monaco/Pyodide');
for (const r of results) {
  console.log(
    r.path.padEnd(22),
    String(r.scripts).padStart(7),
    kb(r.transferredBytes).padStart(8),
    ' ',
    r.onDemandLeaks.length ? `LOADED: ${r.onDemandLeaks.join(', ')}` : r.pythonAfterLoad.length ? 'not loaded (Python preloaded after load)' : 'not loaded',
  );
}
await mkdir(resolve(ROOT, 'bench/results'), { recursive: true });
await writeFile(resolve(ROOT, 'bench/results/page-budget.json'), JSON.stringify(results, null, 2));
if (results.some((r) => r.onDemandLeaks.length > 0)) {
  console.error('Monaco or Pyodide is loaded on initial page load; they must load on demand.');
  process.exitCode = 1;
}

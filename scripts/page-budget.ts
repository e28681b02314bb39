// Prints, per page, the JavaScript a browser transfers on initial load (no scrolling, no
// clicks) beside a plain one-page Starlight site's (the pages benchmark's baseline), and
// what the code editor brings when it opens. Fails if a page loads more than 1.2× the
// baseline, if Monaco or Pyodide is part of a page's first load (Monaco loads on demand;
// Pyodide on demand or preloaded after the page's load event, page-scripts.ts), or if the
// editor comes to more than 500 KB.
// Usage: npm run budget  (builds if needed, serves on free ports, drives Chromium)
import { chromium } from '@playwright/test';
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ensureSiteBuilt } from '../src/server/site-build.ts';
import { startServer } from '../src/server/server.ts';
import { chapterPaths } from '../tests/browser/site-pages.ts';
import { chromiumLaunchOptions } from '../tests/browser/chromium.ts';
import { EDITOR_BUDGET_BYTES, EDITOR_PAGE, scriptsOnLoad, scriptsWhenEditorOpens } from './bench/page-scripts.ts';
import { buildPlainStarlight } from './bench/plain-starlight.ts';
import { TEST_TOKEN } from '../tests/labbook-token.ts';

const ROOT = resolve(import.meta.dirname, '..');
const ON_DEMAND_ONLY = /monaco|editor\.api|editor\.worker|pyodide|python-worker/i;
/** A page may load at most this times plain Starlight's JavaScript. */
const PAGE_RATIO_LIMIT = 1.2;

const siteDir = await ensureSiteBuilt(ROOT);
const plainDir = await buildPlainStarlight(console.log);
// The servers' own sandboxes play no part here: any free port, nothing on disk.
process.env.SANDBOX_PORT = '0';
process.env.LABBOOK_SANDBOX_IN_MEMORY = '1';
const server = await startServer({ siteDir, port: 0, token: TEST_TOKEN });
const plain = await startServer({ siteDir: plainDir, port: 0, token: TEST_TOKEN });
const browser = await chromium.launch(chromiumLaunchOptions());
let baseline, pages, editor;
try {
  baseline = await scriptsOnLoad(plain.url, '/', browser, TEST_TOKEN);
  pages = [];
  for (const path of chapterPaths()) pages.push(await scriptsOnLoad(server.url, path, browser, TEST_TOKEN));
  editor = await scriptsWhenEditorOpens(server.url, browser, TEST_TOKEN);
} finally {
  await browser.close();
  await Promise.all([server.close(), plain.close()]);
}

const kib = (bytes: number) => (bytes / 1024).toFixed(1);
const results = pages.map((page) => ({
  ...page,
  ratio: page.transferredBytes / baseline.transferredBytes,
  onDemandLeaks: page.urls.filter((url) => ON_DEMAND_ONLY.test(url)),
}));
console.log(`plain Starlight: ${baseline.urls.length} scripts, ${kib(baseline.transferredBytes)} KiB; a page may load ${PAGE_RATIO_LIMIT}× that`);
console.log('page'.padEnd(22), 'scripts'.padStart(7), 'JS KiB'.padStart(8), 'ratio'.padStart(6), ' Monaco/Pyodide');
for (const r of results) {
  console.log(
    r.path.padEnd(22),
    String(r.urls.length).padStart(7),
    kib(r.transferredBytes).padStart(8),
    `${r.ratio.toFixed(2)}×`.padStart(6),
    ' ',
    r.onDemandLeaks.length ? `LOADED: ${r.onDemandLeaks.join(', ')}` : r.pythonAfterLoad.length ? 'not loaded (Python preloaded after load)' : 'not loaded',
  );
}
console.log(
  `editor on open (${EDITOR_PAGE}): ${editor.urls.length} scripts, ${(editor.transferredBytes / 1000).toFixed(0)} KB (limit ${EDITOR_BUDGET_BYTES / 1000} KB)`,
);
await mkdir(resolve(ROOT, 'bench/results'), { recursive: true });
await writeFile(resolve(ROOT, 'bench/results/page-budget.json'), JSON.stringify({ baseline, pages: results, editor }, null, 2));

const failures = [
  ...results.filter((r) => r.onDemandLeaks.length > 0).map((r) => `${r.path} loads Monaco or Pyodide on open; they must load on demand.`),
  ...results
    .filter((r) => r.ratio > PAGE_RATIO_LIMIT)
    .map((r) => `${r.path} loads ${r.ratio.toFixed(2)}× plain Starlight's JavaScript; the limit is ${PAGE_RATIO_LIMIT}×.`),
  ...(editor.transferredBytes > EDITOR_BUDGET_BYTES
    ? [`The editor brings ${(editor.transferredBytes / 1000).toFixed(0)} KB when it opens; the limit is ${EDITOR_BUDGET_BYTES / 1000} KB.`]
    : []),
];
for (const failure of failures) console.error(failure);
if (failures.length > 0) process.exitCode = 1;

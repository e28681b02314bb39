// JavaScript transferred on initial load, per chapter, beside a plain Starlight page with
// no widgets: both built by the repository's Astro and Starlight, precompressed, served
// by labbook's own server and opened in a fresh Chromium context. And what the code editor
// brings when it opens, beside its budget (issue 13: 500 KB).
import { chromium } from '@playwright/test';
import { resolve } from 'node:path';
import { ensureSiteBuilt } from '../../src/server/site-build.ts';
import { startServer } from '../../src/server/server.ts';
import { chromiumLaunchOptions } from '../../tests/browser/chromium.ts';
import { chapterPaths } from '../../tests/browser/site-pages.ts';
import { TEST_TOKEN } from '../../tests/labbook-token.ts';
import type { BenchContext } from './context.ts';
import { EDITOR_BUDGET_BYTES, EDITOR_PAGE, scriptsOnLoad, scriptsWhenEditorOpens } from './page-scripts.ts';
import { buildPlainStarlight } from './plain-starlight.ts';
import { row, type AreaResult } from './report.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const LABBOOK_PORT = 4473;
const PLAIN_PORT = 4474;

export async function pagesArea(ctx: BenchContext): Promise<AreaResult> {
  const siteDir = await ensureSiteBuilt(ROOT, (line) => ctx.log(line));
  const plainDir = await buildPlainStarlight((line) => ctx.log(line));
  // The servers' own sandboxes play no part here: any free port, nothing on disk.
  process.env.SANDBOX_PORT = '0';
  process.env.LABBOOK_SANDBOX_IN_MEMORY = '1';
  const labbook = await startServer({ siteDir, port: LABBOOK_PORT, token: TEST_TOKEN });
  const plain = await startServer({ siteDir: plainDir, port: PLAIN_PORT, token: TEST_TOKEN });
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const baseline = await scriptsOnLoad(plain.url, '/', browser, TEST_TOKEN);
    const pages = [];
    for (const path of chapterPaths()) pages.push(await scriptsOnLoad(labbook.url, path, browser, TEST_TOKEN));
    const editor = await scriptsWhenEditorOpens(labbook.url, browser, TEST_TOKEN);
    const kib = (bytes: number) => ({ value: bytes / 1024, unit: 'KiB' });
    const kb = (bytes: number) => ({ value: bytes / 1000, unit: 'KB' });
    return {
      rows: [
        ...pages.map((page) => row('Pages', `JS on initial load, ${page.path}`, kib(page.transferredBytes), kib(baseline.transferredBytes))),
        row('Pages', `editor on open (Monaco, brotli), ${EDITOR_PAGE}, vs its budget`, kb(editor.transferredBytes), kb(EDITOR_BUDGET_BYTES)),
      ],
      details: {
        baseline: 'the one MDX page of a Starlight site with no widgets (bench/.plain-starlight), same Astro and Starlight, precompressed, served by labbook\'s server',
        measured: 'bytes of every script response (compressed body + headers) until network idle, but for Python preloaded after the load event; fresh browser context per page',
        editorBaseline: 'the editor\'s budget, 500 KB as transferred (issue 13), not a measurement',
        plainStarlight: baseline,
        pages,
        editor,
      },
    };
  } finally {
    await browser.close();
    await Promise.all([labbook.close(), plain.close()]);
  }
}

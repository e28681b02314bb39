// A Python cell's Run, timed in Chromium on the benchmarked server, as a student who clicks
// Run as soon as the cell works: the first Run on a fresh browser profile (Pyodide and
// Python's memory snapshot downloaded; the cell started loading them once the page was idle),
// the runs after it, and the first Run on a second chapter in the same tab (from the
// browser's cache), each including whatever wait for Python is left after the page opens.
// The baseline is the same code run by the host's python3, from process start to exit.
import { chromium, type Locator, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromiumLaunchOptions } from '../../tests/browser/chromium.ts';
import { signedInState } from '../../tests/labbook-token.ts';
import type { BenchContext } from './context.ts';
import { ms, row, type AreaResult } from './report.ts';
import { summary, time } from './stats.ts';

const FIRST_PAGE = { path: '/kwargs/', cell: 'Two ways to pass the same arguments' };
// The pages the issue measured on: a student going from one chapter to the next in one tab.
const SECOND_PAGE = { path: '/lambda/', cell: 'A handler is just a function' };
const FINISHED = 'Finished without errors.';
const run = promisify(execFile);

/** Clicks Run and resolves with the milliseconds until the status says the run finished. */
function timeRun(runButton: Locator): Promise<number> {
  return runButton.evaluate((button, finished) => (window as unknown as BenchWindow).timeRun(button as HTMLButtonElement, finished), FINISHED);
}

interface BenchWindow {
  timeRun(button: HTMLButtonElement, finished: string): Promise<number>;
}

/** In every page: clicks a Run button and times it until its cell's status says the run finished. */
function defineTimeRun(): void {
  (window as unknown as BenchWindow).timeRun = (button, finished) =>
    new Promise<number>((resolve, reject) => {
      const status = button.closest('[role="group"]')!.querySelector('[role="status"]')!;
      // A later run starts from the last run's "finished": wait for the status to leave it first.
      let leftLastEnding = status.textContent !== finished;
      const timer = setTimeout(() => reject(new Error(`no "${finished}" within 120 s; status: ${status.textContent}`)), 120_000);
      const started = performance.now();
      const observer = new MutationObserver(() => {
        if (status.textContent !== finished) leftLastEnding = true;
        else if (leftLastEnding) {
          observer.disconnect();
          clearTimeout(timer);
          resolve(performance.now() - started);
        }
      });
      observer.observe(status, { childList: true, characterData: true, subtree: true });
      button.click();
    });
}

/**
 * Opens the page and, from inside it, scrolls to the cell and clicks Run the moment its
 * island has hydrated (its Run button works), as a student who clicks at once; resolves with
 * that first Run's milliseconds. Clicking from the page keeps Playwright's polling out of it.
 */
async function openAndRunAtOnce(page: Page, siteUrl: string, where: { path: string; cell: string }) {
  await page.goto(new URL(where.path, siteUrl).href, { waitUntil: 'commit' });
  const runMs = await page.evaluate(
    ({ cell, finished }) =>
      new Promise<number>((resolve, reject) => {
        const find = () => document.querySelector<HTMLElement>(`[role="group"][aria-label="${cell}"]`);
        const hydratedRun = () => find()?.closest('astro-island:not([ssr])') && find()!.querySelector<HTMLButtonElement>('.lb-cell__run');
        const observer = new MutationObserver(() => {
          find()?.scrollIntoView({ block: 'center' });
          const run = hydratedRun();
          if (!run) return;
          observer.disconnect();
          (window as unknown as BenchWindow).timeRun(run, finished).then(resolve, reject);
        });
        observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['ssr'] });
      }),
    { cell: where.cell, finished: FINISHED },
  );
  const cell = page.getByRole('group', { name: where.cell, exact: true });
  return { cell, runMs, runButton: cell.getByRole('button', { name: 'Run', exact: true }) };
}

/** Each cell's original code, from the pages as served (no script runs, so nothing is loaded or cached). */
async function cellCode(siteUrl: string, token: string, cells: { path: string; cell: string }[]): Promise<string[]> {
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, storageState: signedInState(siteUrl, token) });
    const page = await context.newPage();
    const codes = [];
    for (const where of cells) {
      await page.goto(new URL(where.path, siteUrl).href);
      codes.push(await page.getByRole('group', { name: where.cell, exact: true }).locator('.lb-cell__code pre').innerText());
    }
    return codes;
  } finally {
    await browser.close();
  }
}

/** Notes, in each page, the milliseconds from its opening until a cell said Python is loading, and ready. */
function notePythonState(): void {
  new MutationObserver((records) => {
    for (const record of records) {
      const state = (record.target as HTMLElement).dataset.python;
      const name = `data-bench-python-${state}`;
      if (!document.documentElement.hasAttribute(name)) document.documentElement.setAttribute(name, String(performance.now()));
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-python'] });
}

/** When Python started loading and was ready, in milliseconds after the page opened. */
async function pythonTimes(page: Page) {
  const html = page.locator('html');
  return {
    loadingFromMs: Number(await html.getAttribute('data-bench-python-loading')),
    readyAtMs: Number(await html.getAttribute('data-bench-python-ready')),
  };
}

export async function pythonCellArea(ctx: BenchContext): Promise<AreaResult> {
  const laterRuns = ctx.quick ? 3 : 10;
  const server = await ctx.server();
  const [firstCode, secondCode] = await cellCode(server.siteUrl, server.token, [FIRST_PAGE, SECOND_PAGE]);
  // A real profile on disk, as a student's browser has: its HTTP cache is what the second page reads.
  const profile = await mkdtemp(join(tmpdir(), 'labbook-bench-profile-'));
  // A laptop's window: both cells are below the fold, so the student scrolls to each (and the editor loads too).
  const context = await chromium.launchPersistentContext(profile, { ...chromiumLaunchOptions(), viewport: { width: 1280, height: 720 } });
  try {
    await context.addCookies(signedInState(server.siteUrl, server.token).cookies);
    await context.addInitScript(notePythonState);
    await context.addInitScript(defineTimeRun);
    const page = context.pages()[0] ?? (await context.newPage());

    ctx.log(`first page ${FIRST_PAGE.path}: first run, then ${laterRuns} more`);
    const first = await openAndRunAtOnce(page, server.siteUrl, FIRST_PAGE);
    const firstPython = await pythonTimes(page);
    const later: number[] = [];
    for (let i = 0; i < laterRuns; i++) later.push(await timeRun(first.runButton));
    const firstStdout = await first.cell.locator('[data-stream="stdout"]').innerText();

    ctx.log(`second page ${SECOND_PAGE.path}, same tab: first run`);
    const second = await openAndRunAtOnce(page, server.siteUrl, SECOND_PAGE);
    const secondPython = await pythonTimes(page);
    const secondSnapshot = await second.cell.getAttribute('data-python-snapshot');
    if (secondSnapshot !== 'stored' && secondSnapshot !== 'http-cache') throw new Error(`the second page's Python snapshot did not come from the browser (${secondSnapshot})`);
    const secondStdout = await second.cell.locator('[data-stream="stdout"]').innerText();

    // The real executable, not a version manager's shim script in front of it.
    const python = (await run('python3', ['-c', 'import sys; print(sys.executable); print(sys.version.split()[0])'])).stdout.trim().split('\n');
    const host = async (code: string, cellStdout: string) => {
      let hostStdout = '';
      const runs: number[] = [];
      for (let i = 0; i < laterRuns; i++) runs.push(await time(async () => (hostStdout = (await run(python[0], ['-c', code])).stdout)));
      if (hostStdout.trim() !== cellStdout.trim()) throw new Error(`python3 printed ${JSON.stringify(hostStdout)}, the cell ${JSON.stringify(cellStdout)}`);
      return summary(runs);
    };
    const firstHost = await host(firstCode, firstStdout);
    const secondHost = await host(secondCode, secondStdout);
    const laterSummary = summary(later);
    return {
      rows: [
        row('Python cell', `first Run, fresh browser profile (${FIRST_PAGE.path})`, ms(first.runMs), ms(firstHost.p50)),
        row('Python cell', 'later Runs, median', ms(laterSummary.p50), ms(firstHost.p50)),
        row('Python cell', `first Run, second page in the same tab (${SECOND_PAGE.path})`, ms(second.runMs), ms(secondHost.p50)),
      ],
      details: {
        baseline: `each cell's code run by the host's python3 (${python[0]}, Python ${python[1]}): process start to exit, median of ${laterRuns}`,
        measured:
          'Chromium with a new profile on disk, one tab: each page opened, Run clicked as soon as the cell hydrated, timed until the status says ' +
          `"${FINISHED}"; Python starts loading once the page is idle, so a first Run includes what is left of that wait`,
        firstPage: { ...FIRST_PAGE, firstRunMs: first.runMs, python: firstPython, laterRunsMs: laterSummary, hostPython3Ms: firstHost },
        secondPage: { ...SECOND_PAGE, firstRunMs: second.runMs, python: secondPython, snapshot: secondSnapshot, hostPython3Ms: secondHost },
      },
    };
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}

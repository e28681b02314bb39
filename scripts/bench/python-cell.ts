// A Python cell's Run, timed in Chromium on the benchmarked server: the first run in a
// fresh browser context (Pyodide downloaded, compiled and started) and the runs after it.
// The baseline is the same code run by the host's python3, from process start to exit.
import { chromium, type Locator } from '@playwright/test';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { chromiumLaunchOptions } from '../../tests/browser/chromium.ts';
import { signedInState } from '../../tests/labbook-token.ts';
import type { BenchContext } from './context.ts';
import { ms, row, type AreaResult } from './report.ts';
import { summary, time } from './stats.ts';

const CATALOGUE = '/instructors/widgets/';
const CELL = 'Keyword arguments arrive as a dict';
const FINISHED = 'Finished without errors.';
const run = promisify(execFile);

/** Clicks Run and resolves with the milliseconds until the status says the run finished. */
function timeRun(runButton: Locator): Promise<number> {
  return runButton.evaluate(
    (button, finished) =>
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
        (button as HTMLButtonElement).click();
      }),
    FINISHED,
  );
}

export async function pythonCellArea(ctx: BenchContext): Promise<AreaResult> {
  const laterRuns = ctx.quick ? 3 : 10;
  const server = await ctx.server();
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 2000 }, storageState: signedInState(server.siteUrl, server.token) });
    const page = await context.newPage();
    await page.goto(new URL(CATALOGUE, server.siteUrl).href);
    const cell = page.getByRole('group', { name: CELL, exact: true });
    // Read before scrolling: with the cell in view after a scroll, the editor replaces the plain code.
    const code = await cell.locator('.lb-cell__code pre').innerText();
    await cell.scrollIntoViewIfNeeded();
    await page.locator('astro-island:not([ssr])').filter({ has: cell }).waitFor({ state: 'attached' });
    // The editor has loaded by the time a student has read the cell: the first Run times Python alone.
    await cell.locator('.monaco-editor').waitFor({ timeout: 60_000 });
    const runButton = cell.getByRole('button', { name: 'Run', exact: true });

    ctx.log(`first run, then ${laterRuns} more`);
    const first = await timeRun(runButton);
    const later: number[] = [];
    for (let i = 0; i < laterRuns; i++) later.push(await timeRun(runButton));
    const cellStdout = await cell.locator('[data-stream="stdout"]').innerText();
    await context.close();

    // The real executable, not a version manager's shim script in front of it.
    const python = (await run('python3', ['-c', 'import sys; print(sys.executable); print(sys.version.split()[0])'])).stdout.trim().split('\n');
    let hostStdout = '';
    const host: number[] = [];
    for (let i = 0; i < laterRuns; i++) host.push(await time(async () => (hostStdout = (await run(python[0], ['-c', code])).stdout)));
    if (hostStdout.trim() !== cellStdout.trim()) throw new Error(`python3 printed ${JSON.stringify(hostStdout)}, the cell ${JSON.stringify(cellStdout)}`);

    const hostRuns = summary(host);
    const laterSummary = summary(later);
    return {
      rows: [
        row('Python cell', 'first Run, Pyodide cold (fresh browser context)', ms(first), ms(hostRuns.p50)),
        row('Python cell', 'later Runs, median', ms(laterSummary.p50), ms(hostRuns.p50)),
      ],
      details: {
        baseline: `the cell's code run by the host's python3 (${python[0]}, Python ${python[1]}): process start to exit, median of ${laterRuns}`,
        measured: `Chromium, the catalogue's "${CELL}" cell: from clicking Run until the status says "${FINISHED}"`,
        firstRunMs: first,
        laterRunsMs: laterSummary,
        hostPython3Ms: hostRuns,
        output: cellStdout,
      },
    };
  } finally {
    await browser.close();
  }
}

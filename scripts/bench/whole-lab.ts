// The whole lab as a student does it in the page, from an empty sandbox: Task 8.1 and Task 8.2
// through the widgets, aircraft reaching the map, and teardown. It is the browser suite's own
// walk-through (tests/browser/lab-from-empty/full-lab.spec.ts), run by Playwright with a
// server of its own. The baseline, in the same run: every step of the lab and then teardown,
// run by labbook's step runner in Node on a new sandbox — the same work without a page.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { STEPS } from '../../src/steps/catalogue.ts';
import type { RecordedCall } from '../../src/steps/model.ts';
import { madeRecords, runStep } from '../../src/steps/runner.ts';
import { findLeftovers, tearDown } from '../../src/steps/teardown.ts';
import type { BenchContext } from './context.ts';
import { onFreshSandbox, stepContext } from './provisioning.ts';
import { ms, row, type AreaResult } from './report.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SPEC = 'tests/browser/lab-from-empty/full-lab.spec.ts';
const PORT = 4475;

interface PlaywrightJson {
  suites: Array<{ specs: Array<{ title: string; tests: Array<{ results: Array<{ duration: number; status: string }> }> }> }>;
}

/** The walk-through's tests in order, each with its duration and status; `env` adds to the Playwright run's environment. */
export async function walkThroughInPage(port = PORT, env: Record<string, string> = {}): Promise<Array<{ title: string; ms: number; status: string }>> {
  const args = ['playwright', 'test', SPEC, '--project', 'lab-from-empty', '--reporter=json'];
  const { stdout } = await promisify(execFile)('npx', args, {
    cwd: ROOT,
    env: { ...process.env, LABBOOK_TEST_PORT: String(port), ...env },
    maxBuffer: 64 * 2 ** 20,
  }).catch((error: { stdout?: string; message: string }) => {
    if (!error.stdout) throw error;
    return { stdout: error.stdout };
  });
  const report = JSON.parse(stdout) as PlaywrightJson;
  return report.suites.flatMap((suite) =>
    suite.specs.map((spec) => ({ title: spec.title, ms: spec.tests[0].results[0].duration, status: spec.tests[0].results[0].status })),
  );
}

/** Every step of the lab in the catalogue's order, then teardown of what they made. */
async function walkThroughInNode() {
  return onFreshSandbox(async (sandbox) => {
    const calls: RecordedCall[] = [];
    const context = stepContext(sandbox, calls);
    const records = madeRecords(undefined);
    for (const step of STEPS) {
      const result = await runStep(step, context, step.defaults(context), records);
      const failed = result.findings.filter((finding) => !finding.ok);
      if (failed.length > 0) throw new Error(`${step.id}: ${failed.map((finding) => `${finding.label}: ${finding.detail}`).join('; ')}`);
    }
    const states = await tearDown(context, await findLeftovers(context, records), records);
    const notGone = [...states].filter(([, state]) => state.state !== 'gone');
    if (notGone.length > 0) throw new Error(`teardown left ${notGone.map(([id]) => id).join(', ')}`);
    return { steps: STEPS.length, sdkCalls: calls.length };
  });
}

export async function wholeLabArea(ctx: BenchContext): Promise<AreaResult> {
  ctx.log(`the page: ${SPEC} (its own server on ${PORT})`);
  const tests = await walkThroughInPage();
  const failed = tests.filter((test) => test.status !== 'passed');
  if (failed.length > 0) throw new Error(`the walk-through failed: ${failed.map((test) => test.title).join('; ')}`);
  ctx.log(`in Node: ${STEPS.length} steps and teardown`);
  const node = await walkThroughInNode();
  const pageMs = tests.reduce((total, test) => total + test.ms, 0);
  return {
    rows: [row('Whole lab', `Task 8.1, Task 8.2, the map and teardown in the page vs the same ${node.result.steps} steps and teardown in Node`, ms(pageMs), ms(node.wallMs))],
    details: {
      baseline: 'every step of the lab (the catalogue, in order) with its defaults, then teardown, run by the step runner in Node on a new in-memory sandbox',
      inPage: tests,
      inNode: { wallMs: node.wallMs, sdkCalls: node.result.sdkCalls, made: node.made },
    },
  };
}

// The lab's wall time at AWS's full delays (`--timings aws`, scale 1, the seed the browser
// suite uses): in the page, the browser suite's walk-through (Task 8.1, Task 8.2, aircraft
// on the map, teardown) on a server of its own; on the CLI path, every step's CLI text in the
// lab's order, as a student pastes it into bash, run with the AWS CLI v2 against a new
// sandbox with the same timings. Each path waits as long as AWS would make it wait, so the
// figures are what a student's lab takes, not what labbook costs. Needs the `?raw` hook.
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { STEPS } from '../../src/steps/catalogue.ts';
import { renderScript } from '../../src/steps/shells.ts';
import type { BenchContext } from './context.ts';
import { ms, row, type AreaResult } from './report.ts';
import { freshSandbox, type SandboxAccess } from './sandbox-access.ts';
import { time } from './stats.ts';
import { walkThroughInPage } from './whole-lab.ts';

const run = promisify(execFile);
const LAMBDA_DIR = resolve(import.meta.dirname, '../../lambda');
/** The seed playwright.config.ts gives the lab-from-empty server. */
const SEED = 8;

/** Every function's source side by side, as a student's folder holds them when the steps' `zip` lines run. */
async function functionSources(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'labbook-bench-aws-timings-'));
  for (const folder of await readdir(LAMBDA_DIR)) {
    for (const file of (await readdir(join(LAMBDA_DIR, folder))).filter((name) => name.endsWith('.py'))) {
      await copyFile(join(LAMBDA_DIR, folder, file), join(dir, file));
    }
  }
  return dir;
}

/** Each step's bash text run in turn: how long each took, AWS's waits included. */
async function stepsThroughCli(sandbox: SandboxAccess): Promise<Array<{ step: string; ms: number }>> {
  const place = { targetKey: `sandbox:${sandbox.accountId}`, account: sandbox.accountId, region: sandbox.region, endpointUrl: sandbox.url };
  const { accessKeyId, secretAccessKey, sessionToken } = sandbox.credentials;
  const dir = await functionSources();
  // The AWS CLI v2 in /usr/bin first; credentials in the environment only, the endpoint in the text.
  const env = {
    PATH: `/usr/bin:${process.env.PATH}`,
    HOME: dir,
    AWS_ACCESS_KEY_ID: accessKeyId,
    AWS_SECRET_ACCESS_KEY: secretAccessKey,
    AWS_SESSION_TOKEN: sessionToken,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_PAGER: '',
  };
  try {
    const times = [];
    for (const step of STEPS) {
      const text = renderScript(step.cli(step.defaults(place), place), 'bash');
      times.push({ step: step.id, ms: await time(() => run('bash', ['-e', '-o', 'pipefail', '-c', text], { cwd: dir, env })) });
    }
    return times;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function awsTimingsArea(ctx: BenchContext): Promise<AreaResult> {
  // The CLI path first: its figure is logged even when the page's walk-through then fails.
  ctx.log(`the CLI path at full AWS timings: ${STEPS.length} steps' CLI text`);
  const sandbox = await freshSandbox({ timings: { profile: 'aws', scale: 1, seed: SEED } });
  const steps = await stepsThroughCli(sandbox).finally(() => sandbox.close());
  const cliMs = steps.reduce((total, step) => total + step.ms, 0);
  ctx.log(`on the CLI path: ${(cliMs / 1000).toFixed(0)} s`);

  // Playwright's two servers: by default 4479 and 4480, clear of the shared server's, peers' (4473-4477) and whole-lab's (4475, 4476).
  const port = ctx.port + 8;
  ctx.log(`the page at full AWS timings: the lab-from-empty walk-through (its servers on ${port} and ${port + 1})`);
  const tests = await walkThroughInPage(port, { LABBOOK_LAB_TIMINGS_SCALE: '1' });
  const failed = tests.filter((test) => test.status !== 'passed');
  if (failed.length > 0) throw new Error(`the walk-through failed (CLI path: ${(cliMs / 1000).toFixed(0)} s): ${failed.map((test) => test.title).join('; ')}`);
  const pageMs = tests.reduce((total, test) => total + test.ms, 0);
  ctx.log(`in the page: ${(pageMs / 1000).toFixed(0)} s`);
  return {
    rows: [row('Lab at AWS timings', `the whole lab in the page vs its ${STEPS.length} steps' CLI text in bash, --timings aws at full scale, seed ${SEED}`, ms(pageMs), ms(cliMs))],
    details: {
      baseline: `every step's bash CLI text in the lab's order (AWS CLI v2, its waits included) on a new in-memory sandbox with --timings aws at scale 1, seed ${SEED}`,
      inPage: tests,
      onCli: steps,
    },
  };
}

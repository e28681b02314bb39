// Task 8.1 provisioned end to end on a new, empty sandbox: labbook's own steps (runStep,
// as the widgets run them, here in Node), beside the lab's AWS CLI commands for the same
// resources on a second new sandbox. Wall time of each; what each made is listed from
// the sandbox afterwards. Needs the `?raw` and `?resources` import hooks (src/steps/node-vite-imports.ts) registered first.
import { STEPS } from '../../src/steps/catalogue.ts';
import type { AnyStep, RecordedCall, StepContext } from '../../src/steps/model.ts';
import { madeRecords, runStep } from '../../src/steps/runner.ts';
import type { BenchContext } from './context.ts';
import { cliStartupMs, runLabCliSequence, type CliPart } from './lab-cli-sequence.ts';
import { ms, row, type AreaResult } from './report.ts';
import { freshSandbox, type SandboxAccess } from './sandbox-access.ts';
import { describeInventory, inventory } from './sandbox-inventory.ts';
import { percentile, time } from './stats.ts';

/** The part of the lab's CLI sequence that makes what a step makes. */
const partOf = (step: AnyStep): CliPart => (/table/.test(step.id) ? 'table' : /function/.test(step.id) ? 'function' : 'api');

export function stepContext(sandbox: SandboxAccess, calls: RecordedCall[]): StepContext {
  return {
    targetKey: `sandbox:${sandbox.accountId}`,
    account: sandbox.accountId,
    region: sandbox.region,
    endpointUrl: sandbox.url,
    client: (Client) => new Client(sandbox.clientConfig()),
    record: (call) => calls.push(call),
    progress: () => {},
  };
}

/** Runs `provision` on a new sandbox: its wall time and what the sandbox holds afterwards. */
export async function onFreshSandbox<T>(provision: (sandbox: SandboxAccess) => Promise<T>) {
  const sandbox = await freshSandbox();
  try {
    let result: T | undefined;
    const wallMs = await time(async () => (result = await provision(sandbox)));
    return { wallMs, result: result as T, made: describeInventory(await inventory(sandbox)) };
  } finally {
    await sandbox.close();
  }
}

export async function provisioningArea(ctx: BenchContext): Promise<AreaResult> {
  const steps = STEPS.filter((step) => step.id.startsWith('task-8-1/'));
  const parts = new Set(steps.map(partOf));
  const rounds = ctx.quick ? 1 : 3;
  ctx.log(`${steps.length} steps (${steps.map((step) => step.id).join(', ')}) against the CLI's ${[...parts].join(', ')} commands, ${rounds} round(s)`);

  const labbookRuns = [];
  const cliRuns = [];
  for (let round = 0; round < rounds; round++) {
    labbookRuns.push(
      await onFreshSandbox(async (sandbox) => {
        const calls: RecordedCall[] = [];
        const context = stepContext(sandbox, calls);
        const records = madeRecords(undefined);
        const outcomes = [];
        for (const step of steps) {
          const result = await runStep(step, context, step.defaults(context), records);
          const failed = result.findings.filter((finding) => !finding.ok);
          if (failed.length > 0) throw new Error(`${step.id}: ${failed.map((finding) => `${finding.label}: ${finding.detail}`).join('; ')}`);
          outcomes.push(`${step.id}: ${result.outcome} ${result.made.summary}`);
        }
        return { outcomes, sdkCalls: calls.length };
      }),
    );
    cliRuns.push(await onFreshSandbox((sandbox) => runLabCliSequence(sandbox, parts)));
  }

  const startups = [];
  for (let i = 0; i < 3; i++) startups.push(await cliStartupMs());

  const median = (runs: Array<{ wallMs: number }>) => percentile(runs.map((run) => run.wallMs), 50);
  const labbookMade = labbookRuns[0].made;
  const cliMade = cliRuns[0].made;
  const sameResources = JSON.stringify(labbookMade) === JSON.stringify(cliMade);
  if (!sameResources) ctx.log(`the two paths made different resources:\n  labbook: ${labbookMade.join('; ')}\n  CLI: ${cliMade.join('; ')}`);
  return {
    rows: [row('Task 8.1 provisioning', `${steps.length} labbook steps vs ${cliRuns[0].result.commands.length} CLI commands (${[...parts].join(', ')}), median of ${rounds}${sameResources ? '' : ', NOT the same resources'}`, ms(median(labbookRuns)), ms(median(cliRuns)))],
    details: {
      baseline: 'the lab text\'s AWS CLI v2 commands (/usr/bin/aws --endpoint-url), one after another, for the same parts of Task 8.1, on a second new sandbox',
      steps: steps.map((step) => step.id),
      cliParts: [...parts],
      awsVersionMs: { p50: percentile(startups, 50), note: 'aws --version: the AWS CLI\'s own start-up, paid by every command' },
      sameResources,
      labbook: { wallMs: labbookRuns.map((run) => run.wallMs), made: labbookMade, outcomes: labbookRuns[0].result.outcomes, sdkCalls: labbookRuns[0].result.sdkCalls },
      cli: { wallMs: cliRuns.map((run) => run.wallMs), made: cliMade, commands: cliRuns[0].result.commands },
    },
  };
}

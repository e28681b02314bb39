// Every step of the lab in its boto3 tab, as a student would run it: each step's program,
// in the lab's order, with Debian's python3 and boto3 against the sandbox, handler files
// beside it. What the programs make passes every check, and the steps run afterwards find
// each resource there to adopt: the Python makes the same resources as the steps (and the
// CLI, steps-http-api-cli.test.ts). boto3 refuses an unknown parameter before sending
// (ParamValidationError), so this also proves every parameter name the rendering chose.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';
import { renderBoto3 } from '../../src/steps/boto3.ts';
import { CHECKS, STEPS } from '../../src/steps/catalogue.ts';
import { handlerFileName } from '../../src/steps/resources/function-package.ts';
import { madeRecords, runStep } from '../../src/steps/runner.ts';
import { memoryStorage } from '../../src/steps/target-records.ts';
import { useSandbox } from './harness.ts';
import { stepContext } from './step-helpers.ts';

const run = promisify(execFile);
const sandbox = useSandbox();
let workDir: string | undefined;
afterAll(() => workDir && rm(workDir, { recursive: true, force: true }));

/** Runs each program in a fresh namespace of one interpreter (a start-up per step would cost seconds); stops at the first error. */
const DRIVER = `
import json, sys
for index, program in enumerate(json.load(sys.stdin)):
    print(f'--- program {index}', flush=True)
    exec(compile(program, f'<step {index}>', 'exec'), {'__name__': '__main__'})
`;

test('each step’s boto3 program makes what the steps would, and the checks pass', async () => {
  const place = { targetKey: `sandbox:${sandbox.accountId}`, account: sandbox.accountId, region: 'us-east-1', endpointUrl: sandbox.url };
  workDir = await mkdtemp(join(tmpdir(), 'labbook-boto3-'));
  const steps = STEPS.map((step) => ({ step, inputs: step.defaults(place) as Record<string, unknown> }));
  const programs = steps.map(({ step, inputs }) => renderBoto3(step.cli(inputs, place)));
  expect(programs.map((program, i) => (program === undefined ? steps[i].step.id : undefined)).filter(Boolean)).toEqual([]);
  for (const { inputs } of steps) {
    if (typeof inputs.code === 'string') await writeFile(join(workDir, handlerFileName(String(inputs.handler), String(inputs.runtime))), inputs.code);
  }

  // The programs carry the sandbox's address themselves; credentials come from the environment.
  const env: NodeJS.ProcessEnv = { ...sandbox.awsEnv(), PATH: '/usr/bin:/bin' };
  delete env.AWS_ENDPOINT_URL;
  const python = run('/usr/bin/python3', ['-c', DRIVER], { cwd: workDir, env, timeout: 240_000 });
  python.child.stdin!.end(JSON.stringify(programs));
  const { stdout } = await python;
  expect(stdout).toMatch(/\/prod\/\n/);

  const ctx = {
    ...stepContext(sandbox),
    fetch: (url: string, init?: RequestInit) => fetch(url, init),
    openWebSocket: (url: string) => Promise.resolve(new WebSocket(url)),
  };
  for (const check of CHECKS) {
    const findings = await check.run(ctx);
    expect({ check: check.id, failed: findings.filter((finding) => !finding.ok) }).toEqual({ check: check.id, failed: [] });
  }
  const records = madeRecords(memoryStorage());
  const outcomes = [];
  for (const { step, inputs } of steps) outcomes.push(`${step.id}: ${(await runStep(step, ctx, inputs, records)).outcome}`);
  expect(outcomes.filter((outcome) => outcome.endsWith(': created'))).toEqual([]);
}, 600_000);

// Task 8.2's checks, by part: the backend (table and functions), the WebSocket API with a
// real client's round trip, and the stream with a record that reaches a client. Each runs
// the checks of the steps that make its part, with the chapter's names unless the student
// gives their own, and tries the real thing only when those pass.
import { implementCheck } from '../check-list.ts';
import type { AnyStep, Finding, StepContext } from '../model.ts';
import { sequenceInputs } from '../sequences.ts';
import { BACKEND_STEPS } from './functions.ts';
import { TASK_8_2_NAMES, type Task82Names } from './names.ts';
import { STREAM_STEPS } from './stream.ts';
import { WEBSOCKET_API_STEPS } from './websocket-api.ts';
import { deliveredLabel, deliveryFindings, roundTripFindings } from './websocket-trials.ts';

/** Every step's own check, one after the other, with the names put in. */
async function stepFindings(ctx: StepContext, steps: readonly AnyStep[], names: Task82Names): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const step of steps) findings.push(...(await step.check(ctx, sequenceInputs(step, ctx, names))));
  return findings;
}

/** The steps' findings, then the trial when they all passed, or one finding saying it was not tried. */
async function thenTry(
  ctx: StepContext,
  steps: readonly AnyStep[],
  names: Task82Names,
  notTried: Finding,
  trial: () => Promise<Finding[]>,
): Promise<Finding[]> {
  const findings = await stepFindings(ctx, steps, names);
  return [...findings, ...(findings.every((finding) => finding.ok) ? await trial() : [notTried])];
}

/** The chapter's names fill in any the caller leaves out. */
function task82Check(id: string, run: (ctx: StepContext, names: Task82Names) => Promise<Finding[]>) {
  return implementCheck<Task82Names>(id, (ctx, names) => run(ctx, { ...TASK_8_2_NAMES, ...names }));
}

export const task82BackendCheck = task82Check('task-8-2/backend', (ctx, names) => stepFindings(ctx, BACKEND_STEPS, names));

export const task82ApiCheck = task82Check('task-8-2/api', (ctx, names) =>
  thenTry(
    ctx,
    WEBSOCKET_API_STEPS,
    names,
    { label: 'A WebSocket client connects and gets init', ok: false, detail: 'Not tried: fix what is marked above first.' },
    () => roundTripFindings(ctx, names),
  ),
);

export const task82StreamCheck = task82Check('task-8-2/stream', (ctx, names) =>
  thenTry(ctx, STREAM_STEPS, names, { label: deliveredLabel(names), ok: false, detail: 'Not tried: fix the stream and its mapping first.' }, () =>
    deliveryFindings(ctx, names),
  ),
);

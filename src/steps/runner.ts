// Running a step: find what exists and adopt it (bringing it up to date where the step can),
// or create it; then wait until it is usable and check it. What the step made is recorded
// per target before the wait starts, so a run cut short (credentials expired, page
// reloaded) resumes on Retry instead of creating a second resource.
import { labbookTags } from './labbook-tags.ts';
import { withRenamedSteps } from './renamed-steps.ts';
import type { AnyStep, DeployedSource, Finding, Made, StepContext } from './model.ts';
import { targetRecords, type StorageLike, type TargetRecords } from './target-records.ts';

export interface MadeRecord {
  step: string;
  name: string;
  arn?: string;
  /** Created by labbook, or found already there and adopted. */
  origin: 'created' | 'adopted';
  /** `creating` until the step saw the resource ready. */
  state: 'creating' | 'ready';
  /** ISO time of the last change. */
  at: string;
  /** What the student ran, when it says more than the step's title (e.g. "Deploy the function HelloLambda"), and the page it was on. */
  madeBy?: MadeBy;
  /** What it runs, when the step deployed code (a function's handler): as it is once ready. */
  source?: DeployedSource;
}

export interface MadeBy {
  title: string;
  /** The chapter's path, e.g. /lambda/ */
  page: string;
}

export type MadeRecords = TargetRecords<MadeRecord>;

const MADE_STORAGE_PREFIX = 'labbook:made:';

export function madeRecords(storage: StorageLike | undefined): MadeRecords {
  return targetRecords<MadeRecord>(MADE_STORAGE_PREFIX, storage && withRenamedSteps(storage));
}

/** What happened: made now, changed to match the inputs, found as wanted, or finished after an interrupted run. */
export type Outcome = 'created' | 'updated' | 'adopted' | 'resumed';

export interface StepResult {
  outcome: Outcome;
  made: Made;
  findings: Finding[];
}

export function recordId(step: AnyStep, name: string): string {
  return `${step.id}:${name}`;
}

export async function runStep<I>(step: AnyStep, ctx: StepContext, inputs: I, records: MadeRecords, madeBy?: MadeBy): Promise<StepResult> {
  const name = step.nameOf(inputs);
  const id = recordId(step, name);
  const earlier = records.get(ctx.targetKey, id);
  const note = (change: Partial<MadeRecord>) => {
    const base: MadeRecord = records.get(ctx.targetKey, id) ?? { step: step.id, name, origin: 'adopted', state: 'creating', at: '' };
    records.set(ctx.targetKey, id, { ...base, ...change, ...(madeBy && { madeBy }), at: new Date().toISOString() });
  };

  ctx.progress({ text: `Looking for ${name}` });
  const found: unknown = await step.find(ctx, inputs);
  const existing =
    found === undefined
      ? await step.create({ ...ctx, resourceTags: labbookTags(step.id, madeBy?.page) }, inputs)
      : step.update && (await step.update(ctx, inputs, found))
        ? 'updated'
        : 'adopted';
  let outcome: Outcome;
  if (existing === undefined) {
    note({ origin: 'created', state: 'creating' });
    outcome = 'created';
  } else {
    if (!earlier) note({ origin: 'adopted', state: 'creating' });
    outcome = earlier?.state === 'creating' ? 'resumed' : existing;
  }
  const made = await step.waitReady(ctx, inputs);
  // Once ready, a function runs these inputs' code: created with it, updated to it, or adopted because it matched.
  note({ state: 'ready', arn: made.arn, ...(step.sourceOf && { source: step.sourceOf(inputs) }) });
  ctx.progress({ text: 'Checking the result' });
  const findings = await step.check(ctx, inputs);
  return { outcome, made, findings };
}

/** Deletes what the step makes under these inputs and forgets it; false when nothing was there. */
export async function removeStep<I>(step: AnyStep, ctx: StepContext, inputs: I, records: MadeRecords): Promise<boolean> {
  const removed = await step.remove(ctx, inputs);
  records.set(ctx.targetKey, recordId(step, step.nameOf(inputs)), undefined);
  return removed;
}

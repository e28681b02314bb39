// Teardown: everything labbook made in a target, and everything there under the lab's own
// names (made in another browser, or with the CLI), deleted in the reverse of the lab's
// order, so whatever uses a resource goes before the resource it uses (a mapping before its
// stream and function, an API before the functions it calls, functions before tables).
// Each deletion is the step's own remove(), which waits until the resource is gone.
import { costOf, type Cost } from './costs.ts';
import { STEPS } from './catalogue.ts';
import { explainFailure, StepError, type StepFailure } from './errors.ts';
import { inputsNamed } from './inputs-by-name.ts';
import type { AnyStep, StepContext } from './model.ts';
import { recordId, removeStep, type MadeBy, type MadeRecords } from './runner.ts';

export interface Leftover {
  /** The record's id: the step and the name. */
  id: string;
  /** Absent for a record of a step labbook no longer has. */
  step?: AnyStep;
  /** What made it, e.g. "Create the DynamoDB table", or "Deploy the function HelloLambda". */
  title: string;
  /** The chapter it was made on, when labbook made it in this browser. */
  page?: string;
  name: string;
  /** `made`: labbook made or adopted it in this browser; `found`: it exists under the lab's name. */
  origin: 'made' | 'found';
  /** What finds and removes it; absent when a recorded name cannot be turned back into inputs. */
  inputs?: unknown;
  cost?: Cost;
  /** Why it could not be looked up (the listing carried on with the rest). */
  lookupFailure?: StepFailure;
}

/** Failures that every later call would meet too: stop instead of trying the rest. */
function stopsEverything(failure: StepFailure): boolean {
  return failure.credentials || failure.code === 'AbortError' || failure.code === 'NetworkError' || failure.code === 'NoTarget';
}

/** The steps in the order teardown removes what they made: the reverse of the lab's. */
export const removalOrder = (steps: readonly AnyStep[] = STEPS): AnyStep[] => [...steps].reverse();

type Seen = { origin: 'made' | 'found'; madeBy?: MadeBy };

/** The names to look for under one step: the lab's default, and every one recorded for it, with what made it. */
function namesFor(step: AnyStep, ctx: StepContext, records: MadeRecords): Map<string, Seen> {
  const names = new Map<string, Seen>([[step.nameOf(step.defaults(ctx)), { origin: 'found' }]]);
  for (const record of Object.values(records.all(ctx.targetKey))) {
    if (record.step === step.id) names.set(record.name, { origin: 'made', madeBy: record.madeBy });
  }
  return names;
}

/**
 * What exists now, in removal order. Records of things no longer there are forgotten; a
 * record whose step is no longer in the lab, or whose name cannot be looked up, is listed
 * without inputs so the student can forget it.
 */
export async function findLeftovers(ctx: StepContext, records: MadeRecords, steps: readonly AnyStep[] = STEPS): Promise<Leftover[]> {
  const leftovers: Leftover[] = [];
  for (const step of removalOrder(steps)) {
    for (const [name, { origin, madeBy }] of namesFor(step, ctx, records)) {
      const id = recordId(step, name);
      const label = { title: madeBy?.title ?? step.title, ...(madeBy && { page: madeBy.page }) };
      const inputs = inputsNamed(step, ctx, name);
      if (!inputs) {
        leftovers.push({ id, step, ...label, name, origin });
        continue;
      }
      let found: unknown;
      try {
        found = await step.find(ctx, inputs);
      } catch (error) {
        const failure = explainFailure(error);
        if (stopsEverything(failure)) throw error;
        leftovers.push({ id, step, ...label, name, origin, inputs, lookupFailure: failure });
        continue;
      }
      if (found === undefined) {
        if (origin === 'made') records.set(ctx.targetKey, id, undefined);
        continue;
      }
      leftovers.push({ id, step, ...label, name, origin, inputs, cost: costOf(step, inputs, ctx, found) });
    }
  }
  const known = new Set(steps.map((step) => step.id));
  for (const [id, record] of Object.entries(records.all(ctx.targetKey))) {
    if (!known.has(record.step))
      leftovers.push({ id, title: record.madeBy?.title ?? record.step, page: record.madeBy?.page, name: record.name, origin: 'made' });
  }
  return leftovers;
}

/** Whether teardown can delete it: it knows the step and the inputs that find it. */
export const deletable = (leftover: Leftover): boolean => leftover.step !== undefined && leftover.inputs !== undefined;

export type ItemState = { state: 'waiting' } | { state: 'deleting' } | { state: 'gone' } | { state: 'failed'; failure: StepFailure } | { state: 'not-tried' };

/** Deletes one leftover and forgets its record; false when it was already gone. */
async function removeLeftover(ctx: StepContext, leftover: Leftover, records: MadeRecords): Promise<boolean> {
  if (!leftover.step || leftover.inputs === undefined) {
    throw new StepError(
      'NameNotUnderstood',
      `labbook cannot look ${leftover.name} up any more: delete it where it was made (the AWS CLI or console), then Forget it here.`,
    );
  }
  return removeStep(leftover.step, ctx, leftover.inputs, records);
}

/** Stops remembering something that cannot be looked up any more. */
export function forgetLeftover(targetKey: string, leftover: Leftover, records: MadeRecords): void {
  records.set(targetKey, leftover.id, undefined);
}

/**
 * Deletes the leftovers in the order given (findLeftovers' removal order), reporting each
 * one's state. A failure leaves that item failed and carries on with the next, since each
 * deletion stands alone; a failure every later call would share (expired credentials, no
 * network, Stop) ends the run and the rest are not tried. Returns the final states.
 */
export async function tearDown(
  ctx: StepContext,
  leftovers: readonly Leftover[],
  records: MadeRecords,
  report: (id: string, state: ItemState) => void = () => {},
): Promise<Map<string, ItemState>> {
  const states = new Map<string, ItemState>();
  const set = (id: string, state: ItemState) => {
    states.set(id, state);
    report(id, state);
  };
  const queue = leftovers.filter(deletable);
  for (const leftover of queue) set(leftover.id, { state: 'waiting' });
  let stopped = false;
  for (const leftover of queue) {
    if (stopped) {
      set(leftover.id, { state: 'not-tried' });
      continue;
    }
    set(leftover.id, { state: 'deleting' });
    try {
      await removeLeftover(ctx, leftover, records);
      set(leftover.id, { state: 'gone' });
    } catch (error) {
      const failure = explainFailure(error);
      set(leftover.id, { state: 'failed', failure });
      stopped = stopsEverything(failure);
    }
  }
  return states;
}

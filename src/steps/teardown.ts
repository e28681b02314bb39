// Teardown: everything labbook made in a target, found on the target itself by the labbook
// tags a step puts on what it creates (labbook-tags.ts), wherever it was made; what this
// browser recorded; and everything there under the lab's own names (the CLI copies, which
// carry no tags). Deleted in the reverse of the lab's order, so whatever uses a resource goes
// before the resource it uses (a mapping before its stream and function, an API before the
// functions it calls, functions before tables). Each deletion is the step's own remove(),
// which waits until the resource is gone.
import { costOf, type Cost } from './costs.ts';
import { STEPS } from './catalogue.ts';
import { explainFailure, StepError, type StepFailure } from './errors.ts';
import { inputsNamed } from './inputs-by-name.ts';
import { CHAPTER_TAG, STEP_TAG } from './labbook-tags.ts';
import type { AnyStep, StepContext, TaggedKind, TaggedResource } from './model.ts';
import { recordId, removeStep, type MadeBy, type MadeRecords } from './runner.ts';

export interface Leftover {
  /** The record's id: the step and the name. */
  id: string;
  /** Absent for a record of a step labbook no longer has. */
  step?: AnyStep;
  /** What made it, e.g. "Create the DynamoDB table", or "Deploy the function HelloLambda". */
  title: string;
  /** The chapter it was made on, as this browser recorded it or its labbook tag names it. */
  page?: string;
  name: string;
  origin: Origin;
  /** What finds and removes it; absent when a recorded name cannot be turned back into inputs. */
  inputs?: unknown;
  cost?: Cost;
  /** Why it could not be looked up (the listing carried on with the rest). */
  lookupFailure?: StepFailure;
}

/**
 * `made`: labbook made or adopted it in this browser; `tagged`: it carries labbook's tags (made
 * from a page, in another browser or on another machine); `untagged`: it has the lab's name but
 * no labbook tags, so it was made outside labbook (the CLI); `found`: it has the lab's name and
 * is of a kind AWS keeps no tags on (a route, a stage, a permission), so who made it is unknown.
 */
export type Origin = 'made' | 'tagged' | 'untagged' | 'found';

/** Failures that every later call would meet too: stop instead of trying the rest. */
function stopsEverything(failure: StepFailure): boolean {
  return failure.credentials || failure.code === 'AbortError' || failure.code === 'NetworkError' || failure.code === 'NoTarget';
}

/** The steps in the order teardown removes what they made: the reverse of the lab's. */
export const removalOrder = (steps: readonly AnyStep[] = STEPS): AnyStep[] => [...steps].reverse();

type Seen = { origin: Origin; madeBy?: MadeBy; chapter?: string };

/** A chapter named by a tag on the target, kept only when it is a path on this site (it becomes a link): never `//host`. */
const sitePath = (value: string | undefined) => (value && /^\/(?!\/)[\w\-/]*$/.test(value) ? value : undefined);

/**
 * Every kind of resource the steps tag, listed once with its tags: undefined for a kind whose
 * listing failed (the names are still looked up one by one, without knowing their tags).
 */
async function listTagged(ctx: StepContext, steps: readonly AnyStep[]): Promise<Map<TaggedKind, TaggedResource[] | undefined>> {
  const listings = new Map<TaggedKind, TaggedResource[] | undefined>();
  for (const kind of new Set(steps.flatMap((step) => (step.tagged ? [step.tagged] : [])))) {
    try {
      listings.set(kind, await kind.list(ctx));
    } catch (error) {
      if (stopsEverything(explainFailure(error))) throw error;
      listings.set(kind, undefined);
    }
  }
  return listings;
}

/**
 * The names to look for under one step, with what made each: the lab's default (labbook's if
 * tagged so, else made outside it), every resource tagged with this step, and every name this
 * browser recorded for it.
 */
function namesFor(step: AnyStep, ctx: StepContext, records: MadeRecords, listing: TaggedResource[] | undefined): Map<string, Seen> {
  const ours = (resource: TaggedResource) => resource.tags[STEP_TAG] === step.id;
  const tagged = (resource: TaggedResource): Seen => ({ origin: 'tagged', chapter: sitePath(resource.tags[CHAPTER_TAG]) });
  const defaultName = step.nameOf(step.defaults(ctx));
  const atDefault = listing?.find((resource) => resource.name === defaultName);
  const names = new Map<string, Seen>([
    [defaultName, atDefault && ours(atDefault) ? tagged(atDefault) : { origin: step.tagged && listing ? 'untagged' : 'found' }],
  ]);
  for (const resource of listing ?? []) if (ours(resource)) names.set(resource.name, tagged(resource));
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
  const listings = await listTagged(ctx, steps);
  for (const step of removalOrder(steps)) {
    const listing = step.tagged && listings.get(step.tagged);
    for (const [name, { origin, madeBy, chapter }] of namesFor(step, ctx, records, listing)) {
      const id = recordId(step, name);
      const page = madeBy?.page ?? chapter;
      const label = { title: madeBy?.title ?? step.title, ...(page && { page }) };
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

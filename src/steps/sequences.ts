// Named runs of steps, in order, for a widget that walks a student through them
// (<LabSequence sequence="…" />): e.g. Task 8.1's HTTP API, from the API to its deployment.
import { findInvokeUrl } from './actions/api-address.ts';
import type { AnyStep, Place, StepContext } from './model.ts';
import { comment, type Script } from './shells.ts';
import { HTTP_API_STEPS } from './task-8-1/http-api.ts';
import { TASK_8_2_SEQUENCES } from './task-8-2/sequences.ts';

export interface Sequence {
  /** Unique and stable, e.g. `task-8-1/http-api`. */
  id: string;
  title: string;
  steps: readonly AnyStep[];
  /** Inputs several steps share (the API's name, say), which a student changes once for all. */
  sharedNames: readonly { name: string; label: string }[];
  /** Where the finished sequence answers (an API's invoke URL), found from the last step's inputs; for a page reloaded after the run. */
  addressOf(ctx: StepContext, lastInputs: Record<string, unknown>): Promise<string | undefined>;
}

export const SEQUENCES: readonly Sequence[] = [
  {
    id: 'task-8-1/http-api',
    title: 'Build the HTTP API',
    steps: HTTP_API_STEPS,
    sharedNames: [
      { name: 'apiName', label: 'API name' },
      { name: 'functionName', label: 'Function name' },
      { name: 'stageName', label: 'Stage name' },
    ],
    addressOf: (ctx, inputs) => findInvokeUrl(ctx, String(inputs.apiName), String(inputs.stageName)),
  },
  ...TASK_8_2_SEQUENCES,
];

export const sequenceById = (id: string): Sequence | undefined => SEQUENCES.find((sequence) => sequence.id === id);

/** Names the whole sequence uses, e.g. `{ apiName: 'MyApi' }`: each step takes those among its inputs. */
export type NameOverrides = Readonly<Record<string, string>>;

/** A step's defaults with the sequence's names put in where the step has such an input. */
export function sequenceInputs(step: AnyStep, place: Place, names: NameOverrides = {}): Record<string, unknown> {
  const defaults = step.defaults(place) as Record<string, unknown>;
  const given = Object.entries(names).filter(([name]) => Object.hasOwn(defaults, name));
  return { ...defaults, ...Object.fromEntries(given) };
}

/** The whole sequence as one script: each step's commands under its title. */
export function sequenceScript(steps: readonly { step: AnyStep; inputs: unknown }[], place: Place): Script {
  return steps.flatMap(({ step, inputs }, index) => [
    ...(index > 0 ? [{ kind: 'blank' } as const] : []),
    comment(`${index + 1}. ${step.title}`),
    ...step.cli(inputs, place),
  ]);
}

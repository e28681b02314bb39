// Named runs of steps, in order, for a widget that walks a student through them
// (<LabSequence sequence="…" />): e.g. Task 8.1's HTTP API, from the API to its deployment.
import type { AnyStep, Place } from './model.ts';
import { HTTP_API_STEPS } from './task-8-1/http-api.ts';
import { BACKEND_STEPS } from './task-8-2/functions.ts';
import { STREAM_STEPS } from './task-8-2/stream.ts';
import { WEBSOCKET_API_STEPS } from './task-8-2/websocket-api.ts';

export interface Sequence {
  /** Unique and stable, e.g. `task-8-1/http-api`. */
  id: string;
  title: string;
  steps: readonly AnyStep[];
}

export const SEQUENCES: readonly Sequence[] = [
  { id: 'task-8-1/http-api', title: 'Build the HTTP API', steps: HTTP_API_STEPS },
  { id: 'task-8-2/backend', title: 'Create the connections table and the four functions', steps: BACKEND_STEPS },
  { id: 'task-8-2/websocket-api', title: 'Build the WebSocket API', steps: WEBSOCKET_API_STEPS },
  { id: 'task-8-2/stream', title: 'Create the stream and connect it to FlightFanout', steps: STREAM_STEPS },
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

/** The whole sequence as one script to paste into a shell: each step's commands under its title. */
export function sequenceScript(steps: readonly { step: AnyStep; inputs: unknown }[], place: Place): string {
  return steps.map(({ step, inputs }, index) => `# ${index + 1}. ${step.title}\n${step.cli(inputs, place)}`).join('\n\n');
}

// A step's inputs in a widget: the step's defaults for the current account (LabRole's ARN
// needs the account id), with the widget's props and the student's edits on top.
import { useState } from 'preact/hooks';
import type { AnyStep, Place } from '../../steps/model.ts';

export function useStepInputs<I extends object>(step: AnyStep, place: Place | undefined, given: Partial<I> = {}) {
  const [edits, setEdits] = useState<Partial<I>>({});
  const inputs: I | undefined = place ? { ...(step.defaults(place) as I), ...given, ...edits } : undefined;
  const setInput = <K extends keyof I>(name: K, value: I[K]) => setEdits((now) => ({ ...now, [name]: value }));
  return [inputs, setInput] as const;
}

// A step's inputs in a widget: the step's defaults for the current account (LabRole's ARN
// needs the account id), with the widget's props and the student's edits on top. With a
// `remember` key the edits (a function's code and settings, say) survive a reload; they
// are the student's work, not secrets, so they go to localStorage.
import { useState } from 'preact/hooks';
import type { AnyStep, Place } from '../../steps/model.ts';
import { localStorageOrMemory } from '../../steps/target-records.ts';

const STORAGE_PREFIX = 'labbook:step-inputs:';

function savedEdits<I>(remember: string | undefined): Partial<I> {
  if (!remember || typeof window === 'undefined') return {};
  try {
    const saved: unknown = JSON.parse(localStorageOrMemory().getItem(STORAGE_PREFIX + remember) ?? '{}');
    return typeof saved === 'object' && saved !== null ? saved : {};
  } catch {
    return {};
  }
}

export function useStepInputs<I extends object>(step: Pick<AnyStep, 'defaults'>, place: Place | undefined, given: Partial<I> = {}, remember?: string) {
  // Read once, in the browser: nothing that depends on inputs renders before the target is known.
  const [edits, setEdits] = useState<Partial<I>>(() => savedEdits<I>(remember));
  const inputs: I | undefined = place ? { ...(step.defaults(place) as I), ...given, ...edits } : undefined;
  const setInput = <K extends keyof I>(name: K, value: I[K]) =>
    setEdits((now) => {
      const next = { ...now, [name]: value };
      if (remember) localStorageOrMemory().setItem(STORAGE_PREFIX + remember, JSON.stringify(next));
      return next;
    });
  return [inputs, setInput] as const;
}

// The names a check looks for: the lab's, with the student's own where they typed them in
// Check my work. They are kept per check, so Progress's Check again looks at the same
// resources as the chapter's Check my work did.
import type { CheckInfo } from '../../steps/checks.ts';
import type { Place } from '../../steps/model.ts';
import { useStepInputs } from '../lab-step/use-step-inputs.ts';

export function useCheckInputs(check: CheckInfo, place: Place | undefined) {
  return useStepInputs<Record<string, unknown>>({ defaults: (at): unknown => check.defaults?.(at) ?? {} }, place, {}, check.fields && `check:${check.id}`);
}

// Any lab step on its own, by id: its inputs, Run, progress, result and CLI equivalent.
import { useMemo } from 'preact/hooks';
import { stepById } from '../../steps/catalogue.ts';
import { declaredSteps, type DeclaredResource } from '../../steps/declared/declared-step.ts';
import type { AnyStep } from '../../steps/model.ts';
import { StepCard } from './StepCard.tsx';
import { usePlace } from './use-place.ts';
import { useStepInputs } from './use-step-inputs.ts';

/** `declared`: the chapter's declaration the step makes (part of), when it is one of a chapter's resources. */
export default function LabStepWidget({ step: id, declared }: { step: string; declared?: DeclaredResource }) {
  const step = useMemo(() => (declared ? declaredSteps(declared).find((made) => made.id === id) : stepById(id)), [id, declared]);
  return step ? <KnownStep step={step} /> : <p class="lb-lab__failure">There is no lab step named {id}.</p>;
}

function KnownStep({ step }: { step: AnyStep }) {
  const place = usePlace();
  const [inputs, setInput] = useStepInputs<Record<string, unknown>>(step, place);
  return <StepCard step={step} place={place} inputs={inputs} setInput={setInput} />;
}

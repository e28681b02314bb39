// Any lab step on its own, by id: its inputs, Run, progress, result and CLI equivalent.
import { stepById } from '../../steps/catalogue.ts';
import type { AnyStep } from '../../steps/model.ts';
import { StepCard } from './StepCard.tsx';
import { usePlace } from './use-place.ts';
import { useStepInputs } from './use-step-inputs.ts';

export default function LabStepWidget({ step: id }: { step: string }) {
  const step = stepById(id);
  return step ? <KnownStep step={step} /> : <p class="lb-lab__failure">There is no lab step named {id}.</p>;
}

function KnownStep({ step }: { step: AnyStep }) {
  const place = usePlace();
  const [inputs, setInput] = useStepInputs<Record<string, unknown>>(step, place);
  return <StepCard step={step} place={place} inputs={inputs} setInput={setInput} />;
}

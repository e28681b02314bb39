// Check my work: inspects what really exists in the student's target, lists each finding,
// and marks the check done (for this target) when everything passed. A check that names
// resources shows their names, prefilled with the lab's, for a student who chose others.
import { useStore } from '@nanostores/preact';
import { useMemo } from 'preact/hooks';
import { checkInfoById } from '../../steps/check-list.ts';
import type { CheckInfo } from '../../steps/checks.ts';
import { declaredCheckInfo } from '../../steps/declared/declared-check.ts';
import type { DeclaredChapter } from '../../steps/declared/declared-step.ts';
import { browserCheckProgress } from '../lab-step/browser-step-context.ts';
import { Findings } from '../lab-step/Findings.tsx';
import { OperationStatus } from '../lab-step/OperationStatus.tsx';
import { RecordedCalls } from '../lab-step/RecordedCalls.tsx';
import { StepField } from '../lab-step/StepCard.tsx';
import { TargetNotice } from '../lab-step/TargetNotice.tsx';
import { usePlace } from '../lab-step/use-place.ts';
import { useTarget } from '../target-panel/use-target.ts';
import { useCheckInputs } from './use-check-inputs.ts';
import { useCheckRun } from './use-check-run.ts';

/** `declared`: the chapter whose declared resources the check looks at, for a `<slug>/resources` check. */
export default function CheckWidget({ check: id, declared }: { check: string; declared?: DeclaredChapter }) {
  const check = useMemo(() => (declared ? declaredCheckInfo(declared) : checkInfoById(id)), [id, declared]);
  if (!check) return <p class="lb-lab__failure">There is no check named {id}.</p>;
  return <ListedCheck check={check} declared={declared} />;
}

function ListedCheck({ check, declared }: { check: CheckInfo; declared?: DeclaredChapter }) {
  const target = useTarget();
  const place = usePlace();
  const progress = browserCheckProgress();
  useStore(progress.version);
  // A student who chose other names types them once: they are kept, like a step's edits.
  const [inputs, setInput] = useCheckInputs(check, place);
  const { op, findings, start } = useCheckRun(check, inputs, declared);
  const done = place ? progress.get(place.targetKey, check.id) : undefined;
  const ready = target?.status === 'ready';

  return (
    <section class="lb-lab lb-check not-content" aria-label={`Check my work: ${check.title}`}>
      <p class="lb-lab__title">Check my work: {check.title}</p>
      <TargetNotice target={target} />
      {check.fields && inputs && (
        <div class="lb-lab__fields">
          {check.fields.map((field) => (
            <StepField key={field.name} field={field} value={inputs[field.name] as string} onChange={(value) => setInput(field.name, value)} />
          ))}
        </div>
      )}
      <div class="lb-lab__toolbar">
        <button type="button" class="lb-button lb-button--primary" aria-disabled={!ready || op.running} onClick={() => ready && !op.running && void start()}>
          Check my work
        </button>
        {done?.done && <span class="lb-lab__done">✓ Done on {new Date(done.at).toLocaleString()}</span>}
      </div>
      <OperationStatus op={op} done={findings?.every((f) => f.ok) ? 'All checks passed' : undefined} />
      {findings && <Findings findings={findings} />}
      <RecordedCalls calls={op.calls} />
    </section>
  );
}

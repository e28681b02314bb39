// A Progress row's Check again, loaded on the first press (progress-view.ts): runs the check
// with the names typed into the chapter's Check my work, and shows its status and findings.
import { useStore } from '@nanostores/preact';
import { render } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { $target } from '../../cloud/target-state.ts';
import { checkInfoById } from '../../steps/check-list.ts';
import type { CheckInfo } from '../../steps/checks.ts';
import { declaredCheckInfo } from '../../steps/declared/declared-check.ts';
import type { DeclaredChapter } from '../../steps/declared/declared-step.ts';
import { useCheckInputs } from '../check-my-work/use-check-inputs.ts';
import { useCheckRun } from '../check-my-work/use-check-run.ts';
import { Findings } from '../lab-step/Findings.tsx';
import { OperationStatus } from '../lab-step/OperationStatus.tsx';
import { usePlaceOf } from '../lab-step/use-place.ts';

interface CheckRunProps {
  /** Presses of Check again so far: each new one starts a run. */
  runs: number;
  /** Called when a run has ended, passed or not. */
  onFinished: () => void;
}

function CheckRun({ check, declared, runs, onFinished }: CheckRunProps & { check: CheckInfo; declared?: DeclaredChapter }) {
  const place = usePlaceOf(useStore($target));
  const [inputs] = useCheckInputs(check, place);
  const { op, findings, start } = useCheckRun(check, inputs, declared);
  const started = useRef(0);
  // Once the names are known: they come from the target's account, read as the row mounts.
  const namesKnown = inputs !== undefined;
  useEffect(() => {
    if (!namesKnown || started.current >= runs) return;
    started.current = runs;
    void start().finally(onFinished);
  }, [namesKnown, runs]);
  return (
    <>
      <OperationStatus op={op} done={findings?.every((f) => f.ok) ? 'All checks passed' : undefined} />
      {findings && <Findings findings={findings} />}
    </>
  );
}

/** Renders (or re-renders) the row's run into `host`, an element of its own. */
export function showCheckRun(host: HTMLElement, { id, declared, ...props }: CheckRunProps & { id: string; declared?: DeclaredChapter }): void {
  const check = declared ? declaredCheckInfo(declared) : checkInfoById(id);
  if (!check) throw new Error(`There is no check ${id} in CHECK_LIST.`);
  render(<CheckRun check={check} declared={declared} {...props} />, host);
}

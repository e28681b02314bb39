// Progress: every check of the lab, grouped by task, done or not in the current target (and
// when), with Check again to run one now; below, the other targets this browser holds
// progress for. It renders from the light list of checks: a check's code, and the SDK,
// load only when Check again is pressed (use-check-run.ts).
import { useStore } from '@nanostores/preact';
import { useId } from 'preact/hooks';
import { CHECK_LIST } from '../../steps/check-list.ts';
import type { CheckInfo, CheckProgress } from '../../steps/checks.ts';
import type { Place } from '../../steps/model.ts';
import { describeTargetKey, otherTargetsWithProgress, progressByTask, titleWithinTask, type TaskProgress } from '../../steps/progress.ts';
import { browserCheckProgress } from '../lab-step/browser-step-context.ts';
import { Findings } from '../lab-step/Findings.tsx';
import { OperationStatus } from '../lab-step/OperationStatus.tsx';
import { TargetNotice } from '../lab-step/TargetNotice.tsx';
import { usePlace } from '../lab-step/use-place.ts';
import { useCheckInputs } from '../check-my-work/use-check-inputs.ts';
import { useCheckRun } from '../check-my-work/use-check-run.ts';
import { useTarget } from '../target-panel/use-target.ts';

const when = (iso: string) => new Date(iso).toLocaleString();

function CheckRow({
  check,
  task,
  done,
  ready,
  place,
}: {
  check: CheckInfo;
  task: string;
  done: CheckProgress | undefined;
  ready: boolean;
  place: Place | undefined;
}) {
  const [inputs] = useCheckInputs(check, place);
  const { op, findings, start } = useCheckRun(check, inputs);
  return (
    <li class="lb-progress__check" data-check={check.id} data-done={done ? 'true' : 'false'}>
      <div class="lb-progress__head">
        <span class="lb-lab__mark" aria-hidden="true">
          {done ? '✓' : '○'}
        </span>
        <span class="lb-progress__title">{titleWithinTask(check, task)}</span>
        <span class={done ? 'lb-lab__done' : 'lb-progress__not-done'}>{done ? `Done on ${when(done.at)}` : 'Not done yet'}</span>
        <button
          type="button"
          class="lb-button"
          aria-disabled={!ready || op.running}
          aria-label={`Check again: ${check.title}`}
          onClick={() => ready && !op.running && start()}
        >
          Check again
        </button>
      </div>
      <OperationStatus op={op} done={findings?.every((f) => f.ok) ? 'All checks passed' : undefined} />
      {findings && <Findings findings={findings} />}
    </li>
  );
}

function TaskGroup({ task, ready, place }: { task: TaskProgress; ready: boolean; place: Place | undefined }) {
  const id = useId();
  return (
    <div class="lb-progress__task">
      <p class="lb-lab__subtitle" id={id}>
        {task.task}
      </p>
      <ul class="lb-progress__checks" aria-labelledby={id}>
        {task.rows.map((row) => (
          <CheckRow key={row.check.id} check={row.check} task={task.task} done={row.done} ready={ready} place={place} />
        ))}
      </ul>
    </div>
  );
}

function OtherTargets({ current }: { current: string | undefined }) {
  const progress = browserCheckProgress();
  useStore(progress.version);
  if (typeof window === 'undefined' || !window.localStorage) return null;
  const others = otherTargetsWithProgress(window.localStorage, progress, current);
  if (others.length === 0) return null;
  return (
    <div class="lb-progress__others">
      <p class="lb-lab__subtitle">Progress in other targets, in this browser</p>
      <ul>
        {others.map((other) => (
          <li key={other.targetKey}>
            {describeTargetKey(other.targetKey)}: {other.doneCount} of {CHECK_LIST.length} checks done, the last on {when(other.latest)}
          </li>
        ))}
      </ul>
    </div>
  );
}

export default function ProgressWidget({ title }: { title: string }) {
  const target = useTarget();
  const place = usePlace();
  const progress = browserCheckProgress();
  useStore(progress.version);
  const ready = target?.status === 'ready';
  const tasks = place ? progressByTask(CHECK_LIST, progress, place.targetKey) : [];
  const doneCount = tasks.flatMap((task) => task.rows).filter((row) => row.done).length;
  return (
    <section class="lb-lab lb-progress not-content" aria-label={title}>
      <p class="lb-lab__title">{title}</p>
      <TargetNotice target={target} />
      {place && (
        <p class="lb-progress__summary">
          In {describeTargetKey(place.targetKey)}: {doneCount} of {CHECK_LIST.length} checks done.
        </p>
      )}
      {tasks.map((task) => (
        <TaskGroup key={task.task} task={task} ready={ready} place={place} />
      ))}
      <OtherTargets current={place?.targetKey} />
    </section>
  );
}

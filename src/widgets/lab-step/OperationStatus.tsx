// The line under a widget's buttons: what is happening (state, what it waits for, time so
// far), or what went wrong (AWS's code and message, and what to do). Text only.
import type { Operation } from './use-operation.ts';
import { useElapsedSeconds } from './use-operation.ts';

/** `quiet`: say nothing while running (work repeated every few seconds would chatter). */
export function OperationStatus({ op, done, quiet = false }: { op: Operation; done?: string; quiet?: boolean }) {
  const seconds = useElapsedSeconds(op.startedAt, op.finishedAt, op.running);
  if (op.running && quiet) return null;
  if (op.running) {
    const { text, state, waitingFor } = op.progress ?? { text: 'Working' };
    return (
      <p class="lb-lab__status" role="status" data-tone="busy">
        <span class="lb-lab__progress">{text}</span>
        {state && <span class="lb-lab__state"> · state {state}</span>}
        {waitingFor && <span class="lb-lab__waiting"> · waiting for {waitingFor}</span>}
        <span class="lb-lab__elapsed"> · {seconds} s</span>
      </p>
    );
  }
  if (op.failure) {
    return (
      <div class="lb-lab__failure" role="alert">
        <p>
          <strong class="lb-lab__error-code">{op.failure.code}</strong>: <span class="lb-lab__error-message">{op.failure.message}</span>
        </p>
        <p class="lb-lab__hint">{op.failure.hint}</p>
      </div>
    );
  }
  return (
    <p class="lb-lab__status" role="status" data-tone={done ? 'success' : 'neutral'}>
      {done && op.finishedAt ? `${done} (${seconds} s)` : ''}
    </p>
  );
}

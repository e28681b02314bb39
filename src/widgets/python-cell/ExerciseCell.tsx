// The interactive part of an exercise: a code cell with hidden checks, a done mark that
// survives reloads, the student's edited code kept, and how many of the page's exercises are done.
import { useStore } from '@nanostores/preact';
import { useEffect, useState } from 'preact/hooks';
import CodeCell from './CodeCell.tsx';
import { $exerciseProgress, trackExercises, updateExercise } from './exercise-progress.ts';
import { countDone, NOT_STARTED } from './exercise-storage.ts';
import { passedChecks } from './run-status.ts';
import { DEFAULT_TIMEOUT_SECONDS } from './python-runner.ts';
import { ExerciseSolution } from './ExerciseSolution.tsx';

export interface ExerciseCellProps {
  id: string;
  title: string;
  code: string;
  check: string;
  /** The instructor's solution, shown on request (ExerciseSolution.tsx). */
  solution?: string;
}

/** Every exercise on this page, found through the marker Exercise.astro renders around each one. */
function exerciseIdsOnPage(): string[] {
  return [...document.querySelectorAll<HTMLElement>('[data-exercise-id]')].map((element) => element.dataset.exerciseId!);
}

export default function ExerciseCell({ id, title, code, check, solution }: ExerciseCellProps) {
  const progress = useStore($exerciseProgress);
  const [pageIds, setPageIds] = useState<string[]>([]);
  const [restoredCode, setRestoredCode] = useState<string>();

  useEffect(() => {
    const ids = exerciseIdsOnPage();
    trackExercises(ids);
    setPageIds(ids);
    setRestoredCode($exerciseProgress.get()[id]?.code);
  }, [id]);

  const mine = progress[id] ?? NOT_STARTED;
  const done = countDone(progress, pageIds);

  // Saved on every change: a few bytes to localStorage is cheap, and a reload right after a run loses nothing.
  const saveCode = (edited: string) => updateExercise(id, { code: edited === code ? undefined : edited });

  return (
    <div class="lb-exercise__cell">
      {(mine.done || pageIds.length > 1) && (
        <p class="lb-exercise__progress">
          {mine.done && <span class="lb-exercise__done">{mine.solutionShown ? '✓ Done, after seeing the solution' : '✓ Done'}</span>}
          {pageIds.length > 1 && (
            <span class="lb-exercise__count">
              {done} of {pageIds.length} exercises on this page done
            </span>
          )}
        </p>
      )}
      <CodeCell
        code={code}
        label={`Exercise: ${title}`}
        timeoutSeconds={DEFAULT_TIMEOUT_SECONDS}
        check={check}
        restoredCode={restoredCode}
        onCodeChange={saveCode}
        onReset={() => updateExercise(id, { code: undefined })}
        onFinished={(outcome) => {
          if (passedChecks(outcome)) {
            if (!mine.done) updateExercise(id, { done: true });
            // A run the student stopped themselves is not a failed attempt.
          } else if (outcome.kind !== 'stopped' && !mine.failedRun) updateExercise(id, { failedRun: true });
        }}
      />
      {solution && (
        <ExerciseSolution
          solution={solution}
          failedRun={mine.failedRun === true}
          shown={mine.solutionShown === true}
          onShow={() => updateExercise(id, { solutionShown: true })}
        />
      )}
    </div>
  );
}

// How the Progress widget words what is done, for the list Progress.astro renders and the
// view that keeps it up to date in the browser (progress-view.ts).
import type { CheckProgress } from '../../steps/check-progress.ts';
import type { ExerciseProgress } from '../python-cell/exercise-storage.ts';
import type { OtherTarget } from '../../steps/progress.ts';
import { describeTargetKey } from '../target-panel/target-summary.ts';

const when = (iso: string) => new Date(iso).toLocaleString();

export const doneText = (done: CheckProgress | undefined) => (done ? `Done on ${when(done.at)}` : 'Not done yet');

export const summaryText = (targetKey: string, doneCount: number, checkCount: number) =>
  `In ${describeTargetKey(targetKey)}: ${doneCount} of ${checkCount} checks done.`;

export const otherTargetText = (other: OtherTarget, checkCount: number) =>
  `${describeTargetKey(other.targetKey)}: ${other.doneCount} of ${checkCount} checks done, the last on ${when(other.latest)}`;

/** An exercise's state, saying honestly when the solution was seen. */
export function exerciseText(progress: ExerciseProgress | undefined): string {
  if (progress?.done) return progress.solutionShown ? 'Solved, after seeing the solution' : 'Solved';
  return progress?.solutionShown ? 'Not solved yet; solution seen' : 'Not solved yet';
}

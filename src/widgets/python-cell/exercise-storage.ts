// Which exercises a student has solved, as kept in the browser's localStorage (progress is
// not a secret): one key per exercise. No store here, so the sidebar's ticks, Progress and the
// lab report read it without the exercise widget (exercise-progress.ts shares it on a page).

export interface ExerciseProgress {
  done: boolean;
  /** The student's edited code, restored on reload; absent when they kept the starter. */
  code?: string;
  /** A run failed its checks at least once: the solution is then one press away. */
  failedRun?: true;
  /** The student saw the solution; the exercise and Progress say so. */
  solutionShown?: true;
}

type ProgressStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** One key per exercise, so two tabs solving different exercises never overwrite each other. */
export const STORAGE_PREFIX = 'labbook:exercise:';

export const NOT_STARTED: ExerciseProgress = { done: false };

export function storageKey(id: string): string {
  return STORAGE_PREFIX + id;
}

/** Reads stored progress; anything unreadable counts as not started. */
export function parseProgress(raw: string | null): ExerciseProgress {
  if (!raw) return NOT_STARTED;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return NOT_STARTED;
    const { done, code, failedRun, solutionShown } = value as Record<string, unknown>;
    return {
      done: done === true,
      ...(typeof code === 'string' && { code }),
      ...(failedRun === true && { failedRun }),
      ...(solutionShown === true && { solutionShown }),
    };
  } catch {
    return NOT_STARTED;
  }
}

export function readProgress(storage: ProgressStorage | undefined, id: string): ExerciseProgress {
  try {
    return parseProgress(storage?.getItem(storageKey(id)) ?? null);
  } catch {
    return NOT_STARTED;
  }
}

export function writeProgress(storage: ProgressStorage | undefined, id: string, progress: ExerciseProgress): void {
  try {
    storage?.setItem(storageKey(id), JSON.stringify(progress));
  } catch {
    // Storage full or switched off: progress then lasts for this page view only.
  }
}

export function countDone(progress: Record<string, ExerciseProgress | undefined>, ids: readonly string[]): number {
  return ids.filter((id) => progress[id]?.done).length;
}

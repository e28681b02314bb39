// Which exercises a student has solved, kept in the browser's localStorage (progress is not
// a secret) and shared through a nanostore, so every exercise on a page sees changes at once.
import { map } from 'nanostores';

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

export const $exerciseProgress = map<Record<string, ExerciseProgress>>({});

function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

let listeningToOtherTabs = false;

/** Loads these exercises' progress into the store (once each) and follows changes made in other tabs. */
export function trackExercises(ids: readonly string[]): void {
  for (const id of ids) {
    if (!(id in $exerciseProgress.get())) $exerciseProgress.setKey(id, readProgress(browserStorage(), id));
  }
  if (listeningToOtherTabs) return;
  listeningToOtherTabs = true;
  window.addEventListener('storage', (event) => {
    if (!event.key?.startsWith(STORAGE_PREFIX)) return;
    const id = event.key.slice(STORAGE_PREFIX.length);
    if (id in $exerciseProgress.get()) $exerciseProgress.setKey(id, parseProgress(event.newValue));
  });
}

export function updateExercise(id: string, change: Partial<ExerciseProgress>): void {
  const next: ExerciseProgress = { ...($exerciseProgress.get()[id] ?? NOT_STARTED), ...change };
  if (next.code === undefined) delete next.code;
  $exerciseProgress.setKey(id, next);
  writeProgress(browserStorage(), id, next);
}

// Exercise progress shared on a page through a nanostore, so every exercise on it sees
// changes at once (its own and other tabs'); kept in storage by exercise-storage.ts.
import { map } from 'nanostores';
import { NOT_STARTED, parseProgress, readProgress, STORAGE_PREFIX, writeProgress, type ExerciseProgress } from './exercise-storage.ts';

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

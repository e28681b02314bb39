// The student's progress: which checks passed in a target, and which other targets this
// browser holds progress for.
import { CHECK_STORAGE_PREFIX, type CheckProgress } from './check-progress.ts';
import type { TargetRecords } from './target-records.ts';

/** The checks that passed in this target, by id. */
export function passedChecks(progress: TargetRecords<CheckProgress>, targetKey: string): Record<string, CheckProgress> {
  return Object.fromEntries(Object.entries(progress.all(targetKey)).filter(([, entry]) => entry?.done));
}

export interface OtherTarget {
  targetKey: string;
  doneCount: number;
  /** ISO time of the latest passing check there. */
  latest: string;
}

/** Targets other than `current` with at least one check done, read from the storage's keys. */
export function otherTargetsWithProgress(
  storage: Pick<Storage, 'length' | 'key'>,
  progress: TargetRecords<CheckProgress>,
  current: string | undefined,
): OtherTarget[] {
  const others: OtherTarget[] = [];
  for (let index = 0; index < storage.length; index++) {
    const key = storage.key(index);
    if (!key?.startsWith(CHECK_STORAGE_PREFIX)) continue;
    const targetKey = key.slice(CHECK_STORAGE_PREFIX.length);
    if (targetKey === current) continue;
    const done = Object.values(passedChecks(progress, targetKey));
    if (done.length === 0) continue;
    others.push({
      targetKey,
      doneCount: done.length,
      latest: done
        .map((entry) => entry.at)
        .sort()
        .at(-1)!,
    });
  }
  return others.sort((a, b) => a.targetKey.localeCompare(b.targetKey));
}

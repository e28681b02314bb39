// Which checks passed, per target, as this browser keeps them: apart from running checks
// (checks.ts), because every page with the Progress widget reads them as it opens.
import { targetRecords, type StorageLike, type TargetRecords } from './target-records.ts';

export interface CheckProgress {
  done: boolean;
  /** ISO time of the last passing run. */
  at: string;
}

export const CHECK_STORAGE_PREFIX = 'labbook:checks:';

export function checkProgress(storage: StorageLike | undefined): TargetRecords<CheckProgress> {
  return targetRecords<CheckProgress>(CHECK_STORAGE_PREFIX, storage);
}

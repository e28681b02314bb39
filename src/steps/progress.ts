// The student's progress: every check of the lab, grouped by task, which passed in a target,
// and which other targets this browser holds progress for.
import { CHECK_STORAGE_PREFIX, type CheckProgress } from './check-progress.ts';
import type { CheckInfo } from './checks.ts';
import type { TargetRecords } from './target-records.ts';

/** `task-8-2/map` → `Task 8.2`; a check outside the tasks goes under `Other checks`. */
export function taskOf(check: Pick<CheckInfo, 'id'>): string {
  const match = /^task-(\d+)-(\d+)\//.exec(check.id);
  return match ? `Task ${match[1]}.${match[2]}` : 'Other checks';
}

/** Every check, grouped by task in the lab's order. */
export function checksByTask(checks: readonly CheckInfo[]): Array<{ task: string; checks: CheckInfo[] }> {
  const tasks = new Map<string, CheckInfo[]>();
  for (const check of checks) tasks.set(taskOf(check), [...(tasks.get(taskOf(check)) ?? []), check]);
  return [...tasks].map(([task, checks]) => ({ task, checks }));
}

/** The checks that passed in this target, by id. */
export function passedChecks(progress: TargetRecords<CheckProgress>, targetKey: string): Record<string, CheckProgress> {
  return Object.fromEntries(Object.entries(progress.all(targetKey)).filter(([, entry]) => entry?.done));
}

/** A check's title under its task's heading: `Task 8.1: the HTTP API` reads `the HTTP API` there. */
export function titleWithinTask(check: Pick<CheckInfo, 'title'>, task: string): string {
  return check.title.startsWith(`${task}: `) ? check.title.slice(task.length + 2) : check.title;
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

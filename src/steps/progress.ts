// The student's progress: every check of the lab, grouped by task, done or not in a target,
// and which other targets this browser holds progress for.
import { CHECK_STORAGE_PREFIX, type CheckProgress } from './check-progress.ts';
import type { CheckInfo } from './checks.ts';
import type { TargetRecords } from './target-records.ts';

export interface CheckRow {
  check: CheckInfo;
  /** When it last passed in this target; absent if it never has. */
  done?: CheckProgress;
}

export interface TaskProgress {
  /** e.g. `Task 8.1`, from the checks' ids (`task-8-1/…`). */
  task: string;
  rows: CheckRow[];
}

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

/** Every check, grouped by task in the lab's order, with what is done in this target (nothing while it is not known). */
export function progressByTask(checks: readonly CheckInfo[], progress: TargetRecords<CheckProgress>, targetKey: string | undefined): TaskProgress[] {
  const done = targetKey === undefined ? {} : progress.all(targetKey);
  return checksByTask(checks).map(({ task, checks }) => ({
    task,
    rows: checks.map((check) => ({ check, done: done[check.id]?.done ? done[check.id] : undefined })),
  }));
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
    const done = Object.values(progress.all(targetKey)).filter((entry) => entry?.done);
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

// "Check my work": a check inspects what really exists in the student's target and, when
// every finding passes, is marked done in their progress (per target, in localStorage).
import type { Finding, StepContext } from './model.ts';
import { targetRecords, type StorageLike, type TargetRecords } from './target-records.ts';

export interface Check {
  /** Unique and stable: progress is stored under it. */
  id: string;
  title: string;
  run(ctx: StepContext): Promise<Finding[]>;
}

export interface CheckProgress {
  done: boolean;
  /** ISO time of the last passing run. */
  at: string;
}

export const CHECK_STORAGE_PREFIX = 'labbook:checks:';

export function checkProgress(storage: StorageLike | undefined): TargetRecords<CheckProgress> {
  return targetRecords<CheckProgress>(CHECK_STORAGE_PREFIX, storage);
}

/** Runs the check and marks it done when everything passed; a failing run leaves earlier progress alone. */
export async function runCheck(check: Check, ctx: StepContext, progress: TargetRecords<CheckProgress>): Promise<{ passed: boolean; findings: Finding[] }> {
  const findings = await check.run(ctx);
  const passed = findings.length > 0 && findings.every((finding) => finding.ok);
  if (passed) progress.set(ctx.targetKey, check.id, { done: true, at: new Date().toISOString() });
  return { passed, findings };
}

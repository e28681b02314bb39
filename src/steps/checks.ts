// "Check my work": a check inspects what really exists in the student's target and, when
// every finding passes, is marked done in their progress (per target, in localStorage).
import type { Finding, InputField, Place, StepContext } from './model.ts';
import type { CheckProgress } from './check-progress.ts';
import type { TargetRecords } from './target-records.ts';

/** What a page shows of a check before it runs; check-list.ts holds every one. */
// `any`: lists of checks hold checks of every input type, as lists of steps do.
export interface CheckInfo<I = any> {
  /** Unique and stable: progress is stored under it. */
  id: string;
  title: string;
  /** Names the student may change before checking, for resources they named otherwise; none for most checks. */
  fields?: readonly InputField<I>[];
  /** The lab's names for those fields. */
  defaults?(place: Place): I;
}

/** A listed check with its code, which calls the SDK. */
export interface Check<I = any> extends CheckInfo<I> {
  /** Looks with the given names, or the lab's when none are given. */
  run(ctx: StepContext, inputs?: I): Promise<Finding[]>;
}

/** Runs the check and marks it done when everything passed; a failing run leaves earlier progress alone. */
export async function runCheck<I>(
  check: Check<I>,
  ctx: StepContext,
  progress: TargetRecords<CheckProgress>,
  inputs?: I,
): Promise<{ passed: boolean; findings: Finding[] }> {
  const findings = await check.run(ctx, inputs);
  const passed = findings.length > 0 && findings.every((finding) => finding.ok);
  if (passed) progress.set(ctx.targetKey, check.id, { done: true, at: new Date().toISOString() });
  return { passed, findings };
}

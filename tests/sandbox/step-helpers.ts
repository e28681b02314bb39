// Shared by the step test files: a StepContext whose clients reach the test sandbox, and
// which keeps every progress line and recorded call for the test to look at.
import type { Progress, RecordedCall, StepContext } from '../../src/steps/model.ts';
import type { TestSandbox } from './harness.ts';
import { vi } from 'vitest';
import { holdClock } from './held-clock.ts';

export interface TestStepContext extends StepContext {
  calls: RecordedCall[];
  updates: Progress[];
}

export function stepContext(sandbox: TestSandbox, options: { targetKey?: string; credentials?: Parameters<TestSandbox['client']>[1] } = {}): TestStepContext {
  const calls: RecordedCall[] = [];
  const updates: Progress[] = [];
  return {
    targetKey: options.targetKey ?? `sandbox:${sandbox.accountId}`,
    account: sandbox.accountId,
    region: 'us-east-1',
    endpointUrl: sandbox.url,
    client: (Client) => sandbox.client(Client, options.credentials),
    record: (call) => calls.push(call),
    progress: (update) => updates.push(update),
    calls,
    updates,
  };
}

/** `DynamoDB.CreateTable` for each recorded call, in order. */
export const operations = (ctx: TestStepContext) => ctx.calls.map((call) => `${call.service}.${call.operation}`);

/** Calls `on` after the context has kept each progress line and recorded call as usual. */
function alsoOnStepEvents(ctx: TestStepContext, on: { progress?: (update: Progress) => void; record?: (call: RecordedCall) => void }): void {
  const { progress, record } = ctx;
  ctx.progress = (update) => (progress(update), on.progress?.(update));
  ctx.record = (call) => (record(call), on.record?.(call));
}

/**
 * Holds the sandbox's clock (held-clock.ts) until the step reports `state`, or until one of
 * its calls is refused with `refusedWith`: what the test came to see has then happened.
 */
export function holdClockUntil(ctx: TestStepContext, seen: { state: string } | { refusedWith: string }): void {
  const release = holdClock();
  alsoOnStepEvents(ctx, {
    progress: (update) => 'state' in seen && update.state === seen.state && release(),
    record: (call) => 'refusedWith' in seen && call.error?.code === seen.refusedWith && release(),
  });
}

/**
 * Holds the sandbox's clock until the step reports `untilState`, moving it on by `ms` at the
 * step's first refusal with `refusedWith`: the step gets past the refusing state without real
 * time mattering, and the state after it cannot end before the step has seen it.
 */
export function holdClockPast(ctx: TestStepContext, hold: { refusedWith: string; ms: number; untilState: string }): void {
  const release = holdClock();
  let movedOn = false;
  alsoOnStepEvents(ctx, {
    record: (call) => {
      if (movedOn || call.error?.code !== hold.refusedWith) return;
      movedOn = true;
      vi.setSystemTime(Date.now() + hold.ms);
    },
    progress: (update) => update.state === hold.untilState && release(),
  });
}

// Waiting for AWS with our own polling instead of the SDK's waiters: each poll reports the
// state it saw (for the student's progress line), the delay grows from a fraction of a
// second (the sandbox is quick) to a few seconds (AWS is not), and some errors are expected
// for a moment (DescribeTable's ResourceNotFoundException right after CreateTable, a
// function's ResourceConflictException while it is Pending) and are polled through.
import { StepError } from './errors.ts';
import type { Progress, StepContext } from './model.ts';

export interface Poll<T> {
  /** Reads the current state; throws what AWS throws. */
  read(): Promise<T>;
  /** True when the wait is over. */
  done(value: T): boolean;
  /** The progress line for what was read. */
  describe(value: T): Progress;
  /** An error that means "not yet" rather than failure. */
  transient?(error: unknown): boolean;
  /** What the student sees while a transient error lasts. */
  transientProgress?: Progress;
  timeoutMs?: number;
}

const FIRST_DELAY_MS = 200;
const MAX_DELAY_MS = 3_000;
const DEFAULT_TIMEOUT_MS = 10 * 60_000;

/** Polls until done, with backoff; fails with WaitTimedOut after the timeout. */
export async function pollUntil<T>(ctx: Pick<StepContext, 'progress' | 'signal'>, poll: Poll<T>): Promise<T> {
  const deadline = Date.now() + (poll.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  let delay = FIRST_DELAY_MS;
  let last: Progress | undefined;
  for (;;) {
    try {
      const value = await poll.read();
      last = poll.describe(value);
      ctx.progress(last);
      if (poll.done(value)) return value;
    } catch (error) {
      if (!poll.transient?.(error)) throw error;
      if (poll.transientProgress) ctx.progress(poll.transientProgress);
    }
    if (Date.now() + delay > deadline) {
      throw new StepError(
        'WaitTimedOut',
        `Still waiting${last?.waitingFor ? ` for ${last.waitingFor}` : ''} after ${Math.round((poll.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000)} s.`,
      );
    }
    await sleep(delay, ctx.signal);
    delay = Math.min(Math.round(delay * 1.5), MAX_DELAY_MS);
  }
}

/** Retries a call while it fails with an error that means "busy, try again shortly". */
export async function retryWhile<T>(ctx: StepContext, transient: (error: unknown) => boolean, progress: Progress, call: () => Promise<T>): Promise<T> {
  const { value } = await pollUntil(ctx, {
    read: async () => ({ value: await call() }),
    done: () => true,
    describe: () => progress,
    transient,
    transientProgress: progress,
  });
  return value;
}

export function hasName(...names: string[]): (error: unknown) => boolean {
  return (error) => names.includes((error as { name?: string })?.name ?? '');
}

/** Why the wait stopped: the reason the page aborted with (a DOMException, use-operation.ts), else a plain AbortError. */
function stopped(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new DOMException('Stopped', 'AbortError');
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(stopped(signal));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(stopped(signal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

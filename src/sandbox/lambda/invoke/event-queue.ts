import { AwsError } from '../../protocol/errors.ts';
import type { InvocationResult } from '../../runtimes/execution-environment.ts';

/**
 * The queue behind asynchronous (Event) invocations. A throttled event waits
 * for a free environment; one whose function fails is retried twice, after a
 * minute and after two more, as Lambda does by default.
 */
export interface QueuedEvent {
  /** Runs the invocation; resolves with its result, or throws TooManyRequestsException. */
  run(): Promise<InvocationResult | undefined>;
}

export interface EventQueueTiming {
  retryDelaysMs: number[];
  throttleWaitMs: number;
}

const LAMBDA_ASYNC_TIMING: EventQueueTiming = { retryDelaysMs: [60_000, 120_000], throttleWaitMs: 250 };

export class EventQueue {
  private readonly timing: EventQueueTiming;
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(timing: EventQueueTiming = LAMBDA_ASYNC_TIMING) {
    this.timing = timing;
  }

  push(event: QueuedEvent): void {
    this.later(() => this.attempt(event, 0), 0);
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private async attempt(event: QueuedEvent, retriesDone: number): Promise<void> {
    let result: InvocationResult | undefined;
    try {
      result = await event.run();
    } catch (error) {
      if (error instanceof AwsError && error.code === 'TooManyRequestsException') {
        this.later(() => this.attempt(event, retriesDone), this.timing.throttleWaitMs);
      }
      // Anything else (the function was deleted meanwhile) drops the event, as AWS discards it.
      return;
    }
    const delay = this.timing.retryDelaysMs[retriesDone];
    if (result?.functionError && delay !== undefined) this.later(() => this.attempt(event, retriesDone + 1), delay);
  }

  private later(task: () => Promise<void>, delayMs: number): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void task();
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }
}

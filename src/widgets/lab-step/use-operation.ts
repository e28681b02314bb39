// One piece of work against the cloud at a time, per widget: its progress, how long it has
// taken, the SDK calls it made, and, if it failed, AWS's error with a hint. Stop aborts it,
// and so does leaving the page.
import { useEffect, useRef, useState } from 'preact/hooks';
import { explainFailure, type StepFailure } from '../../steps/errors.ts';
import type { Progress, RecordedCall, StepContext } from '../../steps/model.ts';
import { browserStepContext } from './browser-step-context.ts';

export interface Operation {
  running: boolean;
  /** What the work is doing now; cleared when it ends. */
  progress?: Progress;
  startedAt?: number;
  finishedAt?: number;
  calls: RecordedCall[];
  failure?: StepFailure;
}

export interface OperationControls {
  op: Operation;
  /** Runs the work unless something is already running; resolves to its result, or undefined if it failed. */
  run<T>(work: (ctx: StepContext) => Promise<T>): Promise<T | undefined>;
  stop(): void;
}

export function useOperation(): OperationControls {
  const [op, setOp] = useState<Operation>({ running: false, calls: [] });
  const controller = useRef<AbortController>();

  const stop = () => controller.current?.abort(new DOMException('Stopped', 'AbortError'));
  useEffect(() => stop, []);

  async function run<T>(work: (ctx: StepContext) => Promise<T>): Promise<T | undefined> {
    if (controller.current) return undefined;
    const mine = new AbortController();
    controller.current = mine;
    const calls: RecordedCall[] = [];
    setOp({ running: true, calls, startedAt: Date.now(), progress: { text: 'Starting' } });
    try {
      const ctx = await browserStepContext({
        signal: mine.signal,
        record: (call) => {
          calls.push(call);
          setOp((now) => ({ ...now, calls: [...calls] }));
        },
        progress: (progress) => setOp((now) => ({ ...now, progress })),
      });
      const result = await work(ctx);
      setOp((now) => ({ ...now, running: false, progress: undefined, finishedAt: Date.now() }));
      return result;
    } catch (error) {
      setOp((now) => ({ ...now, running: false, progress: undefined, finishedAt: Date.now(), failure: explainFailure(error) }));
      return undefined;
    } finally {
      controller.current = undefined;
    }
  }

  return { op, run, stop };
}

/** Seconds since `since`, re-rendering every half second while `ticking`. */
export function useElapsedSeconds(since: number | undefined, until: number | undefined, ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [ticking]);
  if (since === undefined) return 0;
  return Math.max(0, Math.floor(((ticking ? now : (until ?? now)) - since) / 1000));
}

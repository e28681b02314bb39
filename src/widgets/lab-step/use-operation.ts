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
  run: <T>(work: (ctx: StepContext) => Promise<T>) => Promise<T | undefined>;
  stop: () => void;
  /** Forgets the last failure, once the student's next attempt has been refused before reaching AWS. */
  dismiss: () => void;
}

/**
 * What every kind of work shares: one run at a time, aborted on request (with `abortReason`)
 * or when the widget goes, its state kept as an Operation. `work` may update the state;
 * `explain` turns what it threw into the failure shown.
 */
export function useAbortableWork(abortReason: string) {
  const [op, setOp] = useState<Operation>({ running: false, calls: [] });
  const controller = useRef<AbortController>();

  const abort = () => controller.current?.abort(new DOMException(abortReason, 'AbortError'));
  useEffect(() => abort, []);

  async function run<T>(
    first: Progress,
    work: (signal: AbortSignal, update: (change: Partial<Operation>) => void) => Promise<T>,
    explain: (error: unknown) => StepFailure,
  ): Promise<T | undefined> {
    if (controller.current) return undefined;
    const mine = new AbortController();
    controller.current = mine;
    setOp({ running: true, calls: [], startedAt: Date.now(), progress: first });
    try {
      const result = await work(mine.signal, (change) => setOp((now) => ({ ...now, ...change })));
      setOp((now) => ({ ...now, running: false, progress: undefined, finishedAt: Date.now() }));
      return result;
    } catch (error) {
      setOp((now) => ({ ...now, running: false, progress: undefined, finishedAt: Date.now(), failure: explain(error) }));
      return undefined;
    } finally {
      controller.current = undefined;
    }
  }

  const dismiss = () => setOp((now) => ({ ...now, failure: undefined }));

  return { op, run, abort, dismiss };
}

export function useOperation(): OperationControls {
  const work = useAbortableWork('Stopped');

  const run = <T>(task: (ctx: StepContext) => Promise<T>) =>
    work.run(
      { text: 'Starting' },
      async (signal, update) => {
        const calls: RecordedCall[] = [];
        const ctx = await browserStepContext({
          signal,
          record: (call) => {
            calls.push(call);
            update({ calls: [...calls] });
          },
          progress: (progress) => update({ progress }),
        });
        return task(ctx);
      },
      explainFailure,
    );

  return { op: work.op, run, stop: work.abort, dismiss: work.dismiss };
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

// The page's producer: while started, one batch of simulated aircraft every few seconds,
// each PutRecords awaited before the next is even prepared, so a slow or failing stream
// never piles requests up. It stops on Stop, on a failed call, when the page is hidden
// (a forgotten tab should not keep filling a stream that is billed) and when the target
// changes (its credentials no longer apply).
import { useEffect, useRef, useState } from 'preact/hooks';
import { $target, targetKey, type Target } from '../../cloud/target-state.ts';
import { putFlightBatch, type BatchResult } from '../../steps/actions/flight-feed.ts';
import { untilStreamIsRead } from '../../steps/actions/stream-readers.ts';
import { advanceFleet, positionOf, resizeFleet, startFleet, type AircraftPosition } from '../../steps/actions/flight-simulation.ts';
import { explainFailure, type StepFailure } from '../../steps/errors.ts';
import type { RecordedCall } from '../../steps/model.ts';
import { browserStepContext } from '../lab-step/browser-step-context.ts';
import { useTarget } from '../target-panel/use-target.ts';

export interface FeedSettings {
  streamName: string;
  aircraft: number;
  seconds: number;
}

export interface SentBatch {
  at: number;
  result: BatchResult;
  positions: AircraftPosition[];
}

export interface FeedState {
  running: boolean;
  /** Batches put since the last Start. */
  sent: number;
  last?: SentBatch;
  /** The last PutRecords call, for "show request and response". */
  call?: RecordedCall;
  failure?: StepFailure;
  /** Why it stopped, when the student did not press Stop. */
  stoppedBecause?: string;
  /** What the feed waits for before its first batch (a mapping not yet Enabled), and since when. */
  waiting?: string;
}

const STOPPED = 'Stopped';

/** What the feed runs against: a change of it stops the feed. */
const feedKey = (target: Target) => `${targetKey(target)} ${target.status}`;

/** Resolves after `ms`, or as soon as the signal aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, Math.max(0, ms));
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}

export function useFlightFeed(settings: FeedSettings) {
  const target = useTarget();
  const [state, setState] = useState<FeedState>({ running: false, sent: 0 });
  const controller = useRef<AbortController>();
  // The loop reads the newest rate and batch size before each batch.
  const latest = useRef(settings);
  latest.current = settings;

  const stop = (because?: string) => {
    if (!controller.current) return;
    controller.current.abort(new DOMException(STOPPED, 'AbortError'));
    controller.current = undefined;
    setState((now) => ({ ...now, running: false, stoppedBecause: because }));
  };

  const start = async () => {
    if (controller.current) return;
    const mine = new AbortController();
    controller.current = mine;
    const { signal } = mine;
    const startedFor = feedKey($target.get());
    setState({ running: true, sent: 0 });
    try {
      const ctx = await browserStepContext({ signal, progress: () => {}, record: (call) => setState((now) => ({ ...now, call })) });
      const streamName = latest.current.streamName.trim();
      await untilStreamIsRead(
        ctx,
        streamName,
        (waiting) => setState((now) => ({ ...now, waiting })),
        (ms) => pause(ms, signal),
      );
      let fleet = startFleet(latest.current.aircraft, Math.random);
      while (!signal.aborted) {
        const startedAt = Date.now();
        fleet = resizeFleet(fleet, latest.current.aircraft, Math.random);
        const positions = fleet.map((flight) => positionOf(flight));
        const result = await putFlightBatch(ctx, streamName, positions);
        if (signal.aborted) break;
        setState((now) => ({ ...now, sent: now.sent + 1, last: { at: Date.now(), result, positions } }));
        await pause(latest.current.seconds * 1000 - (Date.now() - startedAt), signal);
        fleet = advanceFleet(fleet, (Date.now() - startedAt) / 1000, Math.random);
      }
    } catch (error) {
      if (signal.aborted) return;
      // The target can change between a render and the effect below that reacts to it: a batch
      // signed in that gap fails with "the target changed", which is that stop, not a failure.
      if (feedKey($target.get()) !== startedFor) return stop('the target changed');
      controller.current = undefined;
      setState((now) => ({ ...now, running: false, failure: explainFailure(error) }));
    }
  };

  // A no-op unless running: the first render, and the target arriving on mount, change nothing.
  const key = target && feedKey(target);
  useEffect(() => stop('the target changed'), [key]);

  useEffect(() => {
    const hidden = () => document.hidden && stop('the page was hidden');
    document.addEventListener('visibilitychange', hidden);
    return () => {
      document.removeEventListener('visibilitychange', hidden);
      stop();
    };
  }, []);

  return { state, start, stop: () => stop() };
}

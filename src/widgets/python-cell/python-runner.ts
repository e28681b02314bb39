// Runs cells on one Python worker, one run at a time. Stop and the time limit end a run by
// terminating the worker (Python cannot be interrupted from outside otherwise without
// cross-origin isolation) and starting a fresh one at once, so the next run works.
import { atom, type ReadableAtom } from 'nanostores';
import type { CellResult, FromWorker, OutputStream, SnapshotSource, ToWorker } from './run-protocol.ts';

/** The part of a Web Worker the runner uses, so tests can stand in a fake. */
export interface WorkerLike {
  postMessage(message: ToWorker): void;
  terminate(): void;
  onmessage: ((event: { data: FromWorker }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What a cell allows its code unless the chapter says otherwise. */
export const DEFAULT_TIMEOUT_SECONDS = 10;

export interface RunRequest {
  code: string;
  /** An exercise's hidden checks, run after the code in the same namespace. */
  check: string | null;
  /** Counted from when the code starts, not while Python loads. */
  timeoutSeconds: number;
}

export type RunProgress =
  | { type: 'waiting' } // another cell on the page is running
  | { type: 'loading' } // Python itself is still loading
  | { type: 'started' }
  | { type: 'output'; stream: OutputStream; text: string };

export type RunOutcome =
  { kind: 'finished'; result: CellResult } | { kind: 'stopped' } | { kind: 'timed-out'; seconds: number } | { kind: 'failed'; message: string };

export interface RunHandle {
  readonly done: Promise<RunOutcome>;
  stop(): void;
}

/** Where the worker's Python is; `snapshot` says where its memory snapshot came from. */
export type PythonState = { kind: 'not-started' } | { kind: 'loading' } | { kind: 'ready'; snapshot: SnapshotSource } | { kind: 'failed' };

export interface PythonRunner {
  run(request: RunRequest, onProgress: (progress: RunProgress) => void): RunHandle;
  /** Starts loading Python without running anything; a Run that comes meanwhile waits for this same load. */
  preload(): void;
  readonly state: ReadableAtom<PythonState>;
}

interface Job {
  id: number;
  request: RunRequest;
  onProgress: (progress: RunProgress) => void;
  settle: (outcome: RunOutcome) => void;
  timer?: unknown;
}

export function createPythonRunner(createWorker: () => WorkerLike, timers: Timers = globalThis): PythonRunner {
  let worker: WorkerLike | undefined;
  const state = atom<PythonState>({ kind: 'not-started' });
  let current: Job | undefined;
  const queue: Job[] = [];
  let nextId = 1;

  function startWorker(): void {
    const started = createWorker();
    worker = started;
    state.set({ kind: 'loading' });
    started.onmessage = (event) => {
      if (started === worker) receive(event.data);
    };
    started.onerror = () => {
      if (started !== worker) return;
      discardWorker();
      state.set({ kind: 'failed' });
      if (current) finish(current, { kind: 'failed', message: 'The Python worker stopped unexpectedly.' });
    };
  }

  function discardWorker(): void {
    worker?.terminate();
    worker = undefined;
  }

  function receive(message: FromWorker): void {
    if (message.type === 'ready') {
      state.set({ kind: 'ready', snapshot: message.snapshot });
      return;
    }
    if (message.type === 'load-failed') {
      discardWorker();
      state.set({ kind: 'failed' });
      if (current) finish(current, { kind: 'failed', message: `Python could not load: ${message.message}` });
      return;
    }
    const job = current;
    if (!job || message.id !== job.id) return;
    if (message.type === 'started') {
      job.onProgress({ type: 'started' });
      const seconds = job.request.timeoutSeconds;
      job.timer = timers.setTimeout(() => abort(job, { kind: 'timed-out', seconds }), seconds * 1000);
    } else if (message.type === 'output') {
      job.onProgress({ type: 'output', stream: message.stream, text: message.text });
    } else if (message.type === 'crashed') {
      abort(job, { kind: 'failed', message: `Python stopped with an internal error: ${message.message}` });
    } else {
      finish(job, { kind: 'finished', result: message.result });
    }
  }

  /** Ends the running job by killing its worker; a fresh worker starts loading straight away. */
  function abort(job: Job, outcome: RunOutcome): void {
    discardWorker();
    startWorker();
    finish(job, outcome);
  }

  function finish(job: Job, outcome: RunOutcome): void {
    if (job.timer !== undefined) timers.clearTimeout(job.timer);
    if (current === job) current = undefined;
    job.settle(outcome);
    dispatch();
  }

  function dispatch(): void {
    if (current) return;
    const job = queue.shift();
    if (!job) return;
    current = job;
    if (!worker) startWorker();
    if (state.get().kind !== 'ready') job.onProgress({ type: 'loading' });
    worker!.postMessage({ type: 'run', id: job.id, code: job.request.code, check: job.request.check });
  }

  return {
    state,
    preload() {
      if (!worker) startWorker();
    },
    run(request, onProgress) {
      let settle!: (outcome: RunOutcome) => void;
      const done = new Promise<RunOutcome>((resolve) => (settle = resolve));
      const job: Job = { id: nextId++, request, onProgress, settle };
      if (current) onProgress({ type: 'waiting' });
      queue.push(job);
      dispatch();
      return {
        done,
        stop() {
          if (job === current) return abort(job, { kind: 'stopped' });
          const queued = queue.indexOf(job);
          if (queued >= 0) {
            queue.splice(queued, 1);
            settle({ kind: 'stopped' });
          }
        },
      };
    },
  };
}

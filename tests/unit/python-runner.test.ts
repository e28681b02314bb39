// The page side of running Python: queueing, the time limit, Stop, and starting a fresh
// worker after either, driven through fake workers and timers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPythonRunner, type RunProgress, type WorkerLike } from '../../src/widgets/python-cell/python-runner.ts';
import type { CellResult, FromWorker, ToWorker } from '../../src/widgets/python-cell/run-protocol.ts';

class FakeWorker implements WorkerLike {
  onmessage: ((event: { data: FromWorker }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  received: ToWorker[] = [];
  terminated = false;
  postMessage(message: ToWorker) {
    this.received.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  send(message: FromWorker) {
    this.onmessage?.({ data: message });
  }
  lastRunId() {
    return this.received.at(-1)!.id;
  }
}

const OK: CellResult = { error: null, check: null };

let workers: FakeWorker[];
let runner: ReturnType<typeof createPythonRunner>;

beforeEach(() => {
  vi.useFakeTimers();
  workers = [];
  runner = createPythonRunner(() => {
    const worker = new FakeWorker();
    workers.push(worker);
    return worker;
  });
});

afterEach(() => {
  vi.useRealTimers();
});

const request = (code: string, timeoutSeconds = 10) => ({ code, check: null, timeoutSeconds });

describe('PythonRunner', () => {
  it('starts no worker until the first run, then says Python is loading', () => {
    expect(workers).toHaveLength(0);
    const progress: RunProgress[] = [];
    runner.run(request('print(1)'), (p) => progress.push(p));
    expect(workers).toHaveLength(1);
    expect(workers[0].received).toEqual([{ type: 'run', id: expect.any(Number), code: 'print(1)', check: null }]);
    expect(progress).toEqual([{ type: 'loading' }]);
  });

  it('preloads Python without a run, and a run during the preload waits for that same worker', async () => {
    expect(runner.state.get()).toEqual({ kind: 'not-started' });
    runner.preload();
    runner.preload();
    expect(workers).toHaveLength(1);
    expect(runner.state.get()).toEqual({ kind: 'loading' });

    const progress: RunProgress[] = [];
    const handle = runner.run(request('print(1)'), (p) => progress.push(p));
    expect(workers).toHaveLength(1);
    expect(progress).toEqual([{ type: 'loading' }]);
    const worker = workers[0];
    worker.send({ type: 'ready', snapshot: 'stored' });
    expect(runner.state.get()).toEqual({ kind: 'ready', snapshot: 'stored' });
    worker.send({ type: 'started', id: worker.lastRunId() });
    worker.send({ type: 'finished', id: worker.lastRunId(), result: OK });
    await expect(handle.done).resolves.toEqual({ kind: 'finished', result: OK });

    // Once ready, a run starts without saying Python is loading.
    const later: RunProgress[] = [];
    runner.run(request('print(2)'), (p) => later.push(p));
    worker.send({ type: 'started', id: worker.lastRunId() });
    expect(later).toEqual([{ type: 'started' }]);
  });

  it('passes output on and finishes with the worker’s result', async () => {
    const progress: RunProgress[] = [];
    const handle = runner.run(request('print(1)'), (p) => progress.push(p));
    const worker = workers[0];
    worker.send({ type: 'ready', snapshot: 'downloaded' });
    worker.send({ type: 'started', id: worker.lastRunId() });
    worker.send({ type: 'output', id: worker.lastRunId(), stream: 'stdout', text: '1\n' });
    worker.send({ type: 'finished', id: worker.lastRunId(), result: OK });
    await expect(handle.done).resolves.toEqual({ kind: 'finished', result: OK });
    expect(progress).toEqual([{ type: 'loading' }, { type: 'started' }, { type: 'output', stream: 'stdout', text: '1\n' }]);
  });

  it('counts the time limit from the start of the code, not while Python loads', async () => {
    const handle = runner.run(request('while True: pass', 2), () => {});
    const worker = workers[0];
    vi.advanceTimersByTime(30_000); // loading Pyodide can take long on a slow machine
    worker.send({ type: 'ready', snapshot: 'downloaded' });
    worker.send({ type: 'started', id: worker.lastRunId() });
    vi.advanceTimersByTime(1_999);
    expect(worker.terminated).toBe(false);
    vi.advanceTimersByTime(1);
    await expect(handle.done).resolves.toEqual({ kind: 'timed-out', seconds: 2 });
    expect(worker.terminated).toBe(true);
  });

  it('after a timeout, starts a fresh worker at once and the next run goes to it', async () => {
    const runaway = runner.run(request('while True: pass', 1), () => {});
    workers[0].send({ type: 'ready', snapshot: 'downloaded' });
    workers[0].send({ type: 'started', id: workers[0].lastRunId() });
    vi.advanceTimersByTime(1_000);
    await runaway.done;
    expect(workers).toHaveLength(2); // loading again before anyone asks

    const next = runner.run(request('print("again")'), () => {});
    const fresh = workers[1];
    expect(fresh.received.map((m) => m.code)).toEqual(['print("again")']);
    fresh.send({ type: 'ready', snapshot: 'downloaded' });
    fresh.send({ type: 'started', id: fresh.lastRunId() });
    fresh.send({ type: 'finished', id: fresh.lastRunId(), result: OK });
    await expect(next.done).resolves.toEqual({ kind: 'finished', result: OK });
  });

  it('Stop ends the running code by terminating its worker', async () => {
    const handle = runner.run(request('while True: pass'), () => {});
    workers[0].send({ type: 'ready', snapshot: 'downloaded' });
    workers[0].send({ type: 'started', id: workers[0].lastRunId() });
    handle.stop();
    await expect(handle.done).resolves.toEqual({ kind: 'stopped' });
    expect(workers[0].terminated).toBe(true);
    expect(workers).toHaveLength(2);
    // A late message from the killed worker changes nothing.
    workers[0].send({ type: 'finished', id: 1, result: OK });
    vi.advanceTimersByTime(60_000);
    expect(workers[1].received).toEqual([]);
  });

  it('runs one cell at a time; a waiting run can be stopped without touching the running one', async () => {
    const first = runner.run(request('first'), () => {});
    const waitingProgress: RunProgress[] = [];
    const second = runner.run(request('second'), (p) => waitingProgress.push(p));
    const third = runner.run(request('third'), () => {});
    expect(waitingProgress).toEqual([{ type: 'waiting' }]);
    const worker = workers[0];
    expect(worker.received.map((m) => m.code)).toEqual(['first']);

    second.stop();
    await expect(second.done).resolves.toEqual({ kind: 'stopped' });
    expect(worker.terminated).toBe(false);

    worker.send({ type: 'ready', snapshot: 'downloaded' });
    worker.send({ type: 'started', id: worker.lastRunId() });
    worker.send({ type: 'finished', id: worker.lastRunId(), result: OK });
    await first.done;
    expect(worker.received.map((m) => m.code)).toEqual(['first', 'third']);
    worker.send({ type: 'started', id: worker.lastRunId() });
    worker.send({ type: 'finished', id: worker.lastRunId(), result: OK });
    await expect(third.done).resolves.toEqual({ kind: 'finished', result: OK });
  });

  it('reports Python failing to load, and tries a new worker for the next run', async () => {
    const handle = runner.run(request('print(1)'), () => {});
    workers[0].send({ type: 'load-failed', message: 'network error' });
    await expect(handle.done).resolves.toEqual({ kind: 'failed', message: 'Python could not load: network error' });
    expect(runner.state.get()).toEqual({ kind: 'failed' });
    runner.run(request('print(2)'), () => {});
    expect(workers).toHaveLength(2);
    expect(workers[1].received.map((m) => m.code)).toEqual(['print(2)']);
  });

  it('reports a worker that dies, and a crash inside the runner, as failures', async () => {
    const dies = runner.run(request('print(1)'), () => {});
    workers[0].onerror?.(new Event('error'));
    await expect(dies.done).resolves.toEqual({ kind: 'failed', message: 'The Python worker stopped unexpectedly.' });

    const crashes = runner.run(request('print(2)'), () => {});
    const worker = workers[1];
    worker.send({ type: 'ready', snapshot: 'downloaded' });
    worker.send({ type: 'started', id: worker.lastRunId() });
    worker.send({ type: 'crashed', id: worker.lastRunId(), message: 'boom' });
    await expect(crashes.done).resolves.toEqual({ kind: 'failed', message: 'Python stopped with an internal error: boom' });
    expect(worker.terminated).toBe(true);
  });
});

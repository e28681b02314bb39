// Several processes serving on the same ports, with node:cluster, so a server that keeps
// no state between requests (the relay; the site in relay-only mode) can use more than
// one core. The primary forks the workers; each runs the same server, and their listen()
// calls share the primary's listening socket, listen(0) included (every worker gets the
// port the first one was given). The primary takes each new connection and hands it to
// the next worker in turn. The sandbox holds its state in one process: it is never run
// this way.
import cluster, { type Worker } from 'node:cluster';

/** Between the primary and its workers, over the cluster's IPC channel. */
type Message = { labbookProcesses: 'ready'; detail: unknown } | { labbookProcesses: 'failed'; reason: string } | { labbookProcesses: 'stop' };

/** What a worker's server hands back: what the primary should know of it (its address), and how to stop it. */
export interface WorkerServer<T> {
  detail: T;
  close(): Promise<void>;
}

export interface ProcessGroupOptions {
  count: number;
  /** The module each worker runs: one that calls serveInWorker. Default: this process's own script, as cluster does. */
  exec?: string;
  args?: string[];
  /** Added to this process's environment. */
  env?: Record<string, string>;
}

export interface ProcessGroup<T> {
  /** In fork order, once every worker's server is listening. */
  workers: Array<{ pid: number; detail: T }>;
  close(): Promise<void>;
}

/** A worker still running this long after being asked to stop is killed. */
const STOP_GRACE_MS = 10_000;

export const isWorkerProcess = (): boolean => cluster.isWorker;

/** In the primary: forks `count` workers and waits until each is serving; if one fails to start, stops them all and throws. */
export async function startProcesses<T>({ count, exec, args, env = {} }: ProcessGroupOptions): Promise<ProcessGroup<T>> {
  cluster.setupPrimary({ ...(exec && { exec }), ...(args && { args }) });
  const workers = Array.from({ length: count }, () => cluster.fork(env));
  const close = () => Promise.all(workers.map(stop)).then(() => undefined);
  try {
    const details = await Promise.all(workers.map((worker) => serving<T>(worker)));
    return { workers: workers.map((worker, i) => ({ pid: worker.process.pid!, detail: details[i] })), close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** In a worker: starts its server, tells the primary (or why it could not start), and closes it when the primary says stop. */
export async function serveInWorker<T>(start: () => Promise<WorkerServer<T>>): Promise<void> {
  let server: WorkerServer<T>;
  try {
    server = await start();
  } catch (error) {
    process.send!({ labbookProcesses: 'failed', reason: (error as Error).message } satisfies Message, () => process.exit(1));
    return;
  }
  process.on('message', (message: Message) => {
    if (message.labbookProcesses === 'stop') void server.close().then(() => process.exit(0));
  });
  process.send!({ labbookProcesses: 'ready', detail: server.detail } satisfies Message);
}

function serving<T>(worker: Worker): Promise<T> {
  return new Promise((resolve, reject) => {
    const exited = (code: number | null, signal: string | null) =>
      reject(new Error(`a server process exited before it was serving (${signal ?? `exit code ${code}`})`));
    worker.once('exit', exited);
    worker.on('message', (message: Message) => {
      if (message.labbookProcesses === 'stop') return;
      worker.off('exit', exited);
      if (message.labbookProcesses === 'ready') resolve(message.detail as T);
      else reject(new Error(`a server process could not start: ${message.reason}`));
    });
  });
}

function stop(worker: Worker): Promise<void> {
  if (worker.isDead()) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => worker.process.kill('SIGKILL'), STOP_GRACE_MS);
    worker.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    if (worker.isConnected()) worker.send({ labbookProcesses: 'stop' } satisfies Message);
    else worker.process.kill('SIGTERM');
  });
}

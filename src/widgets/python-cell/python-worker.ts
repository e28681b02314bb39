/// <reference lib="webworker" />
// The Python worker: restores Python from the site's memory snapshot (python-snapshot.ts) with
// Pyodide served by the site itself, and runs cells one at a time. The page ends runaway code
// by terminating this worker, so nothing here needs to interrupt Python.
import type { PyodideAPI } from 'pyodide';
import { RUNNER_MODULE, SNAPSHOT_FILE } from './python-snapshot.ts';
import type { CellResult, FromWorker, OutputStream, SnapshotSource, ToWorker } from './run-protocol.ts';
import { readStoredSnapshot, storeSnapshot } from './stored-snapshot.ts';

declare const self: DedicatedWorkerGlobalScope;

const PYODIDE_INDEX = `${import.meta.env.BASE_URL.replace(/\/?$/, '/')}pyodide/`;
/** Output is sent in slices at most this far apart, so a print loop does not flood the page with messages. */
const FLUSH_INTERVAL_MS = 50;

let currentRun = 0;

function post(message: FromWorker): void {
  self.postMessage(message);
}

/**
 * What Python writes, forwarded to the page in slices: each slice is one stream, and
 * slices keep the order the writes happened in, across stdout and stderr.
 */
const output = (() => {
  let pendingStream: OutputStream = 'stdout';
  let pendingText = '';
  let lastFlush = 0;
  const flush = () => {
    if (pendingText) post({ type: 'output', id: currentRun, stream: pendingStream, text: pendingText });
    pendingText = '';
    lastFlush = performance.now();
  };
  const writerFor = (stream: OutputStream) => {
    const decoder = new TextDecoder();
    return (buffer: Uint8Array): number => {
      if (stream !== pendingStream) flush();
      pendingStream = stream;
      pendingText += decoder.decode(buffer, { stream: true });
      if (performance.now() - lastFlush >= FLUSH_INTERVAL_MS) flush();
      return buffer.length;
    };
  };
  return { flush, stdout: writerFor('stdout'), stderr: writerFor('stderr') };
})();

interface Snapshot {
  bytes: ArrayBuffer;
  source: SnapshotSource;
  /** Keeps a decoded copy for the next page, where the server gave a validator to key it by. */
  keep?: () => Promise<void>;
}

/**
 * The snapshot's bytes: the stored copy (stored-snapshot.ts) when it matches the ETag the response
 * has now, else the response's body, from the server or the browser's HTTP cache. The response
 * is asked for either way, so its validator comes through the browser's usual revalidation.
 */
async function fetchSnapshot(): Promise<Snapshot> {
  const url = new URL(`${PYODIDE_INDEX}${SNAPSHOT_FILE}`, self.location.href).href;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${SNAPSHOT_FILE}: HTTP ${response.status}`);
  const validator = response.headers.get('etag');
  // A storage that fails (a private window's quota, a blocked database) only means the slower path.
  const stored = validator ? await readStoredSnapshot(validator).catch(() => undefined) : undefined;
  if (stored) {
    // Its body is never read, so the browser does not decode it.
    await response.body?.cancel();
    return { bytes: stored, source: 'stored' };
  }
  const bytes = await response.arrayBuffer();
  const timing = performance.getEntriesByName(url).at(-1) as PerformanceResourceTiming | undefined;
  // A revalidation transfers headers only.
  const fromCache = timing !== undefined && timing.transferSize < timing.encodedBodySize;
  return {
    bytes,
    source: fromCache ? 'http-cache' : 'downloaded',
    keep: validator ? () => storeSnapshot(validator, bytes).catch(() => undefined) : undefined,
  };
}

/** Restores Python, tells the page it is ready, and resolves with what runs a cell. */
async function loadPython(): Promise<(code: string, check: string | null) => CellResult> {
  const snapshot = fetchSnapshot();
  const { loadPyodide } = (await import(/* @vite-ignore */ `${PYODIDE_INDEX}pyodide.mjs`)) as typeof import('pyodide');
  const pyodide: PyodideAPI = await loadPyodide({ indexURL: PYODIDE_INDEX, _loadSnapshot: snapshot.then((s) => s.bytes) });
  pyodide.setStdout({ write: output.stdout, isatty: false });
  pyodide.setStderr({ write: output.stderr, isatty: false });
  // There is no one to type at a prompt: input() gets end-of-file at once.
  pyodide.setStdin({ stdin: () => null });
  const runCell = (pyodide.pyimport(RUNNER_MODULE) as { run_cell: (code: string, check?: string) => string }).run_cell;
  const { source, keep } = await snapshot;
  post({ type: 'ready', snapshot: source });
  // A task of its own, after any Run already waiting for Python: copying 31 MB must not delay it.
  if (keep) setTimeout(() => void keep(), 0);
  // A JavaScript null would reach Python as JsNull; undefined arrives as None.
  return (code, check) => JSON.parse(runCell(code, check ?? undefined)) as CellResult;
}

const python = loadPython();
python.catch((error: unknown) => post({ type: 'load-failed', message: error instanceof Error ? error.message : String(error) }));

self.onmessage = async (event: MessageEvent<ToWorker>) => {
  const { id, code, check } = event.data;
  const runCell = await python.catch(() => undefined);
  if (!runCell) return; // the page already heard 'load-failed'
  currentRun = id;
  post({ type: 'started', id });
  let ending: FromWorker;
  try {
    ending = { type: 'finished', id, result: runCell(code, check) };
  } catch (error) {
    // The student's errors are caught in Python; reaching here is a fault in the runner itself.
    ending = { type: 'crashed', id, message: error instanceof Error ? error.message : String(error) };
  }
  output.flush();
  post(ending);
};

// The messages between the page and the Python worker, and what a finished run reports.

/** An error raised by the student's code, already cut down to their own lines. */
export interface CellError {
  /** e.g. "ZeroDivisionError: division by zero" */
  summary: string;
  /** The line in the cell where it happened, when Python knows it. */
  line: number | null;
}

/** The verdict of an exercise's hidden checks. */
export interface CheckResult {
  passed: boolean;
  /** What passed, or what failed: the assert's own message or its expression. */
  message: string;
}

/** What the worker's Python side returns for one run. */
export interface CellResult {
  error: CellError | null;
  check: CheckResult | null;
}

export type OutputStream = 'stdout' | 'stderr';

/** Where Python's memory snapshot came from: the server, the browser's HTTP cache, or the decoded copy kept in IndexedDB. */
export type SnapshotSource = 'downloaded' | 'http-cache' | 'stored';

export type ToWorker = { type: 'run'; id: number; code: string; check: string | null };

export type FromWorker =
  | { type: 'ready'; snapshot: SnapshotSource }
  | { type: 'load-failed'; message: string }
  | { type: 'started'; id: number }
  | { type: 'output'; id: number; stream: OutputStream; text: string }
  | { type: 'finished'; id: number; result: CellResult }
  | { type: 'crashed'; id: number; message: string };

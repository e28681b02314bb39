// One Python worker per page, shared by every cell on it: Pyodide loads once and
// a student running several cells does not pay for several interpreters.
import { createPythonRunner, type PythonRunner, type WorkerLike } from './python-runner.ts';

let shared: PythonRunner | undefined;

export function sharedPythonRunner(): PythonRunner {
  shared ??= createPythonRunner(() => new Worker(new URL('./python-worker.ts', import.meta.url), { type: 'module', name: 'python' }) as WorkerLike);
  return shared;
}

// One Python worker per page, shared by every cell on it: Pyodide loads once and
// a student running several cells does not pay for several interpreters.
import { createPythonRunner, type PythonRunner, type WorkerLike } from './python-runner.ts';

let shared: PythonRunner | undefined;

export function sharedPythonRunner(): PythonRunner {
  shared ??= createPythonRunner(() => new Worker(new URL('./python-worker.ts', import.meta.url), { type: 'module', name: 'python' }) as WorkerLike);
  return shared;
}

/**
 * Starts Python once the page has loaded and the browser is idle, so it is ready by the time
 * the student clicks Run without taking anything from the page's own start. The worker does
 * the work off the main thread; a Run clicked sooner starts (or joins) the same load.
 */
export function preloadPythonWhenIdle(): void {
  const start = () => sharedPythonRunner().preload();
  const whenIdle = () => ('requestIdleCallback' in window ? requestIdleCallback(start, { timeout: 2000 }) : setTimeout(start, 200));
  if (document.readyState === 'complete') whenIdle();
  else addEventListener('load', whenIdle, { once: true });
}

import { getPriority, setPriority } from 'node:os';

/**
 * How far below the sandbox's own priority a warm environment runs (nice values; 19 is
 * the lowest). On AWS each environment has hardware of its own and never slows Lambda's
 * front end; here they share the student's cores with the one sandbox process that every
 * request passes through. At equal priority, each write that wakes a busy runtime can hand
 * it the core and leave the sandbox queued behind all of them: with 32 busy environments
 * the sandbox's event loop, and with it every request, stalled in socket writes.
 */
export const RUNTIME_NICENESS = 10;
const LOWEST_PRIORITY = 19;

/** Lowers a runtime process's priority below the sandbox's; where the system refuses, it keeps running as it was. */
export function runBelowSandbox(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    setPriority(pid, Math.min(LOWEST_PRIORITY, getPriority() + RUNTIME_NICENESS));
  } catch {
    // ESRCH: the process has already gone; EACCES: the system does not allow it.
  }
}

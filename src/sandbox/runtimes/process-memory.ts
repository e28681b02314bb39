import { readFileSync } from 'node:fs';

/**
 * Bytes of anonymous memory a process holds (Linux: RssAnon in /proc/<pid>/status): its
 * heaps and stacks, which only it holds and which stopping it gives back. Its RSS would
 * also count the file pages it shares with every process of the same program — for
 * Node.js, the ~35 MB binary the sandbox and all its environments map once between them.
 * (smaps_rollup's Private_* says nearly the same, but walking a V8 process's reserved
 * address space takes ~10 ms a read; status is a counter.) Undefined where the system
 * does not say, or once the process has gone.
 */
export function privateMemoryBytes(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const kb = /^RssAnon:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

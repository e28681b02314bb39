import { readFileSync } from 'node:fs';

/**
 * Bytes only this process holds (Linux: its private pages in /proc/<pid>/smaps_rollup):
 * what stopping it gives back. Its RSS would also count the pages it shares with every
 * other process of the same program — for Node.js, the ~35 MB binary the sandbox and all
 * its environments map once between them. Undefined where the system does not say, or
 * once the process has gone.
 */
export function privateMemoryBytes(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    let kb = 0;
    for (const [, amount] of rollup.matchAll(/^Private_(?:Clean|Dirty|Hugetlb):\s+(\d+) kB/gm)) kb += Number(amount);
    return kb * 1024;
  } catch {
    return undefined;
  }
}

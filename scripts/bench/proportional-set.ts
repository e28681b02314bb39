// Proportional set size (PSS, Linux): each process's resident pages, a page shared by n
// processes counted 1/n in each, so summed over a group of processes that share the
// Node.js binary's pages it counts them once, not once per process as summed RSS does.
// Unlike resident-pages.ts it needs no root: /proc/<pid>/smaps_rollup is the owner's to read.
import { readFile } from 'node:fs/promises';

/**
 * Bytes of PSS summed over `pids`, or undefined where /proc has no smaps_rollup (not Linux).
 * A process that has exited since the list was made holds nothing and adds nothing.
 */
export async function summedPssBytes(pids: number[]): Promise<number | undefined> {
  let total = 0;
  let read = 0;
  for (const pid of pids) {
    const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
    const pss = /^Pss:\s+(\d+) kB/m.exec(rollup);
    if (!pss) continue;
    total += Number(pss[1]) * 1024;
    read += 1;
  }
  return read > 0 ? total : undefined;
}

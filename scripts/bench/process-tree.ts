// Resident memory of a process and everything it started, read from /proc (Linux).
import { readFile, readdir } from 'node:fs/promises';

/** Resident bytes of a process and all its descendants (each one's RSS, summed), how many they are and their ids; 0 where there is no /proc. */
export async function processTree(pid: number): Promise<{ rss: number; processes: number; pids: number[] }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const tree = { rss: Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024, processes: status ? 1 : 0, pids: status ? [pid] : [] };
  for (const thread of await readdir(`/proc/${pid}/task`).catch(() => [] as string[])) {
    const children = await readFile(`/proc/${pid}/task/${thread}/children`, 'utf8').catch(() => '');
    for (const child of children.split(' ').filter(Boolean)) {
      const sub = await processTree(Number(child));
      tree.rss += sub.rss;
      tree.processes += sub.processes;
      tree.pids.push(...sub.pids);
    }
  }
  return tree;
}

// Resident memory of a process and everything it started, read from /proc (Linux).
import { readFile, readdir } from 'node:fs/promises';

/** Resident bytes of a process and all its descendants, and how many they are; 0 where there is no /proc. */
export async function processTree(pid: number): Promise<{ rss: number; processes: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const tree = { rss: Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024, processes: status ? 1 : 0 };
  for (const thread of await readdir(`/proc/${pid}/task`).catch(() => [] as string[])) {
    const children = await readFile(`/proc/${pid}/task/${thread}/children`, 'utf8').catch(() => '');
    for (const child of children.split(' ').filter(Boolean)) {
      const sub = await processTree(Number(child));
      tree.rss += sub.rss;
      tree.processes += sub.processes;
    }
  }
  return tree;
}

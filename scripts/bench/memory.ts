// The benchmarked server's memory: after it started and settled (idle), and at the end,
// after the areas that ran before this one, each after a full garbage collection.
import type { BenchContext } from './context.ts';
import { SETTLE_MS } from './labbook-server.ts';
import { row, type AreaResult } from './report.ts';

const LOAD_AREAS = ['python-cell', 'lambda', 'http-api', 'websocket'];

export async function memoryArea(ctx: BenchContext): Promise<AreaResult> {
  const server = await ctx.server();
  const idle = server.idleMemory;
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const end = await server.memory();
  const loads = ctx.finished.filter((area) => LOAD_AREAS.includes(area));
  const after = loads.length > 0 ? `after ${loads.join(', ')}` : 'with no load run before it';
  const mib = (bytes: number) => ({ value: bytes / 2 ** 20, unit: 'MiB' });
  return {
    rows: [
      row('Server memory', `server RSS at the end (${after}) vs idle`, mib(end.rss), mib(idle.rss)),
      row('Server memory', 'server JS heap used, end vs idle', mib(end.heapUsed), mib(idle.heapUsed)),
      row('Server memory', `server + its child processes RSS (${end.treeProcesses} vs ${idle.treeProcesses} processes), end vs idle`, mib(end.treeRss), mib(idle.treeRss)),
    ],
    details: {
      baseline: `the same server idle, ${SETTLE_MS / 1000} s after it started; each figure after a full GC (--expose-gc) and a ${SETTLE_MS / 1000} s settle`,
      process: 'node bin/labbook.js start (site, sandbox in memory, relay), in a child process',
      loadAreasBefore: loads,
      idleBytes: idle,
      endBytes: end,
    },
  };
}

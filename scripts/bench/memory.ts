// The benchmarked server's memory: after it started and settled (idle), and at the end,
// after the areas that ran before this one, each after a full garbage collection. Then a
// sandbox of its own around a burst on a Node.js function (lambda-burst.ts).
import type { BenchContext } from './context.ts';
import { measureBurstMemory, WARM_IDLE_MS } from './lambda-burst.ts';
import { SETTLE_MS } from './labbook-server.ts';
import { row, type AreaResult, type Row } from './report.ts';

/** The burst's sandbox, beside the benchmarked server's ports (bench.ts). */
const BURST_SANDBOX_PORT = 4473;

const LOAD_AREAS = ['python-cell', 'lambda', 'http-api', 'websocket'];

export async function memoryArea(ctx: BenchContext): Promise<AreaResult> {
  const server = await ctx.server();
  const idle = server.idleMemory;
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const end = await server.memory();
  const loads = ctx.finished.filter((area) => LOAD_AREAS.includes(area));
  const after = loads.length > 0 ? `after ${loads.join(', ')}` : 'with no load run before it';
  const mib = (bytes: number) => ({ value: bytes / 2 ** 20, unit: 'MiB' });
  const burst = await measureBurstMemory(BURST_SANDBOX_PORT, ctx.quick ? 5 : 25);
  const burstRows: Row[] = [
    row('Lambda memory', 'sandbox + environments after a 16-client burst on a Node.js function, each process RSS summed, vs the sandbox idle', mib(burst.afterBurst.summedRss), mib(burst.idle.summedRss)),
  ];
  if (burst.afterBurst.summedPss !== undefined && burst.idle.summedPss !== undefined) {
    burstRows.push(row('Lambda memory', "the same, each process's PSS summed (a page shared by n processes counts 1/n in each), vs the sandbox idle", mib(burst.afterBurst.summedPss), mib(burst.idle.summedPss)));
  }
  if (burst.warmIdle.summedPss !== undefined && burst.idle.summedPss !== undefined) {
    burstRows.push(row('Lambda memory', `the same ${WARM_IDLE_MS / 1000} s later, the environments warm and waiting (PSS summed), vs the sandbox idle`, mib(burst.warmIdle.summedPss), mib(burst.idle.summedPss)));
  }
  if (burst.afterBurst.distinct !== undefined && burst.afterIdleTimeout.distinct !== undefined && burst.idle.distinct !== undefined) {
    burstRows.push(
      row('Lambda memory', 'the same, each resident page counted once, vs the sandbox idle', mib(burst.afterBurst.distinct), mib(burst.idle.distinct)),
      row('Lambda memory', 'the same after the idle timeout (pages counted once), vs the sandbox idle', mib(burst.afterIdleTimeout.distinct), mib(burst.idle.distinct)),
    );
  }
  return {
    rows: [
      row('Server memory', `server RSS at the end (${after}) vs idle`, mib(end.rss), mib(idle.rss)),
      row('Server memory', 'server JS heap used, end vs idle', mib(end.heapUsed), mib(idle.heapUsed)),
      row('Server memory', `server + its child processes RSS (${end.treeProcesses} vs ${idle.treeProcesses} processes), end vs idle`, mib(end.treeRss), mib(idle.treeRss)),
      ...burstRows,
    ],
    details: {
      baseline: `the same server idle, ${SETTLE_MS / 1000} s after it started; each figure after a full GC (--expose-gc) and a ${SETTLE_MS / 1000} s settle`,
      process: 'node bin/labbook.js start (site, sandbox in memory, relay), in a child process',
      loadAreasBefore: loads,
      idleBytes: idle,
      endBytes: end,
      lambdaBurst: burst,
    },
  };
}

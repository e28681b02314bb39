// The server's memory when `labbook start` finds the site out of date and rebuilds it first,
// beside the shared server that started on an up-to-date build. The build runs in a child
// process (server/site-build.ts), so the server should not keep any of its memory.
import { utimes } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { BenchContext } from './context.ts';
import { SETTLE_MS, startLabbookServer } from './labbook-server.ts';
import { row, type AreaResult } from './report.ts';

const PORT = 4473;
const SANDBOX_PORT = 4474;
const BUILD_STAMP = resolve(import.meta.dirname, '../../dist/.labbook-build');

export async function rebuildArea(ctx: BenchContext): Promise<AreaResult> {
  const upToDate = (await ctx.server()).idleMemory;
  // A stamp older than every source is what a touched chapter looks like to the server.
  await utimes(BUILD_STAMP, 0, 0);
  ctx.log('starting a second labbook that rebuilds the site first');
  const started = performance.now();
  const rebuilt = await startLabbookServer(PORT, SANDBOX_PORT);
  const startMs = performance.now() - started - SETTLE_MS;
  try {
    const mib = (bytes: number) => ({ value: bytes / 2 ** 20, unit: 'MiB' });
    return {
      rows: [
        row('Server memory', 'server RSS after a rebuild on start vs a start without one (each idle, after GC)', mib(rebuilt.idleMemory.rss), mib(upToDate.rss)),
      ],
      details: {
        baseline: `the shared bench server, started on an up-to-date build, ${SETTLE_MS / 1000} s after it started`,
        startWithRebuildMs: Math.round(startMs),
        rebuiltBytes: rebuilt.idleMemory,
        upToDateBytes: upToDate,
      },
    };
  } finally {
    await rebuilt.close();
  }
}

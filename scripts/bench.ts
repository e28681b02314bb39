// npm run bench [-- --quick] [-- --only lambda,http-api] [-- --port 4471]
//
// Runs every benchmark area (or those named), each figure beside a baseline measured in
// the same run, prints one table and writes bench/results/bench-<time>.json and
// latest.json with the machine, the samples' summaries and what each baseline is.
// The areas that need a server share one `labbook start` child process (ports 4471 and
// 4472, or --port and the one after it); its memory is read idle at start and at the end.
// The peers area starts its own systems (labbook's sandbox, moto_server, Architect's
// sandbox) on ports 4473-4477, or from LABBOOK_BENCH_PEERS_PORT on; aws-timings runs Playwright's
// servers on --port + 8 and + 9. Not part of `npm test`.
import '../src/steps/node-vite-imports.ts';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Area, BenchContext } from './bench/context.ts';
import type { LabbookServer } from './bench/labbook-server.ts';
import { machineInfo, markdownTable, writeReport, type AreaResult } from './bench/report.ts';

// Loaded when run, so `--only lambda` needs neither Playwright nor the lab steps, and the
// `?raw` hook above is in place before the steps' modules are resolved.
const AREAS: Record<string, () => Promise<Area>> = {
  // First, before the shared server starts: it runs its own systems, one at a time, on a quiet machine.
  peers: async () => (await import('./bench/peers.ts')).peersArea,
  pages: async () => (await import('./bench/pages.ts')).pagesArea,
  provisioning: async () => (await import('./bench/provisioning.ts')).provisioningArea,
  'python-cell': async () => (await import('./bench/python-cell.ts')).pythonCellArea,
  lambda: async () => (await import('./bench/lambda.ts')).lambdaArea,
  'http-api': async () => (await import('./bench/http-api.ts')).httpApiArea,
  websocket: async () => (await import('./bench/websocket.ts')).websocketArea,
  'whole-lab': async () => (await import('./bench/whole-lab.ts')).wholeLabArea,
  // The same walk-through and the steps' CLI text at AWS's full delays: a quarter of an hour or more.
  'aws-timings': async () => (await import('./bench/aws-timings.ts')).awsTimingsArea,
  rebuild: async () => (await import('./bench/rebuild.ts')).rebuildArea,
  // After the load areas: it reads the server's memory after them.
  memory: async () => (await import('./bench/memory.ts')).memoryArea,
  // After memory: its hundreds of students' tables, functions and APIs stay in the server's sandbox.
  capacity: async () => (await import('./bench/capacity.ts')).capacityArea,
};

const { values } = parseArgs({
  options: { only: { type: 'string' }, quick: { type: 'boolean', default: false }, port: { type: 'string', default: '4471' } },
});
const SERVER_PORT = Number(values.port);
const SANDBOX_PORT = SERVER_PORT + 1;
const names = values.only ? values.only.split(',').map((name) => name.trim()) : Object.keys(AREAS);
const unknown = names.filter((name) => !(name in AREAS));
if (unknown.length > 0) {
  console.error(`unknown area(s): ${unknown.join(', ')}; the areas are ${Object.keys(AREAS).join(', ')}`);
  process.exit(2);
}
const ordered = Object.keys(AREAS).filter((name) => names.includes(name));

const measuredAt = new Date().toISOString();
const machine = machineInfo();
console.log(`labbook benchmarks${values.quick ? ' (quick)' : ''}: ${ordered.join(', ')}`);
console.log(`${machine.cpu}, ${machine.cores} cores, Node.js ${machine.node}, load average ${machine.loadAverageAtStart.join(' ')}\n`);

let server: Promise<LabbookServer> | undefined;
const finished: string[] = [];
const results: Record<string, AreaResult> = {};
const failures: Record<string, string> = {};
for (const name of ordered) {
  const ctx: BenchContext = {
    quick: values.quick,
    port: SERVER_PORT,
    finished: [...finished],
    log: (line) => console.log(`[${name}] ${line}`),
    server: () =>
      (server ??= import('./bench/labbook-server.ts').then(({ startLabbookServer }) => {
        console.log(`[server] starting labbook on ${SERVER_PORT} (sandbox ${SANDBOX_PORT})`);
        return startLabbookServer(SERVER_PORT, SANDBOX_PORT);
      })),
  };
  const started = performance.now();
  try {
    results[name] = await (await AREAS[name]())(ctx);
    finished.push(name);
    ctx.log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  } catch (error) {
    failures[name] = (error as Error).stack ?? String(error);
    ctx.log(`FAILED: ${(error as Error).message}`);
  }
}
await (await server?.catch(() => undefined))?.close();

const rows = ordered.flatMap((name) => results[name]?.rows ?? []);
console.log(`\n${markdownTable(rows)}\n`);
for (const table of ordered.flatMap((name) => results[name]?.tables ?? [])) console.log(`${table}\n`);
const path = await writeReport(resolve(import.meta.dirname, '../bench/results'), {
  measuredAt,
  quick: values.quick,
  machine: { ...machine, loadAverageAtEnd: loadavg().map((load) => Number(load.toFixed(2))) },
  rows,
  areas: Object.fromEntries(Object.entries(results).map(([name, result]) => [name, result.details])),
  failures,
});
console.log(`wrote ${path} and latest.json`);
if (Object.keys(failures).length > 0) {
  console.error(`failed: ${Object.keys(failures).join(', ')}`);
  process.exitCode = 1;
}

// labbook's sandbox beside the local emulators a student or instructor would pick instead:
// moto_server and Architect's sandbox (peer-moto.ts, peer-architect.ts). Each round starts
// every system afresh, one after the other (the order turning each round, so none always
// goes first on a machine still busy from the last), and measures, with that system alone
// running:
//   - start to ready: spawn to the first signed DynamoDB answer (peer-system.ts);
//   - idle RSS of its process tree, SETTLE_MS after that;
//   - DynamoDB PutItem/GetItem ops/s with boto3, 1 client and 16 threads (peer-dynamodb.ts);
//   - HTTP route → Node.js handler → DynamoDB put+get, req/s at 1 and 10 clients, then a
//     burst of 16 clients at once and the process tree's RSS and PSS right after it and SETTLE_MS
//     later, what it keeps (peer-http-load.ts).
// The figures are medians of the rounds, labbook ÷ peer beside each (peer-table.ts). A peer
// that cannot be installed or started is skipped with a line saying why; the bench goes on.
// Ports: LABBOOK_BENCH_PEERS_PORT (default 4473) and the four after it.
import { loadavg } from 'node:os';
import type { BenchContext } from './context.ts';
import { architectPeer } from './peer-architect.ts';
import { createLoadTable, dynamodbLoad } from './peer-dynamodb.ts';
import { burst, httpLoad } from './peer-http-load.ts';
import { labbookPeer, PEER_ENVIRONMENTS_MEMORY_MB, PEER_FUNCTION_CONCURRENCY } from './peer-labbook.ts';
import { motoPeer } from './peer-moto.ts';
import type { Peer, RunningPeer } from './peer-system.ts';
import { BURST_CLIENTS, HTTP_CLIENTS, SETTLE_MS, THREADS, peerRows, peerTable, type PeerOutcome, type PeerRound } from './peer-table.ts';
import { processTree } from './process-tree.ts';
import { summedPssBytes } from './proportional-set.ts';
import type { AreaResult } from './report.ts';

const ROUNDS = 3;
const QUICK_ROUNDS = 1;
const LOAD_SECONDS = 4;
const QUICK_LOAD_SECONDS = 1;
const WARMUP_CALLS = 20;

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function measureRound(running: RunningPeer, settings: { seconds: number; round: number }): Promise<PeerRound> {
  await pause(SETTLE_MS);
  const idle = await processTree(running.pid);
  await createLoadTable(running.dynamodb);
  const load = (threads: number) => dynamodbLoad(running.dynamodb, { threads, seconds: settings.seconds, warmupCalls: WARMUP_CALLS, prefix: `r${settings.round}t${threads}` });
  const dynamodbSerial = await load(1);
  const dynamodbThreads = await load(THREADS);
  const url = await running.httpRoute();
  const round: PeerRound = { readyMs: running.readyMs, idleRssBytes: idle.rss, dynamodbSerial, dynamodbThreads };
  if (!url) return round;
  const [one, ten] = HTTP_CLIENTS;
  // Unmeasured: the first request and as many warm handlers as 10 clients need, where a system keeps them.
  await httpLoad(url, ten, 0.5);
  const oneClient = await httpLoad(url, one, settings.seconds);
  const tenClients = await httpLoad(url, ten, settings.seconds);
  const burstOutcome = await burst(url, BURST_CLIENTS);
  const after = await processTree(running.pid);
  const pssBytes = await summedPssBytes(after.pids);
  await pause(SETTLE_MS);
  const settled = await processTree(running.pid);
  const settledPssBytes = await summedPssBytes(settled.pids);
  return { ...round, http: { oneClient, tenClients, burst: { ...burstOutcome, rssBytes: after.rss, settledRssBytes: settled.rss, pssBytes, settledPssBytes } } };
}

export async function peersArea(ctx: BenchContext): Promise<AreaResult> {
  const base = Number(process.env.LABBOOK_BENCH_PEERS_PORT ?? 4473);
  const labbook = labbookPeer(base);
  const others: Peer[] = [motoPeer(base + 1), architectPeer({ http: base + 2, tables: base + 3, internal: base + 4 })];
  const outcomes = new Map<Peer, PeerOutcome>([labbook, ...others].map((peer) => [peer, { name: peer.name, rounds: [] }]));
  const rounds = ctx.quick ? QUICK_ROUNDS : ROUNDS;
  const seconds = ctx.quick ? QUICK_LOAD_SECONDS : LOAD_SECONDS;
  const loads: number[][] = [];
  try {
    for (const peer of [labbook, ...others]) {
      const outcome = outcomes.get(peer)!;
      try {
        outcome.runs = await peer.prepare();
        ctx.log(`${peer.name}: ${outcome.runs}`);
      } catch (error) {
        if (peer === labbook) throw error;
        outcome.skipped = (error as Error).message;
        ctx.log(`${peer.name} skipped: ${outcome.skipped}`);
      }
    }
    for (let round = 0; round < rounds; round++) {
      const running = [labbook, ...others].filter((peer) => !outcomes.get(peer)!.skipped);
      const order = running.map((_, i) => running[(i + round) % running.length]);
      loads.push(loadavg());
      for (const peer of order) {
        const outcome = outcomes.get(peer)!;
        try {
          const started = await peer.start();
          try {
            outcome.rounds.push(await measureRound(started, { seconds, round }));
          } finally {
            await started.stop();
          }
          const last = outcome.rounds.at(-1)!;
          ctx.log(
            `round ${round + 1}, ${peer.name}: ready ${last.readyMs.toFixed(0)} ms, DynamoDB ${last.dynamodbSerial.opsPerSecond.toFixed(0)} / ${last.dynamodbThreads.opsPerSecond.toFixed(0)} ops/s` +
              (last.http ? `, HTTP ${last.http.oneClient.requestsPerSecond.toFixed(1)} / ${last.http.tenClients.requestsPerSecond.toFixed(1)} req/s, burst RSS ${(last.http.burst.rssBytes / 2 ** 20).toFixed(0)} → ${(last.http.burst.settledRssBytes / 2 ** 20).toFixed(0)} MiB` : ''),
          );
        } catch (error) {
          if (peer === labbook) throw error;
          outcome.skipped = `failed in round ${round + 1}: ${(error as Error).message}`;
          ctx.log(`${peer.name} skipped: ${outcome.skipped}`);
        }
      }
    }
  } finally {
    for (const peer of others) await peer.cleanUp();
  }
  loads.push(loadavg());

  const ours = outcomes.get(labbook)!;
  const theirs = others.map((peer) => outcomes.get(peer)!);
  const loadRange = (minute: number) => `${Math.min(...loads.map((l) => l[minute])).toFixed(1)}–${Math.max(...loads.map((l) => l[minute])).toFixed(1)}`;
  const caption = `Peers: medians of ${rounds} round${rounds > 1 ? 's' : ''} (${seconds} s per load), in brackets labbook ÷ peer; 1-minute load average ${loadRange(0)} over the rounds`;
  return {
    rows: peerRows(ours, theirs.filter((peer) => !peer.skipped)),
    tables: [`${caption}\n\n${peerTable(ours, theirs)}`],
    details: {
      baseline: 'each peer measured the same way in the same rounds, the systems one after another (never at once), the order turning each round',
      rounds,
      loadSeconds: seconds,
      settleMs: SETTLE_MS,
      dynamodb: `boto3 (python3 on PATH), a client per thread, PutItem and GetItem in turn on keys of their own, ${WARMUP_CALLS} unmeasured calls per thread first`,
      http: `fetch POSTs of a new item to a route whose Node.js handler puts it and gets it back; at ${HTTP_CLIENTS.join(' and ')} clients, after 0.5 s unmeasured at 10; then ${BURST_CLIENTS} at once and the RSS and PSS of the process tree right after and ${SETTLE_MS / 1000} s later`,
      labbookFunctionConcurrency: PEER_FUNCTION_CONCURRENCY,
      labbookEnvironmentsMemoryMb: PEER_ENVIRONMENTS_MEMORY_MB,
      loadAverages: loads.map((l) => l.map((x) => Number(x.toFixed(2)))),
      outcomes: [ours, ...theirs],
    },
  };
}

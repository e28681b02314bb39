// The peers area's figures: each system's rounds reduced to medians, as rows of the
// common table (labbook against each peer) and as one table with a column per system.
import type { DynamoDbLoad } from './peer-dynamodb.ts';
import type { HttpLoad } from './peer-http-load.ts';
import { formatFigure, markdownGrid, row, type Figure, type Row } from './report.ts';
import { percentile } from './stats.ts';

/** One system's figures from one round: started, left idle, loaded, burst, stopped. */
export interface PeerRound {
  readyMs: number;
  idleRssBytes: number;
  dynamodbSerial: DynamoDbLoad;
  dynamodbThreads: DynamoDbLoad;
  /** Absent for a system with no HTTP route → handler path. */
  http?: { oneClient: HttpLoad; tenClients: HttpLoad; burst: { rssBytes: number; settledRssBytes: number; pssBytes?: number; settledPssBytes?: number; errors: number; firstError?: string } };
}

export interface PeerOutcome {
  name: string;
  /** What ran (name, version, how), or why it was skipped. */
  runs?: string;
  skipped?: string;
  rounds: PeerRound[];
}

interface Measure {
  label: string;
  unit: string;
  of(round: PeerRound): number | undefined;
  /** Failed calls behind the figure in that round. */
  failed?(round: PeerRound): number;
}

const MIB = 2 ** 20;
const mib = (bytes: number | undefined) => (bytes === undefined ? undefined : bytes / MIB);
export const THREADS = 16;
export const HTTP_CLIENTS = [1, 10] as const;
export const BURST_CLIENTS = 16;
/** How long a system is left alone before its memory is read, after starting and after the burst. */
export const SETTLE_MS = 3_000;

export const MEASURES: Measure[] = [
  { label: 'DynamoDB PutItem/GetItem, 1 client (boto3)', unit: 'ops/s', of: (r) => r.dynamodbSerial.opsPerSecond, failed: (r) => r.dynamodbSerial.errors },
  { label: 'same, 1 client: p50 latency', unit: 'ms', of: (r) => r.dynamodbSerial.p50 },
  { label: `same, ${THREADS} threads`, unit: 'ops/s', of: (r) => r.dynamodbThreads.opsPerSecond, failed: (r) => r.dynamodbThreads.errors },
  { label: `HTTP route → handler → DynamoDB put+get, ${HTTP_CLIENTS[0]} client`, unit: 'req/s', of: (r) => r.http?.oneClient.requestsPerSecond, failed: (r) => r.http?.oneClient.errors ?? 0 },
  { label: `same, ${HTTP_CLIENTS[1]} clients`, unit: 'req/s', of: (r) => r.http?.tenClients.requestsPerSecond, failed: (r) => r.http?.tenClients.errors ?? 0 },
  { label: 'start to ready', unit: 'ms', of: (r) => r.readyMs },
  { label: 'idle RSS, server and its children', unit: 'MiB', of: (r) => r.idleRssBytes / MIB },
  { label: `RSS right after a burst of ${BURST_CLIENTS} clients on a Node.js function`, unit: 'MiB', of: (r) => (r.http ? r.http.burst.rssBytes / MIB : undefined), failed: (r) => r.http?.burst.errors ?? 0 },
  { label: `same, ${SETTLE_MS / 1000} s later`, unit: 'MiB', of: (r) => (r.http ? r.http.burst.settledRssBytes / MIB : undefined) },
  // Summed RSS counts a page shared by n processes n times (the Node.js binary's, in every
  // environment); PSS splits it among them, so the sum is what the group holds (Linux only).
  { label: `PSS summed right after the same burst (a page n processes share counts 1/n in each)`, unit: 'MiB', of: (r) => mib(r.http?.burst.pssBytes) },
  { label: `PSS summed ${SETTLE_MS / 1000} s after the burst`, unit: 'MiB', of: (r) => mib(r.http?.burst.settledPssBytes) },
];

/** The median over the rounds that have the figure; undefined where none has it. */
export function medianOf(measure: Measure, rounds: PeerRound[]): Figure | undefined {
  const values = rounds.map((r) => measure.of(r)).filter((value): value is number => value !== undefined);
  return values.length > 0 ? { value: percentile(values, 50), unit: measure.unit } : undefined;
}

const failedIn = (measure: Measure, rounds: PeerRound[]) => rounds.reduce((sum, r) => sum + (measure.failed?.(r) ?? 0), 0);

/** labbook (the first outcome) against each peer that ran, one row per measure both have. */
export function peerRows(labbook: PeerOutcome, peers: PeerOutcome[]): Row[] {
  return peers.flatMap((peer) =>
    MEASURES.flatMap((measure) => {
      const [ours, theirs] = [medianOf(measure, labbook.rounds), medianOf(measure, peer.rounds)];
      // A peer at zero (every call failed) has no ratio: its failures show in the peer table.
      return ours && theirs && theirs.value > 0 ? [row('Peers', `${measure.label}, vs ${peer.name}`, ours, theirs)] : [];
    }),
  );
}

/**
 * A column per system that ran; a peer's cell carries labbook ÷ peer in brackets; '—' where
 * a system has no such path; failed calls after the figure. Skipped peers are named below it.
 */
export function peerTable(labbook: PeerOutcome, peers: PeerOutcome[]): string {
  const ran = peers.filter((peer) => !peer.skipped);
  const cell = (outcome: PeerOutcome, measure: Measure, ours?: Figure) => {
    const figure = medianOf(measure, outcome.rounds);
    if (!figure) return '—';
    const failed = failedIn(measure, outcome.rounds);
    const ratio = ours && figure.value > 0 ? ` (${(ours.value / figure.value).toFixed(2)}×)` : '';
    return `${formatFigure(figure)}${ratio}${failed > 0 ? `, ${failed} failed` : ''}`;
  };
  const lines = [
    ['figure', labbook.name, ...ran.map((peer) => peer.name)],
    ...MEASURES.map((measure) => {
      const ours = medianOf(measure, labbook.rounds);
      return [measure.label, cell(labbook, measure), ...ran.map((peer) => cell(peer, measure, ours))];
    }),
  ];
  const notes = peers.filter((peer) => peer.skipped).map((peer) => `${peer.name} skipped: ${peer.skipped}`);
  return [markdownGrid(lines, [false, ...lines[0].slice(1).map(() => true)]), ...notes].join('\n');
}

// The peers benchmark's table: medians of the rounds, labbook ÷ peer, '—' where a system
// has no such path, failures shown, skipped peers named, no ratio against a zero.
import { describe, expect, test } from 'vitest';
import type { DynamoDbLoad } from '../../scripts/bench/peer-dynamodb.ts';
import type { HttpLoad } from '../../scripts/bench/peer-http-load.ts';
import { peerRows, peerTable, type PeerOutcome, type PeerRound } from '../../scripts/bench/peer-table.ts';

const MIB = 2 ** 20;
const dynamodb = (opsPerSecond: number, errors = 0): DynamoDbLoad => ({
  ops: opsPerSecond,
  seconds: 1,
  opsPerSecond,
  p50: 1000 / opsPerSecond,
  p99: 5,
  errors,
  firstError: errors ? 'boom' : null,
});
const http = (requestsPerSecond: number, errors = 0): HttpLoad => ({ requests: requestsPerSecond, seconds: 1, requestsPerSecond, p50: 1, p99: 2, errors });

function round(ops: number, withHttp?: { rps: number; tenErrors?: number; burstMiB: number }): PeerRound {
  return {
    readyMs: 1000,
    idleRssBytes: 100 * MIB,
    dynamodbSerial: dynamodb(ops),
    dynamodbThreads: dynamodb(ops * 2),
    http: withHttp && {
      oneClient: http(withHttp.rps),
      tenClients: http(withHttp.tenErrors ? 0 : withHttp.rps, withHttp.tenErrors),
      burst: { rssBytes: withHttp.burstMiB * MIB, settledRssBytes: (withHttp.burstMiB / 2) * MIB, errors: 0 },
    },
  };
}

const labbook: PeerOutcome = {
  name: 'labbook sandbox',
  rounds: [round(900, { rps: 300, burstMiB: 500 }), round(700, { rps: 100, burstMiB: 700 }), round(800, { rps: 200, burstMiB: 600 })],
};
const moto: PeerOutcome = { name: 'moto', rounds: [round(400), round(200), round(300)] };
const architect: PeerOutcome = { name: 'Architect sandbox', rounds: [round(1600, { rps: 10, tenErrors: 4, burstMiB: 200 })] };
const skipped: PeerOutcome = { name: 'other', skipped: 'npm install failed: offline', rounds: [] };

describe('the peers table', () => {
  const lines = peerTable(labbook, [moto, architect, skipped]).split('\n');
  const line = (label: string) =>
    lines
      .find((l) => l.startsWith(`| ${label} `))!
      .split('|')
      .map((cell) => cell.trim());

  test('medians of the rounds, with labbook ÷ peer in brackets', () => {
    expect(line('DynamoDB PutItem/GetItem, 1 client (boto3)').slice(2, 5)).toEqual(['800 ops/s', '300 ops/s (2.67×)', '1600 ops/s (0.50×)']);
    expect(line('RSS right after a burst of 16 clients on a Node.js function').slice(2, 5)).toEqual(['600 MiB', '—', '200 MiB (3.00×)']);
    expect(line('same, 3 s later').slice(2, 5)).toEqual(['300 MiB', '—', '100 MiB (3.00×)']);
  });

  test("'—' for a system with no HTTP route → handler path; failures counted; no ratio against zero", () => {
    expect(line('HTTP route → handler → DynamoDB put+get, 1 client').slice(2, 5)).toEqual(['200 req/s', '—', '10.0 req/s (20.00×)']);
    expect(line('same, 10 clients').slice(2, 5)).toEqual(['200 req/s', '—', '0.000 req/s, 4 failed']);
  });

  test('a skipped peer has no column and a line saying why', () => {
    expect(lines[0]).not.toContain('other');
    expect(lines.at(-1)).toBe('other skipped: npm install failed: offline');
  });

  test('rows compare labbook with each peer where both have a figure above zero', () => {
    const rows = peerRows(labbook, [moto, architect]);
    expect(rows.filter((r) => r.measure.endsWith('vs moto')).map((r) => r.measure)).toEqual([
      'DynamoDB PutItem/GetItem, 1 client (boto3), vs moto',
      'same, 1 client: p50 latency, vs moto',
      'same, 16 threads, vs moto',
      'start to ready, vs moto',
      'idle RSS, server and its children, vs moto',
    ]);
    expect(rows.find((r) => r.measure === 'same, 10 clients, vs Architect sandbox')).toBeUndefined();
    expect(rows.find((r) => r.measure === 'HTTP route → handler → DynamoDB put+get, 1 client, vs Architect sandbox')?.ratio).toBe(20);
  });
});

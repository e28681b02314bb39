// Several server processes behind one port (src/server/processes.ts): what a relay-only
// class server runs to use more than one core. Each worker here answers with its pid.
import { get } from 'node:http';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startProcesses, type ProcessGroup } from '../../src/server/processes.ts';

const WORKER = resolve(import.meta.dirname, 'fixtures/pid-server.ts');

/** One request on a connection of its own (no keep-alive), so each is a new connection for the primary to hand out. */
function pidAt(port: number): Promise<number> {
  return new Promise((resolvePid, reject) => {
    get({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolvePid(Number(body)));
    }).on('error', reject);
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('two processes behind one port', () => {
  let group: ProcessGroup<{ port: number }>;

  beforeAll(async () => {
    group = await startProcesses<{ port: number }>({ count: 2, exec: WORKER });
  });

  afterAll(async () => {
    await group?.close();
  });

  test('both workers listen on the same port, picked by the first listen(0)', () => {
    expect(group.workers).toHaveLength(2);
    const [first, second] = group.workers;
    expect(first.pid).not.toBe(second.pid);
    expect(first.detail.port).toBeGreaterThan(0);
    expect(second.detail.port).toBe(first.detail.port);
  });

  test('connections go to both workers', async () => {
    const port = group.workers[0].detail.port;
    const answered = new Set<number>();
    for (let i = 0; i < 10; i++) answered.add(await pidAt(port));
    expect([...answered].sort()).toEqual(group.workers.map((worker) => worker.pid).sort());
  });

  test('close() stops every worker, and the port with them', async () => {
    const port = group.workers[0].detail.port;
    await group.close();
    for (const worker of group.workers) expect(alive(worker.pid)).toBe(false);
    await expect(pidAt(port)).rejects.toThrow(/ECONNREFUSED/);
  });
});

test('a worker that cannot start fails the whole group with its reason, and none is left running', async () => {
  const forked: number[] = [];
  const cluster = (await import('node:cluster')).default;
  const onFork = (worker: { process: { pid?: number } }) => forked.push(worker.process.pid!);
  cluster.on('fork', onFork);
  try {
    await expect(startProcesses({ count: 2, exec: WORKER, env: { PID_SERVER_FAIL: 'port taken' } })).rejects.toThrow(/could not start: port taken/);
  } finally {
    cluster.off('fork', onFork);
  }
  expect(forked).toHaveLength(2);
  for (const pid of forked) expect(alive(pid)).toBe(false);
});

// The peers benchmark's harness: an HTTP answer counts only if it carries the item sent,
// a server that exits is reported, not waited on, and stopping a server stops what it started.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { burst, httpLoad } from '../../scripts/bench/peer-http-load.ts';
import { startServerProcess, untilReady } from '../../scripts/bench/peer-system.ts';

describe('the HTTP load', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const item = JSON.parse(body) as { thingID: string; n: number };
        if (req.url === '/right') return res.end(JSON.stringify(item));
        if (req.url === '/wrong') return res.end(JSON.stringify({ ...item, n: item.n + 1 }));
        res.writeHead(500, { 'content-type': 'text/html' });
        res.end('<head><style>body { color: red }</style><script>let x = 1</script></head><h1>Lambda error</h1><h2>Timeout</h2>');
      });
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise((closed) => server.close(closed)));

  test('counts the answers that carry the item sent', async () => {
    const load = await httpLoad(`${base}/right`, 2, 0.2);
    expect(load.errors).toBe(0);
    expect(load.requests).toBeGreaterThan(0);
  });

  test('counts an answer with another item as a failure', async () => {
    const load = await httpLoad(`${base}/wrong`, 2, 0.2);
    expect(load.requests).toBe(0);
    expect(load.firstError).toMatch(/^the handler answered /);
    expect((await burst(`${base}/wrong`, 4)).errors).toBe(4);
  });

  test('says why an error page failed, without its markup', async () => {
    expect((await burst(`${base}/error`, 1)).firstError).toBe('HTTP 500: Lambda error Timeout');
  });
});

describe('a server process', () => {
  test('that exits while being waited for is reported with its output', async () => {
    const server = startServerProcess(process.execPath, ['-e', 'console.log("port in use"); process.exit(3)']);
    await expect(untilReady(server, () => Promise.reject(new Error('not yet')))).rejects.toThrow(/exited: port in use/);
  });

  test('stops with what it started', async () => {
    const grandchild = "require('child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' })";
    const server = startServerProcess(process.execPath, ['-e', `console.log(${grandchild}.pid); setInterval(() => {}, 1000)`]);
    const pid = Number(
      await untilReady(server, () => (/^\d+\n/.test(server.output()) ? Promise.resolve() : Promise.reject(new Error('no pid yet')))).then(() =>
        server.output().trim(),
      ),
    );
    expect(await running(pid)).toBe(true);
    await server.stop();
    // Reparented and reaped (or a zombie a moment longer): either way, no longer running.
    await expect.poll(() => running(pid), { timeout: 5_000 }).toBe(false);
  });
});

async function running(pid: number): Promise<boolean> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return status !== '' && !/^State:\s+Z/m.test(status);
}

// Security: labbook's site opens only for the student who started it (Jupyter Server's
// model). Without its token a browser gets a page saying how to open labbook, not the
// workbook; the token in the address is traded for an HttpOnly, SameSite=Strict cookie;
// /api/ (sandbox credentials among it) answers only cookie or token holders; and a Host
// or Origin that is not labbook's own is refused whatever the caller holds.
import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadOrCreateToken, tokenFile } from '../../src/access/token.ts';
import { sessionCookieName, sessionValue } from '../../src/access/site-session.ts';
import type { RunningServer } from '../../src/server/server.ts';
import { TEST_TOKEN } from '../labbook-token.ts';
import { startTestServer } from '../sandbox/server-helpers.ts';

let server: RunningServer;
let cookie: string;

beforeAll(async () => {
  server = await startTestServer();
  cookie = `${sessionCookieName(new URL(server.url).port)}=${sessionValue(TEST_TOKEN)}`;
});

afterAll(async () => {
  await server?.close();
});

/** A request with exactly these headers (fetch would not let a test forge Host). */
function send(path: string, { method = 'GET', headers = {} }: { method?: string; headers?: Record<string, string> } = {}) {
  const { hostname, port } = new URL(server.url);
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    // The path goes out exactly as written, `//evil.example/` included.
    const req = request({ hostname, port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the site without its token', () => {
  test('a browser opening the bare address gets a page saying how to open labbook, not an error and not the workbook', async () => {
    const page = await send('/', { headers: { 'sec-fetch-dest': 'document', 'sec-fetch-mode': 'navigate' } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Open labbook with the address it printed');
    expect(page.body).not.toContain('<title>labbook</title>');
  });

  test('/api/ answers nobody without the cookie or token: not where the sandbox is, not credentials', async () => {
    expect((await send('/api/sandbox')).status).toBe(401);
    const credentials = await send('/api/sandbox/credentials', { method: 'POST' });
    expect(credentials.status).toBe(401);
    expect(credentials.body).not.toContain('ASIA');
  });

  test('a wrong token is said to be wrong', async () => {
    const page = await send('/?token=not-this-labbooks-token', { headers: { 'sec-fetch-dest': 'document' } });
    expect(page.body).toContain('That token is not this labbook’s');
    expect(page.headers['set-cookie']).toBeUndefined();
  });
});

describe('the printed address', () => {
  test('is traded for an HttpOnly, SameSite=Strict cookie, and the token leaves the address bar', async () => {
    const opened = await send(`/kwargs/?token=${TEST_TOKEN}&x=1`);
    expect(opened.status).toBe(303);
    expect(opened.headers.location).toBe('/kwargs/?x=1');
    const [setCookie] = opened.headers['set-cookie'] as string[];
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    // The cookie carries a value derived from the token, never the token itself.
    expect(setCookie).not.toContain(TEST_TOKEN);
    expect(setCookie.split(';')[0]).toBe(cookie);
  });

  test('sends the browser nowhere but labbook', async () => {
    for (const path of ['//evil.example/', '/\\evil.example/', '/a/..//evil.example/', '/.//evil.example/']) {
      const opened = await send(`${path}?token=${TEST_TOKEN}`);
      expect(opened.status).toBe(303);
      const labbook = 'http://127.0.0.1:4321';
      expect(new URL(opened.headers.location as string, labbook).origin, path).toBe(labbook);
    }
  });

  test('the cookie opens the workbook and its /api/', async () => {
    expect((await send('/', { headers: { cookie, 'sec-fetch-dest': 'document' } })).body).toContain('<title>labbook</title>');
    expect((await send('/api/sandbox', { headers: { cookie } })).status).toBe(200);
    const origin = new URL(server.url).origin;
    const credentials = await send('/api/sandbox/credentials', { method: 'POST', headers: { cookie, origin } });
    expect(credentials.status).toBe(200);
    expect(JSON.parse(credentials.body).accessKeyId).toMatch(/^ASIA/);
  });
});

describe('Host and Origin, whatever the caller holds', () => {
  test('a forged Host (DNS rebinding) is refused on every path, cookie or not', async () => {
    for (const path of ['/', '/api/sandbox', '/api/relay']) {
      const answer = await send(path, { headers: { host: 'evil.example:4700', cookie } });
      expect(answer.status).toBe(403);
      expect(answer.body).not.toContain('endpoint');
    }
    expect((await send('/api/sandbox', { headers: { host: `localhost:${new URL(server.url).port}`, cookie } })).status).toBe(200);
  });

  test('a page on another origin (even another port of this machine, which shares the cookie) gets nothing', async () => {
    for (const origin of ['https://evil.example', 'http://127.0.0.1:1', 'null']) {
      const answer = await send('/api/sandbox/credentials', { method: 'POST', headers: { origin, cookie, 'content-type': 'text/plain' } });
      expect(answer.status).toBe(403);
      expect(answer.body).not.toContain('ASIA');
    }
  });
});

describe('the token file', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'labbook-token-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('is made once, readable by its owner only, and kept', async () => {
    const token = await loadOrCreateToken(root, undefined);
    expect(token).toMatch(/^[0-9a-f]{48}$/);
    expect((await stat(tokenFile(root))).mode & 0o777).toBe(0o600);
    expect(await loadOrCreateToken(root, undefined)).toBe(token);
    expect(await loadOrCreateToken(root, TEST_TOKEN)).toBe(TEST_TOKEN);
  });

  test('a token file others can read is closed again', async () => {
    await writeFile(tokenFile(root), `${TEST_TOKEN}\n`, { mode: 0o644 });
    expect(await loadOrCreateToken(root, undefined)).toBe(TEST_TOKEN);
    expect((await stat(tokenFile(root))).mode & 0o777).toBe(0o600);
  });

  test.runIf(process.getuid?.() === 0)('another account on this machine can read neither the token nor credentials', async () => {
    const asNobody = (command: string, args: string[]) =>
      promisify(execFile)('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', command, ...args]).then(
        (done) => ({ code: 0, stdout: done.stdout }),
        (failed: { code: number; stdout: string }) => ({ code: failed.code, stdout: failed.stdout }),
      );
    expect((await asNobody('cat', [tokenFile(root)])).code).not.toBe(0);
    const url = new URL('/api/sandbox/credentials', server.url).href;
    const taken = await asNobody('curl', ['-s', '-X', 'POST', url]);
    expect(taken.stdout).not.toContain('ASIA');
    expect(taken.stdout).toContain('token');
    expect(await readFile(tokenFile(root), 'utf8')).toContain(TEST_TOKEN);
  });
});

// A class server (issue 16: `labbook start --no-sandbox` behind an HTTPS reverse proxy):
// no sandbox; the relay at a public origin of its own, answering only the site's public
// origin; each client's rate, requests in flight, WebSocket sessions and body size limited,
// with AWS-shaped answers; X-Forwarded-For believed only when the server is told to trust
// the proxy; a health check without the token; a log of counts, never of paths. Each
// server here forwards to a stand-in for AWS that records what reaches it.
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { sessionCookieName, sessionValue } from '../../src/access/site-session.ts';
import { cloudClient } from '../../src/cloud/clients.ts';
import { serverInfo } from '../../src/cloud/server-info.ts';
import { setTarget, SIGNED_OUT } from '../../src/cloud/target-state.ts';
import { explainFailure } from '../../src/steps/errors.ts';
import type { RunningServer } from '../../src/server/server.ts';
import { freePort } from '../sandbox/harness.ts';
import { actAsPageOf, siteFetch, startTestServer } from '../sandbox/server-helpers.ts';
import { TEST_TOKEN, tokenHeaders } from '../labbook-token.ts';

const API_HOST = 'abcdefghij.execute-api.us-east-1.amazonaws.com';
const SITE = 'https://lab.example.edu';
const RELAY = 'https://lab.example.edu:8443';

// The stand-in for AWS: answers 200 at once, or holds requests to /hold until released; accepts WebSockets.
const reached: string[] = [];
const held: ServerResponse[] = [];
let upstream: Server;
let upstreamUrl: string;

beforeAll(async () => {
  upstream = createServer((req: IncomingMessage, res: ServerResponse) => {
    reached.push(`${req.method} ${req.url}`);
    req.resume();
    if (req.url?.startsWith('/hold')) return void held.push(res);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{}');
  });
  const sockets = new WebSocketServer({ server: upstream });
  sockets.on('connection', (socket) => socket.on('error', () => {}));
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});

afterAll(async () => {
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
});

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One request to a loopback port, as the reverse proxy would pass it on (Node's fetch would not send the Host given). */
function raw(port: number, path: string, { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: Buffer } = {}) {
  return new Promise<Answer>((resolve, reject) => {
    const req = httpRequest({ hostname: '127.0.0.1', port, path, method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function relayKey(server: RunningServer): Promise<string> {
  return ((await (await siteFetch(server, '/api/relay')).json()) as { key: string }).key;
}

/** A class server on a loopback relay port of its own; `settings` add to LABBOOK_NO_SANDBOX=1 and the stand-in upstream. */
async function classServer(settings: Record<string, string>, log?: (line: string) => void) {
  const relayPort = await freePort();
  const server = await startTestServer({ LABBOOK_NO_SANDBOX: '1', LABBOOK_RELAY_UPSTREAM: upstreamUrl, RELAY_PORT: String(relayPort), ...settings }, { log });
  const key = await relayKey(server);
  const siteOrigin = settings.LABBOOK_PUBLIC_URL ?? new URL(server.url).origin;
  const pageHeaders = { 'x-labbook-relay': key, origin: siteOrigin };
  const send = (path = `/relay/${API_HOST}/prod/`, init: Parameters<typeof raw>[2] = {}) =>
    raw(relayPort, path, { ...init, headers: { ...pageHeaders, ...init.headers } });
  return { server, relayPort, key, send };
}

describe('behind a reverse proxy, at public origins', () => {
  let c: Awaited<ReturnType<typeof classServer>>;
  const publicHost = { host: 'lab.example.edu:8443' };

  beforeAll(async () => {
    c = await classServer({ LABBOOK_PUBLIC_URL: SITE, LABBOOK_PUBLIC_RELAY_URL: RELAY });
  });
  afterAll(() => c?.server.close());

  test('the page is told the relay’s public address, and the CSP lets it connect there', async () => {
    const info = await (await siteFetch(c.server, '/api/relay')).json();
    expect(info.url).toBe(`${RELAY}/relay/`);
    const csp = (await siteFetch(c.server, '/')).headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/connect-src [^;]*https:\/\/lab\.example\.edu:8443 wss:\/\/lab\.example\.edu:8443/);
  });

  test('the session cookie is Secure and named after the public port', async () => {
    const answer = await fetch(new URL(`/?token=${TEST_TOKEN}`, c.server.url), { redirect: 'manual', headers: { host: 'lab.example.edu' } });
    expect(answer.status).toBe(303);
    const cookie = answer.headers.get('set-cookie') ?? '';
    expect(cookie.startsWith(`${sessionCookieName(443)}=${sessionValue(TEST_TOKEN)};`)).toBe(true);
    expect(cookie).toMatch(/; Secure$/);
  });

  test('the relay answers the site’s public origin, at its public name, and no other origin or name', async () => {
    const before = reached.length;
    expect((await c.send(undefined, { headers: publicHost })).status).toBe(200);
    expect(reached.length).toBe(before + 1);
    const loopbackSite = new URL(c.server.url).origin;
    for (const origin of [loopbackSite, 'http://lab.example.edu', 'https://evil.example', RELAY]) {
      const answer = await c.send(undefined, { headers: { ...publicHost, origin } });
      expect(answer.status, origin).toBe(403);
    }
    expect((await c.send(undefined, { headers: { host: 'evil.example:8443' } })).status).toBe(403);
    const preflight = await c.send(undefined, {
      method: 'OPTIONS',
      headers: { ...publicHost, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-labbook-relay' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(SITE);
    expect(reached.length).toBe(before + 1);
  });

  test('the site answers its public name, and only its public origin', async () => {
    const site = (headers: Record<string, string>) => raw(Number(new URL(c.server.url).port), '/api/relay', { headers: { ...tokenHeaders(), ...headers } });
    expect((await site({ host: 'lab.example.edu' })).status).toBe(200);
    expect((await site({ host: 'lab.example.edu', origin: SITE })).status).toBe(200);
    expect((await site({ host: 'lab.example.edu', origin: new URL(c.server.url).origin })).status).toBe(403);
    expect((await site({ host: 'evil.example', origin: SITE })).status).toBe(403);
  });
});

describe('no sandbox', () => {
  let c: Awaited<ReturnType<typeof classServer>>;
  beforeAll(async () => {
    c = await classServer({});
  });
  afterAll(() => c?.server.close());

  test('/api/sandbox says this server hosts none, and no credentials are given', async () => {
    const info = await siteFetch(c.server, '/api/sandbox');
    expect(info.status).toBe(404);
    expect(await info.json()).toEqual({ hostsNoSandbox: true, message: expect.stringMatching(/hosts no sandbox.*AWS account/) });
    const credentials = await siteFetch(c.server, '/api/sandbox/credentials', { method: 'POST', body: '{}' });
    expect(credentials.status).toBe(404);
    expect((await credentials.json()).message).toMatch(/hosts no sandbox/);
  });

  test('the health check answers without the token, and nothing more than that the server runs', async () => {
    const health = await fetch(new URL('/healthz', c.server.url));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', sandbox: false });
    // Host- and Origin-checked like every other address.
    const port = Number(new URL(c.server.url).port);
    expect((await raw(port, '/healthz', { headers: { host: 'evil.example' } })).status).toBe(403);
    expect((await raw(port, '/healthz', { headers: { origin: 'https://evil.example' } })).status).toBe(403);
    // Only that address: the rest of /api/ still wants the token.
    expect((await raw(port, '/healthz/../api/relay')).status).toBe(401);
  });
});

describe('the rate limit', () => {
  let c: Awaited<ReturnType<typeof classServer>>;
  // Two requests at once, then one every 1000 s: the bucket stays empty for the test.
  beforeAll(async () => {
    c = await classServer({ LABBOOK_RELAY_BURST: '2', LABBOOK_RELAY_RATE: '0.001' });
  });
  afterAll(() => c?.server.close());

  test('past the burst, the relay answers 429 as AWS throttles, readable by the page, and forwards nothing', async () => {
    const before = reached.length;
    expect((await c.send()).status).toBe(200);
    expect((await c.send()).status).toBe(200);
    const refused = await c.send();
    expect(refused.status).toBe(429);
    expect(refused.headers['x-amzn-errortype']).toBe('TooManyRequestsException');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.headers['x-labbook-relay-limit']).toBe('rate');
    expect(refused.headers['access-control-allow-origin']).toBe(new URL(c.server.url).origin);
    expect(JSON.parse(refused.body)).toEqual({ __type: 'TooManyRequestsException', message: expect.stringMatching(/class server.*Wait a few seconds/) });
    expect(reached.length).toBe(before + 2);
  });

  test('the page learns there is no sandbox, and its SDK calls explain the class server’s 429', async () => {
    // The bucket emptied, whichever tests ran before.
    for (let i = 0; i < 3 && (await c.send()).status !== 429; i++);
    actAsPageOf(c.server);
    try {
      const info = await serverInfo();
      expect(info).toMatchObject({ hostsNoSandbox: true, sandboxProblem: expect.stringMatching(/hosts no sandbox/), relay: { url: expect.any(String) } });
      expect(info.sandbox).toBeUndefined();
      setTarget({ kind: 'aws', region: 'us-east-1', status: 'ready', credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'not-a-secret' } });
      // One attempt: the SDK retries a 429 by itself, after the Retry-After it was given (up to 20 s).
      const error = await cloudClient(DynamoDBClient, { maxAttempts: 1 })
        .send(new ListTablesCommand({}))
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } });
      expect(explainFailure(error)).toMatchObject({ code: 'TooManyRequestsException', hint: expect.stringMatching(/class server.*Wait a few seconds/) });
      // AWS's own throttling keeps AWS's hint.
      expect(explainFailure(Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' })).hint).toMatch(/^AWS is limiting/);
    } finally {
      setTarget(SIGNED_OUT);
      vi.unstubAllGlobals();
    }
  });

  test('a spoofed X-Forwarded-For is ignored unless the proxy is trusted: one client cannot dodge its limit', async () => {
    for (const address of ['203.0.113.9', '198.51.100.1, 203.0.113.10']) {
      expect((await c.send(undefined, { headers: { 'x-forwarded-for': address } })).status).toBe(429);
    }
  });
});

describe('behind a trusted proxy (LABBOOK_TRUST_PROXY=1)', () => {
  let c: Awaited<ReturnType<typeof classServer>>;
  beforeAll(async () => {
    c = await classServer({ LABBOOK_TRUST_PROXY: '1', LABBOOK_RELAY_BURST: '1', LABBOOK_RELAY_RATE: '0.001' });
  });
  afterAll(() => c?.server.close());

  test('each client is the address the proxy appended to X-Forwarded-For', async () => {
    const as = (forwardedFor: string) => c.send(undefined, { headers: { 'x-forwarded-for': forwardedFor } });
    expect((await as('198.51.100.1')).status).toBe(200);
    expect((await as('198.51.100.1')).status).toBe(429);
    expect((await as('198.51.100.2')).status).toBe(200);
    // What the client wrote before the proxy's own entry does not make it someone else.
    expect((await as('192.0.2.77, 198.51.100.2')).status).toBe(429);
  });
});

describe('requests in flight, WebSocket sessions and body size', () => {
  let c: Awaited<ReturnType<typeof classServer>>;
  const sockets: WebSocket[] = [];
  beforeAll(async () => {
    c = await classServer({ LABBOOK_RELAY_CONCURRENT: '2', LABBOOK_RELAY_WEBSOCKETS: '1', LABBOOK_RELAY_MAX_BODY_MB: String(1024 / 1024 / 1024) });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.terminate();
  });
  afterAll(() => c?.server.close());

  test('a client’s third request while two are in flight gets 429; once they end, it may send again', async () => {
    const first = c.send(`/relay/${API_HOST}/hold/1`);
    const second = c.send(`/relay/${API_HOST}/hold/2`);
    await vi.waitFor(() => expect(held).toHaveLength(2));
    const third = await c.send();
    expect(third.status).toBe(429);
    expect(third.headers['x-labbook-relay-limit']).toBe('concurrent');
    expect(JSON.parse(third.body).__type).toBe('TooManyRequestsException');
    for (const res of held.splice(0)) res.end('{}');
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    expect((await c.send()).status).toBe(200);
  });

  test('a body over the limit gets 413 in AWS’s shape and never reaches AWS', async () => {
    const before = reached.length;
    const answer = await c.send('/relay/lambda.us-east-1.amazonaws.com/2015-03-31/functions', { method: 'POST', body: Buffer.alloc(1025) });
    expect(answer.status).toBe(413);
    expect(answer.headers['x-amzn-errortype']).toBe('RequestTooLargeException');
    expect(answer.headers['x-labbook-relay-limit']).toBe('body');
    expect(JSON.parse(answer.body)).toEqual({ __type: 'RequestTooLargeException', message: expect.stringContaining('1024 bytes') });
    expect(reached.length).toBe(before);
  });

  test('a second WebSocket session gets 429 while the first is open, and is let in once it closes', async () => {
    const site = new URL(c.server.url);
    const open = () => {
      const socket = new WebSocket(`ws://127.0.0.1:${c.relayPort}/relay/${API_HOST}/prod`, {
        headers: { origin: site.origin, cookie: `${sessionCookieName(site.port)}=${sessionValue(TEST_TOKEN)}` },
      });
      sockets.push(socket);
      return new Promise<number>((resolve) => {
        socket.once('open', () => resolve(101));
        socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        socket.once('error', () => resolve(0));
      });
    };
    expect(await open()).toBe(101);
    expect(await open()).toBe(429);
    sockets[0].close();
    await vi.waitFor(async () => expect(await open()).toBe(101));
  });
});

describe('the log', () => {
  test('holds counts and durations, never a path with an account id, a header or a body', async () => {
    const lines: string[] = [];
    const c = await classServer({ LABBOOK_LOG_INTERVAL_SECONDS: '0.05' }, (line) => lines.push(line));
    try {
      const path =
        '/relay/lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Asecret-fn/invocations';
      const answer = await c.send(path, {
        method: 'POST',
        headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/lambda/aws4_request' },
        body: Buffer.from('{"secret":"body-text"}'),
      });
      expect(answer.status).toBe(200);
      await vi.waitFor(() => expect(lines.join('\n')).toMatch(/1 requests .*p50 \d+ ms, p99 \d+ ms/));
      const logged = lines.join('\n');
      for (const secret of ['123456789012', 'secret-fn', 'lambda.us-east-1', 'AKIAIOSFODNN7EXAMPLE', 'body-text', c.key]) expect(logged).not.toContain(secret);
    } finally {
      await c.server.close();
    }
  });
});

// Security: nothing the relay returns can run as labbook (issue: an API answering HTML,
// a script and a service worker, reached by navigating the student's tab to the relay).
// The relay listens on an origin of its own, answers only labbook's page (its key header,
// or for WebSockets the site's cookie and Origin), refuses navigations and loads as
// documents, workers or scripts, sandboxes every answer, and drops the headers an
// answer could use to act on the browser. Each check below stops one link of that chain.
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningServer } from '../../src/server/server.ts';
import { relayAccess, siteFetch, startTestServer, type RelayAccess } from '../sandbox/server-helpers.ts';

const API_HOST = 'abcdefghij.execute-api.us-east-1.amazonaws.com';
const ATTACK_PAGE = '<!doctype html><script src="x.js"></script><h1>attacker</h1>';

let server: RunningServer;
let upstream: Server;
let relay: RelayAccess;
const reached: string[] = [];

beforeAll(async () => {
  // The attacker's API: an HTML page, and every header that could act on the browser.
  upstream = createServer((req, res) => {
    reached.push(`${req.method} ${req.url}`);
    res.writeHead(200, {
      'content-type': 'text/html',
      'service-worker-allowed': '/',
      'set-cookie': 'stolen=1; Path=/',
      'clear-site-data': '"storage"',
      link: '</evil.js>; rel=preload; as=script',
      refresh: '0; url=https://evil.example/',
      'content-security-policy': "script-src 'unsafe-inline'",
      'access-control-allow-origin': '*',
    });
    res.end(ATTACK_PAGE);
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  server = await startTestServer({ LABBOOK_RELAY_UPSTREAM: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}` });
  relay = await relayAccess(server);
});

afterAll(async () => {
  await server?.close();
  await new Promise((resolve) => upstream?.close(resolve));
});

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function send(path: string, { method = 'GET', headers = {} }: { method?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const { hostname, port } = new URL(relay.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 101, headers: res.headers, body: '' });
    });
    req.on('error', reject);
    req.end();
  });
}

const page = `/relay/${API_HOST}/prod/`;
const key = () => ({ 'x-labbook-relay': relay.key });
const siteOrigin = () => new URL(server.url).origin;

describe('the relay is not part of the site', () => {
  test('it listens on an origin of its own, and the site has no /relay/', async () => {
    expect(relay.origin).not.toBe(siteOrigin());
    const onSite = await siteFetch(server, page);
    expect(onSite.status).toBe(404);
    expect(await onSite.text()).not.toContain('attacker');
  });
});

describe('only labbook’s page may use it', () => {
  test('a navigation to a relayed page is refused before anything is forwarded, even with the key', async () => {
    const before = reached.length;
    for (const headers of [
      { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' },
      { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'iframe' },
      { 'sec-fetch-mode': 'same-origin', 'sec-fetch-dest': 'serviceworker' },
      { 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'script' },
      { 'sec-fetch-mode': 'same-origin', 'sec-fetch-dest': 'worker' },
    ]) {
      const answer = await send(page, { headers: { ...key(), ...headers } });
      expect(answer.status, JSON.stringify(headers)).toBe(403);
      expect(answer.body).not.toContain('attacker');
    }
    expect(reached.length).toBe(before);
  });

  test('a request without the key, or with another, gets nothing', async () => {
    const before = reached.length;
    const attempts: Record<string, string>[] = [{}, { 'x-labbook-relay': 'guessed' }, { cookie: relay.headers.cookie }];
    for (const headers of attempts) {
      const answer = await send(page, { headers });
      expect(answer.status).toBe(403);
      expect(answer.body).not.toContain('attacker');
    }
    expect(reached.length).toBe(before);
  });

  test('a preflight is answered by the relay for the site’s origin only, never forwarded', async () => {
    const before = reached.length;
    const preflight = (origin: string) =>
      send(page, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-labbook-relay,authorization' },
      });
    const ours = await preflight(siteOrigin());
    expect(ours.status).toBe(204);
    expect(ours.headers['access-control-allow-origin']).toBe(siteOrigin());
    expect(ours.headers['access-control-allow-headers']).toBe('x-labbook-relay,authorization');
    const theirs = await preflight('https://evil.example');
    expect(theirs.status).toBe(403);
    expect(theirs.headers['access-control-allow-origin']).toBeUndefined();
    expect(reached.length).toBe(before);
  });

  test('a forged Host is refused', async () => {
    expect((await send(page, { headers: { ...key(), host: 'evil.example' } })).status).toBe(403);
  });

  test('a WebSocket handshake needs the site’s cookie and Origin', async () => {
    const handshake = { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' };
    const before = reached.length;
    for (const headers of [
      { ...handshake },
      { ...handshake, origin: siteOrigin() },
      { ...handshake, cookie: relay.headers.cookie },
      { ...handshake, cookie: relay.headers.cookie, origin: 'https://evil.example' },
    ]) {
      expect((await send(`/relay/${API_HOST}/prod`, { headers })).status).toBe(403);
    }
    expect(reached.length).toBe(before);
  });
});

describe('what it returns cannot act as a page', () => {
  test('labbook’s page reads the answer, sandboxed, without the headers that act on a browser', async () => {
    const answer = await send(page, { headers: { ...key(), origin: siteOrigin(), 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' } });
    expect(answer.status).toBe(200);
    expect(answer.body).toBe(ATTACK_PAGE);
    expect(answer.headers).toMatchObject({
      'content-security-policy': "sandbox; default-src 'none'",
      'x-content-type-options': 'nosniff',
      'cross-origin-resource-policy': 'same-site',
      'access-control-allow-origin': siteOrigin(),
    });
    for (const name of ['service-worker-allowed', 'set-cookie', 'clear-site-data', 'link', 'refresh']) expect(answer.headers).not.toHaveProperty(name);
  });
});

// Security: the relay forwards only to AWS service hosts. Every other destination —
// metadata addresses in any notation, loopback and private addresses, other domains,
// look-alikes of AWS names, and the same again hidden by encoding, user-info, ports or
// path tricks — is refused by labbook's running server before anything leaves it. An
// "AWS" that records every request it gets stands upstream: it must see none of them,
// and it must see the one good request sent as a control.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningServer } from '../../src/server/server.ts';
import { relayAccess, startTestServer, type RelayAccess } from '../sandbox/server-helpers.ts';

const NOT_AWS = [
  '169.254.169.254',
  '169.254.170.2',
  '2852039166',
  '0xa9fea9fe',
  '[fd00:ec2::254]',
  '[::ffff:a9fe:a9fe]',
  'metadata.google.internal',
  'localhost',
  '127.0.0.1',
  '0.0.0.0',
  '[::1]',
  '10.0.0.1',
  '192.168.0.1',
  'example.org',
  'amazonaws.com',
  'amazonaws.com.example.org',
  'dynamodb.us-east-1.amazonaws.com.example.org',
  'dynamodb.us-east-1.amazonaws.co',
  'dynamodb.us-east-1.amazonaws.com.',
  'dynamodb.us-east-1.amazon4ws.com',
  'evil-amazonaws.com',
  'dynamodb.us-east-1.amazonaws.com-evil.org',
] as const;

const AWS_HOST = 'dynamodb.us-east-1.amazonaws.com';

/** The ways a destination can be written, or smuggled behind an AWS name. */
const DISGUISES: Record<string, (host: string) => string> = {
  plain: (host) => host,
  'with a port': (host) => `${host}:443`,
  'percent-encoded': (host) => encodeURIComponent(host).replace(/\./g, '%2E'),
  'double-encoded': (host) => encodeURIComponent(encodeURIComponent(host).replace(/\./g, '%2E')),
  'behind user-info': (host) => `${AWS_HOST}@${host}`,
  'after an encoded slash': (host) => `${AWS_HOST}%2F..%2F${host}`,
  'after a backslash': (host) => `${AWS_HOST}\\@${host}`,
  'upper case': (host) => host.toUpperCase(),
};

/** Each destination in each disguise, as a plain request (GET, POST) and as a WebSocket handshake. */
const CASES = NOT_AWS.flatMap((host) =>
  Object.entries(DISGUISES).flatMap(([disguise, write]) =>
    (['GET', 'POST', 'WebSocket'] as const).map((kind) => ({ name: `${kind} ${host} ${disguise}`, kind, path: `/relay/${write(host)}/latest/meta-data/` })),
  ),
);

let server: RunningServer;
let upstream: Server;
let relay: RelayAccess;
const reachedUpstream: string[] = [];

beforeAll(async () => {
  upstream = createServer((req, res) => {
    reachedUpstream.push(`${req.method} ${req.headers.host}${req.url}`);
    // An answer that tries to send the browser, or a following relay, elsewhere.
    res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/', 'content-type': 'application/json' });
    res.end('{}');
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  server = await startTestServer({ LABBOOK_RELAY_UPSTREAM: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}` });
  relay = await relayAccess(server);
});

afterAll(async () => {
  await server?.close();
  await new Promise((resolve) => upstream.close(resolve));
});

const WEBSOCKET_HANDSHAKE = { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' };

/** A raw request, so the path reaches the server exactly as written (fetch would normalise it). */
function send(kind: 'GET' | 'POST' | 'WebSocket', path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const { hostname, port } = new URL(relay.url);
  const method = kind === 'POST' ? 'POST' : 'GET';
  // Everything labbook's own page holds: only the destination is wrong.
  const headers = { ...relay.headers, ...(kind === 'WebSocket' ? WEBSOCKET_HANDSHAKE : { 'content-type': 'application/x-amz-json-1.0' }) };
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, method, path, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString() }));
    });
    // A handshake the relay accepted would upgrade: that is a failure here, not a hang.
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 101, headers: res.headers, body: '' });
    });
    req.on('error', reject);
    req.end(method === 'POST' ? '{}' : undefined);
  });
}

describe(`${CASES.length} destinations that are not AWS`, () => {
  test.each(CASES)('$name is refused', async ({ kind, path }) => {
    const answer = await send(kind, path);
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body).message).toMatch(/AWS service hosts/);
  });

  test('none of them reached the network', () => {
    expect(reachedUpstream).toEqual([]);
  });
});

test('a real AWS host is forwarded once, and the redirect it answers is neither followed nor passed on', async () => {
  const answer = await send('POST', `/relay/${AWS_HOST}/`);
  expect(reachedUpstream).toEqual([`POST ${AWS_HOST}/`]);
  expect(answer.status).toBe(302);
  expect(answer.headers.location).toBeUndefined();
});

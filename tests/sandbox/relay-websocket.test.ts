// WebSockets through the relay, as the page opens one on AWS: to
// /relay/<apiId>.execute-api.<region>.amazonaws.com/<stage> on labbook's origin,
// forwarded to a sandbox WebSocket API with Host kept as the AWS host (the sandbox
// routes by it, as boto3 inside a handler reaches it). Frames and close codes go
// both ways unchanged; hosts that are not invoke URLs, other origins, and the
// API's own refusals are answered over HTTP before any WebSocket exists. The WebSocket
// cases run twice: to the sandbox over plain HTTP, and as on AWS, over wss:// to the
// invoke URL's name through a TLS front (aws-tls-front.ts) whose throwaway certificate
// authority only this relay trusts.
import { LambdaClient } from '@aws-sdk/client-lambda';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import WebSocket from 'ws';
import { createWebSocketRelay } from '../../src/server/relay/relay-websocket.ts';
import { startTlsFront, throwawayAuthority, type TlsFront } from './aws-tls-front.ts';
import { useSandbox } from './harness.ts';
import { deploy } from './lambda-helpers.ts';
import { connect, deployWebSocketApi, PROBE_PY, recordedEvent, refusedWith, type DeployedWebSocketApi, type RecordedEvent } from './websocket-helpers.ts';

// The relay's stand-in server is the one page origin the sandbox lets in, as labbook's site would be.
const sandbox = useSandbox({ allowedOrigins: () => [siteOrigin] });
let folder: string;
let recordFile: string;
let api: DeployedWebSocketApi;
/** The relay's server, standing in for labbook's: its origin is the one page origin allowed. */
let relayServer: Server;
let siteOrigin: string;
let upstream: string | undefined;
let front: TlsFront;
/** Which way the relay's server forwards handshakes: the WebSocket cases run both ways. */
let route: 'plain' | 'tls' = 'plain';
const consoleCalls: unknown[][] = [];

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'labbook-relay-ws-'));
  recordFile = join(folder, 'events.jsonl');
  await deploy(sandbox.client(LambdaClient), sandbox.accountId, {
    FunctionName: 'RelayWsProbe',
    files: { 'app.py': PROBE_PY },
    Environment: { Variables: { RECORD_FILE: recordFile } },
    Timeout: 10,
  });
  api = await deployWebSocketApi(sandbox, {
    $connect: { functionName: 'RelayWsProbe' },
    $disconnect: { functionName: 'RelayWsProbe' },
    $default: { functionName: 'RelayWsProbe', routeResponse: true },
  });
  upstream = sandbox.url;
  front = await startTlsFront(await throwawayAuthority(), () => sandbox.url);
  const relays = {
    plain: createWebSocketRelay({ allowedOrigins: () => [siteOrigin], upstream: () => upstream }),
    tls: createWebSocketRelay({ allowedOrigins: () => [siteOrigin], testNetwork: front.network }),
  };
  relayServer = createServer((_req, res) => res.writeHead(404).end());
  relayServer.on('upgrade', (req, socket, head) => relays[route](req, socket, head));
  siteOrigin = await listen(relayServer);
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleCalls.push(args));
  }
});

afterAll(async () => {
  vi.restoreAllMocks();
  relayServer?.closeAllConnections();
  await new Promise((resolve) => relayServer?.close(resolve));
  await front?.close();
  await rm(folder, { recursive: true, force: true });
});

/** A CONNECT event of the relayed API. */
const isConnect = (e: RecordedEvent) => e.requestContext.eventType === 'CONNECT' && e.requestContext.apiId === api.apiId;
const awsHost = () => `${api.apiId}.execute-api.us-east-1.amazonaws.com`;
/** What the page opens: ws://<labbook>/relay/<invoke URL's host>/<stage>. */
const relayed = (path = `/relay/${awsHost()}/prod`) => `${siteOrigin.replace(/^http/, 'ws')}${path}`;

describe.each([
  ['plain HTTP to the sandbox', 'plain'],
  ['wss:// to the invoke URL’s name, through TLS', 'tls'],
] as const)('a WebSocket through the relay: %s', (_how, way) => {
  beforeAll(() => void (route = way));
  afterAll(() => void (route = 'plain'));

  test('reaches the API and round-trips text frames', async () => {
    const forwardedBefore = front.forwarded();
    const client = await connect(relayed(), { origin: siteOrigin });
    // The TLS run did go through the front; the plain one never touched it.
    expect(front.forwarded() > forwardedBefore).toBe(way === 'tls');
    client.socket.send('hello!');
    expect(JSON.parse(await client.nextMessage())).toEqual({ route: '$default', body: 'hello!' });
    const json = JSON.stringify({ action: 'ping', text: 'ünïcødé ✓' });
    client.socket.send(json);
    expect(JSON.parse(await client.nextMessage())).toEqual({ route: '$default', body: json });
    client.socket.close(1000);
    expect(await client.closed).toEqual({ code: 1000, reason: '' });
  });

  test('the close code and reason the page sends reach the API, and its answer comes back', async () => {
    const since = Date.now();
    const client = await connect(relayed(), { origin: siteOrigin });
    // This connection's own $disconnect, found by its id: the previous test's $disconnect can run
    // after its page saw the close, so it too may be stamped after `since`.
    const { connectionId } = (await recordedEvent(recordFile, (e) => isConnect(e) && (e.requestContext.requestTimeEpoch as number) >= since)).requestContext;
    client.socket.close(4001, 'done for today');
    expect(await client.closed).toEqual({ code: 4001, reason: 'done for today' });
    const disconnect = await recordedEvent(recordFile, (e) => e.requestContext.eventType === 'DISCONNECT' && e.requestContext.connectionId === connectionId);
    expect(disconnect.requestContext).toMatchObject({ disconnectStatusCode: 4001, disconnectReason: 'done for today' });
  });

  test('a close the API starts (1009, a frame over 32 KB) reaches the page as it would directly', async () => {
    const closedBy = async (url: string) => {
      const client = await connect(url, { origin: siteOrigin });
      client.socket.send('x'.repeat(33 * 1024));
      return client.closed;
    };
    const direct = await closedBy(api.url);
    expect(direct.code).toBe(1009);
    expect(await closedBy(relayed())).toEqual(direct);
  });

  test('the API sees the AWS host, the query string, and none of the page’s context', async () => {
    const since = Date.now();
    const client = await connect(relayed(`/relay/${awsHost()}/prod?token=abc%20d`), {
      origin: siteOrigin,
      headers: { cookie: 'labbook=secret', referer: `${siteOrigin}/task-8-2/`, 'sec-fetch-site': 'same-origin' },
    });
    const event = await recordedEvent(recordFile, (e) => isConnect(e) && (e.requestContext.requestTimeEpoch as number) >= since);
    client.socket.close();
    const headerNames = Object.keys(event.headers as Record<string, string>).map((name) => name.toLowerCase());
    expect((event.headers as Record<string, string>).Host).toBe(awsHost());
    expect(event.queryStringParameters).toEqual({ token: 'abc d' });
    expect(headerNames).toContain('sec-websocket-key');
    expect(headerNames).not.toContain('cookie');
    expect(headerNames).not.toContain('origin');
    expect(headerNames).not.toContain('referer');
    expect(headerNames).not.toContain('sec-fetch-site');
  });

  test('a refusal by $connect comes back as the same HTTP status', async () => {
    expect(await refusedWith(relayed(`/relay/${awsHost()}/prod?status=403`))).toBe(403);
    expect(await refusedWith(relayed(`/relay/${awsHost()}/prod?fail=1`))).toBe(502);
  });

  test('an API or stage that does not exist is refused as AWS refuses it', async () => {
    const direct = await refusedWith(`${api.url.replace(/\/prod$/, '/nostage')}`);
    expect(await refusedWith(relayed(`/relay/${awsHost()}/nostage`))).toBe(direct);
    expect(await refusedWith(relayed('/relay/zzzzzzzzzz.execute-api.us-east-1.amazonaws.com/prod'))).toBeGreaterThanOrEqual(400);
  });
});

describe('what the relay refuses before connecting anywhere', () => {
  test.each([
    ['the sandbox itself', '/relay/127.0.0.1/prod'],
    ['a loopback name with a port', '/relay/localhost:4510/prod'],
    ['the metadata address', '/relay/169.254.169.254/latest/meta-data/'],
    ['a look-alike domain', '/relay/abcdefghij.execute-api.us-east-1.amazonaws.com.example.org/prod'],
    ['userinfo before an address', '/relay/abcdefghij.execute-api.us-east-1.amazonaws.com@127.0.0.1/prod'],
    ['a percent-encoded host', '/relay/abcdefghij%2eexecute-api.us-east-1.amazonaws.com/prod'],
    ['an AWS service host that speaks no WebSocket', '/relay/dynamodb.us-east-1.amazonaws.com/'],
  ])('%s', async (_what, path) => {
    expect(await refusedWith(relayed(path))).toBe(403);
  });

  test('a page of another origin (a non-browser client sends none, and may connect)', async () => {
    const withoutOrigin = await connect(relayed());
    withoutOrigin.socket.close();
    const other = await connect(relayed(), { origin: 'https://evil.example' }).then(
      (client) => {
        client.socket.terminate();
        return 101;
      },
      (error: { status?: number }) => error.status,
    );
    expect(other).toBe(403);
  });
});

describe('what the relay reports about the upstream', () => {
  test('a redirect is passed back without its Location, never followed', async () => {
    const redirecting = createServer();
    redirecting.on('upgrade', (_req, socket) => {
      socket.end('HTTP/1.1 302 Found\r\nLocation: ws://127.0.0.1:1/\r\nSet-Cookie: a=1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    });
    upstream = await listen(redirecting);
    try {
      const answer = await new Promise<{ status?: number; headers: Record<string, unknown> }>((resolve, reject) => {
        const socket = new WebSocket(relayed(), { origin: siteOrigin });
        socket.once('unexpected-response', (_req, res) => {
          resolve({ status: res.statusCode, headers: res.headers });
          res.resume();
        });
        socket.once('open', () => reject(new Error('the redirect was followed')));
        socket.once('error', () => {});
      });
      expect(answer.status).toBe(302);
      expect(answer.headers).not.toHaveProperty('location');
      expect(answer.headers).not.toHaveProperty('set-cookie');
    } finally {
      upstream = sandbox.url;
      redirecting.closeAllConnections();
      await new Promise((resolve) => redirecting.close(resolve));
    }
  });

  test('an upstream that cannot be reached is a 502 with the reason', async () => {
    const closed = createServer();
    upstream = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    try {
      expect(await refusedWith(relayed())).toBe(502);
    } finally {
      upstream = sandbox.url;
    }
  });

  test('an upstream that never answers the handshake is a 504 once the handshake time is up', async () => {
    const silent = createServer();
    const held: Duplex[] = [];
    silent.on('upgrade', (_req, socket) => void held.push(socket));
    const silentUrl = await listen(silent);
    const impatient = createServer();
    impatient.on('upgrade', createWebSocketRelay({ allowedOrigins: () => [], upstream: () => silentUrl, handshakeTimeoutMs: 300 }));
    const impatientUrl = (await listen(impatient)).replace(/^http/, 'ws');
    try {
      const started = Date.now();
      expect(await refusedWith(`${impatientUrl}/relay/${awsHost()}/prod`)).toBe(504);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    } finally {
      // Upgraded sockets are no longer their server's to close.
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
      await new Promise((resolve) => impatient.close(resolve));
    }
  });

  test('a certificate the machine does not trust: 502, and nothing reaches the API', async () => {
    const wary = createServer();
    wary.on('upgrade', createWebSocketRelay({ allowedOrigins: () => [], testNetwork: front.untrusted }));
    const waryUrl = (await listen(wary)).replace(/^http/, 'ws');
    const forwardedBefore = front.forwarded();
    try {
      expect(await refusedWith(`${waryUrl}/relay/${awsHost()}/prod`)).toBe(502);
      expect(front.forwarded()).toBe(forwardedBefore);
    } finally {
      await new Promise((resolve) => wary.close(resolve));
    }
  });

  test('nothing reached the log', () => {
    expect(consoleCalls).toEqual([]);
  });
});

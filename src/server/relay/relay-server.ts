// The relay's own listener, on an origin apart from the site's (its own loopback port), so
// nothing an API answers can ever run as labbook: even a page the relay served would be
// another origin, with no access to the site's storage, cookies or service workers. On top
// of that, only labbook's page can use it, and nothing it returns can be rendered:
// - Host and Origin are checked as on every listener (access/listener-checks.ts);
// - HTTP requests must carry the relay key header, which only labbook's page has (from the
//   site's GET /api/relay, behind the site's token); a custom header forces a CORS
//   preflight, which this listener answers for the site's origins only;
// - navigations and loads as a document, frame, worker, script or style are refused by
//   their Fetch Metadata, before anything is forwarded;
// - every answer carries a sandboxing CSP, nosniff and CORP, and loses the upstream
//   headers that could act on the browser (relay.ts);
// - WebSocket handshakes (which cannot carry headers) need the site's session cookie,
//   which the browser sends here because this port is the same site, and the site's Origin;
// - on a class server (server/hosting.ts), each client's rate, requests in flight and
//   WebSocket sessions are limited (relay-limits.ts), and counts and durations, never a
//   path or a header, are logged (relay-stats.ts).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { allowedHostNames, refusal, refuseRequest, refuseUpgrade } from '../../access/listener-checks.ts';
import { holdsToken, relayKey, sameSecret } from '../../access/site-session.ts';
import type { HostingSettings } from '../hosting.ts';
import type { TestNetwork } from './aws-connection.ts';
import { RELAY_KEY_HEADER, RELAY_LIMIT_HEADER } from '../info-api.ts';
import { createRelay, refuse } from './relay.ts';
import { clientAddress, createClientLimits, type Admission } from './relay-limits.ts';
import { createRelayStats } from './relay-stats.ts';
import { createWebSocketRelay, refuseHandshake } from './relay-websocket.ts';

export interface RelayServerOptions {
  /** 0 picks a free port (the page learns the relay's address from the site). */
  port: number;
  host?: string;
  /** The site's own origins: the only pages that may use the relay. */
  siteOrigins: () => string[];
  token: string;
  /** The site's port, which names its session cookie. */
  sitePort: () => number | undefined;
  /** Tests only: see RelayOptions.upstream. */
  upstream?: () => string | undefined;
  /** Tests only: see TestNetwork. */
  testNetwork?: TestNetwork;
  /** Its public address behind a reverse proxy, its body size cap, limits and log interval. */
  hosting: Pick<HostingSettings, 'publicRelayUrl' | 'trustProxy' | 'maxBodyBytes' | 'limits' | 'statsIntervalMs'>;
  /** Where the counts go (console.log). */
  log?: (line: string) => void;
}

export interface RunningRelay {
  /** e.g. http://127.0.0.1:41234/relay/ : `<url><AWS host><path>`, at the public address when there is one. */
  url: string;
  /** The origin the page reaches the relay at. */
  origin: string;
  close(): Promise<void>;
}

/** Fetch Metadata destinations that would render or run the answer: none is a page's fetch(). */
const RENDERED_DESTINATIONS = new Set([
  'document',
  'iframe',
  'frame',
  'embed',
  'object',
  'serviceworker',
  'sharedworker',
  'worker',
  'script',
  'style',
  'xslt',
  'audio',
  'video',
  'image',
  'font',
  'manifest',
]);

/** On every answer: nothing in it may run, be sniffed into something runnable, or be embedded by another site. */
export const RELAYED_ANSWER_HEADERS: Record<string, string> = {
  'content-security-policy': "sandbox; default-src 'none'",
  'x-content-type-options': 'nosniff',
  'cross-origin-resource-policy': 'same-site',
  'cache-control': 'no-store',
};

export async function startRelayServer(options: RelayServerOptions): Promise<RunningRelay> {
  const { port, host = '127.0.0.1', siteOrigins, token, sitePort, upstream, testNetwork, hosting, log = console.log } = options;
  const key = relayKey(token);
  const hostNames = [...allowedHostNames(host), ...(hosting.publicRelayUrl ? [new URL(hosting.publicRelayUrl).hostname] : [])];
  const policy = { hosts: () => hostNames, origins: siteOrigins };
  const forward = createRelay({ allowedOrigins: siteOrigins, upstream, testNetwork, maxBodyBytes: hosting.maxBodyBytes });
  const forwardUpgrade = createWebSocketRelay({ allowedOrigins: siteOrigins, upstream, testNetwork });
  const limits = hosting.limits && createClientLimits(hosting.limits);
  const stats = hosting.statsIntervalMs ? createRelayStats() : undefined;
  const statsTimer =
    stats &&
    setInterval(() => {
      const line = stats.take();
      if (line) log(line);
    }, hosting.statsIntervalMs).unref();

  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(RELAYED_ANSWER_HEADERS)) res.setHeader(name, value);
    const origin = req.headers.origin;
    const refused = refusal(req.headers, policy);
    if (refused) return refuseRequest(res, refused);
    if (origin) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('vary', 'Origin');
    }
    if (isPreflight(req)) return answerPreflight(req, res);
    // Every header of AWS's answer, as the page saw them when the relay shared its origin (`*` holds for requests without credentials, which the page's are).
    res.setHeader('access-control-expose-headers', '*');
    const why = notAPageFetch(req, key);
    if (why) return refuseRequest(res, why);
    const started = performance.now();
    const admission = limits?.request(clientAddress(req, hosting.trustProxy));
    res.once('close', () => {
      if (admission?.ok) admission.release();
      stats?.answered(res.statusCode, performance.now() - started);
    });
    if (admission && !admission.ok) return refuse(req, res, 429, admission.message, { type: TOO_MANY_REQUESTS, headers: limitHeaders(admission) });
    void forward(req, res);
  });
  server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const refused = refusal(req.headers, policy);
    if (refused) return refuseUpgrade(socket, refused);
    if (!req.headers.origin || !holdsToken(req.headers, token, sitePort() ?? 0)) {
      return refuseUpgrade(socket, 'WebSockets through the relay are for labbook’s own pages, once labbook was opened with its printed address.');
    }
    const admission = limits?.webSocket(clientAddress(req, hosting.trustProxy));
    if (admission && !admission.ok) return refuseHandshake(socket, 429, admission.message, limitHeaders(admission));
    if (admission?.ok) socket.once('close', () => admission.release());
    stats?.webSocketOpened();
    forwardUpgrade(req, socket, head);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const origin = hosting.publicRelayUrl ?? `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  return {
    url: `${origin}/relay/`,
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(statsTimer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * AWS's throttling error: Lambda's and API Gateway's TooManyRequestsException is HTTP 429
 * with Retry-After (the Lambda API model binds its retryAfterSeconds to that header). The
 * SDKs retry it themselves, with backoff (a 429 or that name is a throttling error to the
 * SDK for JavaScript v3's retry strategy, which also waits the Retry-After it is given).
 */
const TOO_MANY_REQUESTS = 'TooManyRequestsException';

function limitHeaders(refused: Extract<Admission, { ok: false }>): Record<string, string> {
  return { 'retry-after': String(refused.retryAfterSeconds), [RELAY_LIMIT_HEADER]: refused.limit };
}

function isPreflight(req: IncomingMessage): boolean {
  return req.method === 'OPTIONS' && req.headers.origin !== undefined && req.headers['access-control-request-method'] !== undefined;
}

/** Answered here, never forwarded: whether a page may call the relay is labbook's decision, not the API's. */
function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(204, {
    'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
    'access-control-allow-headers': String(req.headers['access-control-request-headers'] ?? ''),
    'access-control-max-age': '600',
  });
  res.end();
}

/** Why a request is not labbook's page calling fetch(), or undefined when it is. */
function notAPageFetch(req: IncomingMessage, key: string): string | undefined {
  const destination = req.headers['sec-fetch-dest'];
  if (req.headers['sec-fetch-mode'] === 'navigate' || (typeof destination === 'string' && RENDERED_DESTINATIONS.has(destination))) {
    return 'The relay is not a website: it answers labbook’s page’s requests to AWS, never a page, frame, worker or script.';
  }
  const given = req.headers[RELAY_KEY_HEADER];
  if (typeof given !== 'string' || !sameSecret(given, key)) {
    return `Only labbook's own page may use the relay (it sends the ${RELAY_KEY_HEADER} header).`;
  }
  return undefined;
}

// WebSocket upgrades through the relay: labbook's page opens
// ws://<relay's host>/relay/<apiId>.execute-api.<region>.amazonaws.com/<stage>
// (its Content-Security-Policy allows no other AWS address), and the relay opens the
// same handshake to wss://<host>/<stage>. After the API's 101 the two sockets are
// piped byte for byte, so frames, pings and close codes pass through untouched;
// a refusal (403 from $connect, say) goes back as the same HTTP answer. Same rules
// as the HTTP relay: allow-listed hosts only, labbook's own pages only, no page
// context forwarded, no redirect followed, nothing logged.
import { STATUS_CODES, type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import type { Duplex } from 'node:stream';
import { isExecuteApiHost, relayDestination } from './relay-host.ts';
import { awsConnection, unreachableMessage } from './aws-connection.ts';
import { forwardedHeaders, RELAY_PREFIX, returnedHeaders, type RelayOptions } from './relay.ts';

/** The handshake headers a WebSocket needs end to end; every other sec-* header is the browser's and stays here. */
const HANDSHAKE_HEADERS = ['sec-websocket-key', 'sec-websocket-version', 'sec-websocket-protocol', 'sec-websocket-extensions'] as const;
/** How long reaching the API and its $connect (at most 29 s of integration on AWS) may take before the page is told 504. */
const HANDSHAKE_TIMEOUT_MS = 35_000;
/** How long a side may stay open after the other has ended its connection (ws waits 30 s for a closing handshake). */
const CLOSING_GRACE_MS = 5_000;
/** A refusal's body is API Gateway's short JSON ({"message":"Forbidden"}); more than this is cut. */
const MAX_REFUSAL_BODY_BYTES = 64 * 1024;

export type WebSocketRelayOptions = Pick<RelayOptions, 'allowedOrigins' | 'upstream' | 'testNetwork'> & { handshakeTimeoutMs?: number };

export function createWebSocketRelay({ allowedOrigins, handshakeTimeoutMs = HANDSHAKE_TIMEOUT_MS, ...connection }: WebSocketRelayOptions) {
  const openUpstream = awsConnection(connection);
  return function upgradeThroughRelay(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().includes(origin)) return refuseHandshake(socket, 403, 'Only labbook’s own pages may use the relay.');
    if (req.method !== 'GET' || String(req.headers.upgrade ?? '').toLowerCase() !== 'websocket') {
      return refuseHandshake(socket, 400, 'The relay upgrades only WebSocket handshakes (GET with Upgrade: websocket).');
    }
    const destination = relayDestination(req.url ?? '', RELAY_PREFIX);
    if ('refused' in destination) return refuseHandshake(socket, 403, destination.refused);
    if (!isExecuteApiHost(destination.host)) {
      return refuseHandshake(
        socket,
        403,
        'WebSockets go through the relay only to API Gateway invoke URLs such as <apiId>.execute-api.us-east-1.amazonaws.com.',
      );
    }

    const outgoing = openUpstream(destination.host, { method: 'GET', path: destination.path, headers: handshakeHeaders(req.headers, destination.host) });
    let settled = false;
    const settle = () => {
      const first = !settled;
      settled = true;
      return first;
    };
    outgoing.setTimeout(handshakeTimeoutMs, () => outgoing.destroy(Object.assign(new Error('handshake timed out'), { code: 'ETIMEDOUT' })));
    outgoing.on('upgrade', (answer, upstreamSocket, upstreamHead) => {
      if (!settle()) return void upstreamSocket.destroy();
      outgoing.setTimeout(0);
      upstreamSocket.setTimeout(0);
      if (socket.destroyed) return void upstreamSocket.destroy();
      socket.write(responseHead(101, answer.statusMessage, { ...returnedHeaders(answer.headers), connection: 'Upgrade', upgrade: 'websocket' }));
      if (upstreamHead.length > 0) socket.write(upstreamHead);
      if (head.length > 0) upstreamSocket.write(head);
      // A side that ends cleanly is ended on the other by the pipe, after what was read from it (the close
      // frame) has been written; a side that breaks off breaks off the other at once. Once one side has
      // ended, the other has a little while to end too: the relay keeps no half-closed connection.
      const both = () => {
        socket.destroy();
        upstreamSocket.destroy();
      };
      const ending = () => setTimeout(both, CLOSING_GRACE_MS).unref();
      upstreamSocket.once('end', ending);
      socket.once('end', ending);
      upstreamSocket.on('error', both);
      upstreamSocket.on('close', () => socket.writableEnded || socket.destroy());
      socket.on('close', () => upstreamSocket.writableEnded || upstreamSocket.destroy());
      upstreamSocket.pipe(socket);
      socket.pipe(upstreamSocket);
    });
    outgoing.on('response', (answer) => {
      if (!settle()) return void answer.destroy();
      passRefusalOn(answer, socket);
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (!settle()) return;
      if (error.code === 'ETIMEDOUT')
        return refuseHandshake(socket, 504, `${destination.host} did not answer the handshake within ${handshakeTimeoutMs / 1000} s.`);
      refuseHandshake(socket, 502, unreachableMessage(destination.host, error));
    });
    socket.on('close', () => {
      if (settle()) outgoing.destroy();
    });
    outgoing.end();
  };
}

/** The page's handshake, less what the browser says about the page (cookies, Origin, sec-fetch-*), Host set to the API's. */
function handshakeHeaders(headers: IncomingHttpHeaders, host: string): OutgoingHttpHeaders {
  const handshake: OutgoingHttpHeaders = { ...forwardedHeaders(headers, host), connection: 'Upgrade', upgrade: 'websocket' };
  for (const name of HANDSHAKE_HEADERS) if (headers[name] !== undefined) handshake[name] = headers[name];
  return handshake;
}

/** The API refused the handshake: the page gets the same status and body (redirects and cookies stay out). */
function passRefusalOn(answer: IncomingMessage, socket: Duplex): void {
  const chunks: Buffer[] = [];
  let length = 0;
  answer.on('data', (chunk: Buffer) => {
    if (length >= MAX_REFUSAL_BODY_BYTES) return;
    chunks.push(chunk);
    length += chunk.length;
  });
  answer.on('error', () => socket.destroy());
  answer.on('end', () => {
    const body = Buffer.concat(chunks).subarray(0, MAX_REFUSAL_BODY_BYTES);
    const headers = { ...returnedHeaders(answer.headers), 'content-length': body.length, connection: 'close' };
    delete headers['content-encoding'];
    finish(socket, Buffer.concat([Buffer.from(responseHead(answer.statusCode ?? 502, answer.statusMessage, headers)), body]));
  });
}

/** The relay's own refusal: JSON with a message, as the HTTP relay answers. */
export function refuseHandshake(socket: Duplex, status: number, message: string, extraHeaders: OutgoingHttpHeaders = {}): void {
  const body = Buffer.from(JSON.stringify({ message }));
  const headers = { 'content-type': 'application/json', 'content-length': body.length, 'cache-control': 'no-store', connection: 'close', ...extraHeaders };
  finish(socket, Buffer.concat([Buffer.from(responseHead(status, undefined, headers)), body]));
}

function finish(socket: Duplex, answer: Buffer): void {
  if (!socket.writable) return void socket.destroy();
  socket.once('finish', () => socket.destroy());
  socket.end(answer);
}

/** An HTTP/1.1 status line and headers; Node's parser has already refused any value with a line break. */
function responseHead(status: number, statusMessage: string | undefined, headers: OutgoingHttpHeaders): string {
  const lines = [`HTTP/1.1 ${status} ${statusMessage || STATUS_CODES[status] || 'Unknown'}`];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const one of [value].flat()) lines.push(`${name}: ${one}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n`;
}

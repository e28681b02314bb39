// Placeholder for the WebSocket API data plane and the @connections API; the
// front door already routes to these two functions (see api-request-routing.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { SandboxContext } from '../context.ts';

const NOT_FOUND = JSON.stringify({ message: 'Not Found' });

function notFound(target: Duplex | ServerResponse): void {
  if ('writeHead' in target) {
    target.writeHead(404, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(NOT_FOUND)) });
    target.end(NOT_FOUND);
  } else {
    target.destroy();
  }
}

/**
 * A request for a WebSocket API: an upgrade (`target` is the socket, `head`
 * the bytes read past the request head) or a plain HTTP request to an API
 * whose protocol is WEBSOCKET (`target` is the response, `head` empty).
 * `stagePath` is the request path after the API, still percent-encoded,
 * starting with '/' (e.g. '/production' or '/production/'); no query string.
 */
export function handleWebSocketRequest(
  _ctx: SandboxContext,
  _req: IncomingMessage,
  target: Duplex | ServerResponse,
  _head: Buffer,
  _apiId: string,
  _stagePath: string,
): void | Promise<void> {
  notFound(target);
}

/**
 * A request to the @connections management API: `stagePath` is
 * '/<stage>/@connections/<connectionId>' (percent-encoded, no query string).
 * The request is unread and unverified (it is signed with service execute-api).
 */
export function handleConnectionsRequest(
  _ctx: SandboxContext,
  _req: IncomingMessage,
  res: ServerResponse,
  _apiId: string,
  _stagePath: string,
): void | Promise<void> {
  notFound(res);
}

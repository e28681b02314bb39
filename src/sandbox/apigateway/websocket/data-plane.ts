// Entry points the front door routes to (see ../data-planes.ts): WebSocket
// handshakes and plain requests for a WebSocket API, and the @connections API.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketGateway } from './gateway.ts';

export { handleConnectionsRequest } from './connections-api.ts';

const UPGRADE_REQUIRED = JSON.stringify({ message: 'Upgrade Required' });

/**
 * A request for a WebSocket API: an upgrade (`target` is the socket, `head`
 * the bytes read past the request head) or a plain HTTP request to an API
 * whose protocol is WEBSOCKET (`target` is the response, `head` empty), which
 * is told to upgrade. `stagePath` is the path after the API ('/production').
 */
export async function handleWebSocketRequest(
  gateway: WebSocketGateway,
  req: IncomingMessage,
  target: Duplex | ServerResponse,
  head: Buffer,
  apiId: string,
  stagePath: string,
): Promise<void> {
  if (!('writeHead' in target)) return gateway.handshake(req, target, head, apiId, stagePath);
  // Drain the request so the client can read the answer.
  req.resume();
  target.writeHead(426, {
    upgrade: 'websocket',
    connection: 'Upgrade',
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(UPGRADE_REQUIRED)),
  });
  target.end(UPGRADE_REQUIRED);
}

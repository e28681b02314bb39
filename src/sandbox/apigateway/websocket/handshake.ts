// The HTTP side of a WebSocket API's handshake: whether the upgrade request is
// well formed, what a $connect outcome means for it, and the HTTP answer that
// refuses it. A refused handshake never becomes a connection.
//
// $connect with a Lambda proxy integration: a 2xx statusCode (or an answer
// without one) accepts; any other statusCode refuses with that status, which
// is what wscat reports as "Unexpected server response: <status>" (see "Set
// up a $connect route that requires a WebSocket subprotocol" in the developer
// guide). A function that raises gives 502, API Gateway's answer to a failed
// Lambda call; a configuration fault (no permission, no function) 500; an
// integration timeout 504.
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { IntegrationOutcome } from './integration.ts';

const INTERNAL_ERROR = { message: 'Internal server error' };

/** What is wrong with an upgrade request, in ws's words; undefined when it is a valid WebSocket handshake. */
export function handshakeProblem(req: IncomingMessage): string | undefined {
  if (req.method !== 'GET') return 'Invalid HTTP method';
  if (String(req.headers.upgrade ?? '').toLowerCase() !== 'websocket') return 'Invalid Upgrade header';
  if (!/^[+/0-9A-Za-z]{22}==$/.test(String(req.headers['sec-websocket-key'] ?? '').trim())) {
    return 'Missing or invalid Sec-WebSocket-Key header';
  }
  if (!['8', '13'].includes(String(req.headers['sec-websocket-version'] ?? ''))) return 'Missing or invalid Sec-WebSocket-Version header';
  return undefined;
}

/** Answers the upgrade request with an HTTP error and closes the socket. */
export function refuseHandshake(socket: Duplex, status: number, body: object | undefined, requestId: string): void {
  if (!socket.writable) return void socket.destroy();
  const text = body === undefined ? '' : JSON.stringify(body);
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}`,
    'Connection: close',
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(text)}`,
    `x-amzn-RequestId: ${requestId}`,
  ];
  socket.once('finish', () => socket.destroy());
  socket.end(`${head.join('\r\n')}\r\n\r\n${text}`);
}

/** The statusCode of a proxy answer: a number, 'malformed', or undefined when the answer has none. */
function statusCodeOf(result: unknown): number | 'malformed' | undefined {
  if (typeof result !== 'object' || result === null || !('statusCode' in result)) return undefined;
  const value = result.statusCode;
  const code = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof code === 'number' && Number.isInteger(code) && code >= 100 && code <= 599 ? code : 'malformed';
}

/** How the handshake is refused after $connect, or undefined when $connect accepted it. */
export function refusalOf(outcome: IntegrationOutcome): { status: number; body?: object } | undefined {
  if (!outcome.ok) {
    if (outcome.failure === 'function-error') return { status: 502, body: INTERNAL_ERROR };
    if (outcome.failure === 'timeout') return { status: 504, body: { message: 'Endpoint request timed out' } };
    return { status: 500, body: INTERNAL_ERROR };
  }
  const status = statusCodeOf(outcome.result);
  if (status === 'malformed') return { status: 502, body: INTERNAL_ERROR };
  return status === undefined || (status >= 200 && status < 300) ? undefined : { status };
}

/** The Sec-WebSocket-Protocol a $connect answer chose, if any. */
export function subprotocolOf(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  const headers = (result as { headers?: unknown }).headers;
  if (typeof headers !== 'object' || headers === null) return undefined;
  const entry = Object.entries(headers).find(([name]) => name.toLowerCase() === 'sec-websocket-protocol');
  return typeof entry?.[1] === 'string' ? entry[1] : undefined;
}

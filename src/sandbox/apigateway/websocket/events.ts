// The events a WebSocket API's Lambda proxy integrations receive (payload
// format 1.0): CONNECT with the handshake's headers and query string,
// MESSAGE with the frame's text as `body`, DISCONNECT with the close status.
// Field by field as API Gateway sends them (the developer guide's examples
// and the event shapes of AWS's own Lambda libraries).
import { randomBytes } from 'node:crypto';
import { newApiRequestId, requestTime } from '../request-context.ts';

/** What every event of one connection repeats. */
export interface ConnectionContext {
  connectionId: string;
  apiId: string;
  stage: string;
  /** <apiId>.execute-api.<region>.amazonaws.com: `https://{domainName}/{stage}` is the @connections endpoint. */
  domainName: string;
  /** ms */
  connectedAt: number;
  sourceIp: string;
  userAgent?: string;
}

type EventType = 'CONNECT' | 'MESSAGE' | 'DISCONNECT';

function requestContext(connection: ConnectionContext, routeKey: string, eventType: EventType, now: number, extra: Record<string, unknown>) {
  const requestId = newApiRequestId();
  return {
    routeKey,
    ...extra,
    eventType,
    extendedRequestId: requestId,
    requestTime: requestTime(new Date(now)),
    messageDirection: 'IN',
    stage: connection.stage,
    connectedAt: connection.connectedAt,
    requestTimeEpoch: now,
    identity: { sourceIp: connection.sourceIp, ...(connection.userAgent ? { userAgent: connection.userAgent } : {}) },
    requestId,
    domainName: connection.domainName,
    connectionId: connection.connectionId,
    apiId: connection.apiId,
  };
}

/** A trace header as API Gateway adds it: Root=1-<epoch seconds, hex>-<96 random bits, hex>. */
function traceId(now: number): string {
  return `Root=1-${Math.floor(now / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
}

/** Request headers API Gateway does not pass on: the handshake's own hop-by-hop ones. */
const DROPPED_HEADERS = new Set(['connection', 'upgrade', 'content-length', 'host']);

export interface Handshake {
  /** Node's rawHeaders: names as the client spelled them, values in order. */
  rawHeaders: string[];
  query: URLSearchParams;
  /** Port the client connected to, for X-Forwarded-Port. */
  port: number;
}

export function connectEvent(connection: ConnectionContext, handshake: Handshake, now = Date.now()) {
  const multiValueHeaders: Record<string, string[]> = { Host: [connection.domainName] };
  for (let i = 0; i + 1 < handshake.rawHeaders.length; i += 2) {
    const [name, value] = [handshake.rawHeaders[i], handshake.rawHeaders[i + 1]];
    if (DROPPED_HEADERS.has(name.toLowerCase())) continue;
    (multiValueHeaders[name] ??= []).push(value);
  }
  multiValueHeaders['X-Amzn-Trace-Id'] = [traceId(now)];
  multiValueHeaders['X-Forwarded-For'] = [connection.sourceIp];
  multiValueHeaders['X-Forwarded-Port'] = [String(handshake.port)];
  multiValueHeaders['X-Forwarded-Proto'] = ['http'];
  const headers = Object.fromEntries(Object.entries(multiValueHeaders).map(([name, values]) => [name, values.at(-1)!]));
  const names = [...new Set(handshake.query.keys())];
  const query = names.length
    ? {
        queryStringParameters: Object.fromEntries(names.map((name) => [name, handshake.query.getAll(name).at(-1)!])),
        multiValueQueryStringParameters: Object.fromEntries(names.map((name) => [name, handshake.query.getAll(name)])),
      }
    : {};
  return {
    headers,
    multiValueHeaders,
    ...query,
    requestContext: requestContext(connection, '$connect', 'CONNECT', now, {}),
    isBase64Encoded: false,
  };
}

export function messageEvent(connection: ConnectionContext, routeKey: string, body: string, now = Date.now()) {
  return {
    requestContext: requestContext(connection, routeKey, 'MESSAGE', now, { messageId: newApiRequestId() }),
    body,
    isBase64Encoded: false,
  };
}

export function disconnectEvent(connection: ConnectionContext, statusCode: number, reason: string, now = Date.now()) {
  // API Gateway sends these four headers, three of them empty, with every DISCONNECT.
  const headers = { Host: connection.domainName, 'x-api-key': '', 'X-Forwarded-For': '', 'x-restapi': '' };
  return {
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
    requestContext: requestContext(connection, '$disconnect', 'DISCONNECT', now, { disconnectStatusCode: statusCode, disconnectReason: reason }),
    isBase64Encoded: false,
  };
}

// The relay: the page signs a request for a real AWS host and sends it to
// /relay/<host>/<path> on the relay's own listener (relay-server.ts; browsers never
// send a Host a page sets, and some AWS control planes refuse browsers). The relay forwards it to
// https://<host> exactly as signed and streams the answer back. It reads no
// credentials, keeps nothing, logs nothing, and never follows a redirect.
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { awsConnection, unreachableMessage, type AwsConnectionOptions } from './aws-connection.ts';
import { isExecuteApiHost, relayDestination } from './relay-host.ts';
import { RELAY_LIMIT_HEADER, RELAYED_API_HEADER_PREFIX } from '../info-api.ts';

export const RELAY_PREFIX = '/relay/';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Connection-level headers (RFC 9110 §7.6.1) belong to one hop, never forwarded;
 * `expect` too, since this server has already answered any 100-continue itself.
 */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'http2-settings',
  'expect',
]);
/** How long reaching AWS may take; once connected, a call (a 15-minute Invoke) may take as long as it takes. */
const CONNECT_TIMEOUT_MS = 30_000;
/** What the browser and labbook's page add: none of it is signed, and none of it (the relay key least) is AWS's business. */
const PAGE_CONTEXT = /^(?:host|cookie|origin|referer|sec-.*|x-labbook-.*)$/;
/**
 * Dropped from answers, because an API's answer could use them to act on the
 * browser: cookies; a Location the browser would follow with the signed headers;
 * CORS, CSP and the other headers the relay's listener sets itself; a service
 * worker's wider scope; storage wiping; preloads and refreshes.
 */
const NOT_RETURNED =
  /^(?:set-cookie|location|access-control-.*|content-security-policy.*|x-content-type-options|cross-origin-.*|service-worker-allowed|clear-site-data|link|refresh|cache-control)$/;

export interface RelayOptions extends AwsConnectionOptions {
  /** Origins whose pages may use the relay (labbook's own); requests with no Origin are same-origin GETs or non-browser clients. */
  allowedOrigins: () => string[];
  /** Larger bodies are refused with 413 (server/hosting.ts: LABBOOK_RELAY_MAX_BODY_MB). */
  maxBodyBytes: number;
}

export function createRelay({ allowedOrigins, maxBodyBytes, ...connection }: RelayOptions) {
  const openUpstream = awsConnection(connection);
  return async function handleRelay(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().includes(origin)) return refuse(req, res, 403, 'Only labbook’s own pages may use the relay.');
    const destination = relayDestination(req.url ?? '', RELAY_PREFIX);
    if ('refused' in destination) return refuse(req, res, 403, destination.refused);
    if (!methodForwarded(req.method ?? '', destination.host))
      return refuse(req, res, 405, `The relay forwards ${[...METHODS].join(', ')} requests (and OPTIONS to an API's invoke URL).`);
    if (Number(req.headers['content-length']) > maxBodyBytes) return refuseTooLarge(req, res, maxBodyBytes);

    const outgoing = openUpstream(destination.host, { method: req.method, path: destination.path, headers: forwardedHeaders(req.headers, destination.host) });
    return new Promise<void>((resolve) => {
      let tooLarge = false;
      outgoing.on('response', (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, returnedHeaders(answer.headers));
        // An error here means the browser went away or AWS cut the answer short: nothing left to tell.
        pipeline(answer, res)
          .catch(() => res.destroy())
          .finally(resolve);
      });
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        // Once AWS has begun to answer, the answer's own pipeline deals with its end.
        if (!tooLarge && !res.headersSent) refuse(req, res, 502, unreachableMessage(destination.host, error));
        resolve();
      });
      outgoing.on('socket', (socket) => {
        if (!socket.connecting) return;
        socket.setTimeout(CONNECT_TIMEOUT_MS, () => outgoing.destroy(Object.assign(new Error('connection timed out'), { code: 'ETIMEDOUT' })));
        socket.once('connect', () => socket.setTimeout(0));
      });
      res.on('close', () => {
        if (!res.writableFinished) outgoing.destroy();
      });
      let received = 0;
      req.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (tooLarge) {
          // Read on (and drop) so the browser, still uploading, can see the 413; a flood beyond that is cut off.
          if (received > 2 * maxBodyBytes) req.destroy();
          return;
        }
        if (received > maxBodyBytes) {
          tooLarge = true;
          outgoing.destroy();
          return refuseTooLarge(req, res, maxBodyBytes);
        }
        if (!outgoing.write(chunk)) req.pause();
      });
      outgoing.on('drain', () => req.resume());
      req.on('end', () => {
        if (!tooLarge) outgoing.end();
      });
      req.on('error', () => outgoing.destroy());
    });
  };
}

/** The SDK's methods to any AWS host; OPTIONS too to an API's invoke URL, where it is a route like any other (the lab's `OPTIONS /`). */
function methodForwarded(method: string, host: string): boolean {
  return METHODS.has(method) || (method === 'OPTIONS' && isExecuteApiHost(host));
}

/** The request as the page signed it, with Host restored to the AWS host it was signed for. */
export function forwardedHeaders(headers: IncomingHttpHeaders, host: string): OutgoingHttpHeaders {
  const forwarded: OutgoingHttpHeaders = { host };
  const perConnection = connectionTokens(headers.connection);
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || perConnection.has(name) || PAGE_CONTEXT.test(name)) continue;
    forwarded[name] = value;
  }
  return forwarded;
}

export function returnedHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const returned: OutgoingHttpHeaders = {};
  const perConnection = connectionTokens(headers.connection);
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || perConnection.has(name)) continue;
    // The API's CORS answer is what the request client teaches; under another name the browser ignores it.
    if (name.startsWith('access-control-')) returned[RELAYED_API_HEADER_PREFIX + name] = value;
    else if (!NOT_RETURNED.test(name)) returned[name] = value;
  }
  return returned;
}

function connectionTokens(value: string | string[] | undefined): Set<string> {
  return new Set(
    [value ?? []]
      .flat()
      .flatMap((v) => v.split(','))
      .map((t) => t.trim().toLowerCase())
      .filter(Boolean),
  );
}

/**
 * Shaped as Lambda's own RequestTooLargeException (HTTP 413, `{"Type","message"}` in the
 * Lambda API model), so every SDK reads it as an error with this message.
 */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse, limit: number): void {
  const size = limit >= 1024 * 1024 ? `${Math.round(limit / 1024 / 1024)} MB` : `${limit} bytes`;
  const message = `The request body is larger than the relay forwards (${size}). Make the upload smaller.`;
  refuse(req, res, 413, message, { type: 'RequestTooLargeException', headers: { [RELAY_LIMIT_HEADER]: 'body' } });
}

/**
 * The relay's own refusals are JSON with a message, so the SDK shows the sentence; those
 * an SDK should recognise (a limit) carry an AWS error type too, in `__type` and in
 * x-amzn-ErrorType, where the JSON protocols read it.
 */
export function refuse(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  message: string,
  { type, headers = {} }: { type?: string; headers?: OutgoingHttpHeaders } = {},
): void {
  if (res.headersSent) return void res.destroy();
  const body = JSON.stringify(type ? { __type: type, message } : { message });
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    ...(type && { 'x-amzn-errortype': type }),
    ...headers,
  });
  res.end(body);
  // Not read: a large upload still arriving is dropped rather than kept.
  if (!req.complete) req.resume();
}

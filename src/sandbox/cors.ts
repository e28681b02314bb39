import type { IncomingMessage } from 'node:http';

// What AWS's JSON and REST endpoints expose to browsers, so the SDK in labbook's page can read
// request ids, error types and Lambda's invoke metadata.
const EXPOSED_HEADERS = [
  'x-amzn-RequestId',
  'x-amzn-ErrorType',
  'x-amzn-ErrorMessage',
  'x-amz-request-id',
  'x-amz-id-2',
  'x-amz-function-error',
  'x-amz-log-result',
  'x-amz-executed-version',
  'x-amz-crc32',
  'Date',
].join(',');

/** Headers for an actual (non-preflight) response to a browser: AWS APIs allow any origin. */
export function corsHeaders(req: IncomingMessage): Record<string, string> {
  if (!req.headers.origin) return {};
  return { 'access-control-allow-origin': '*', 'access-control-expose-headers': EXPOSED_HEADERS };
}

export function isPreflight(req: IncomingMessage): boolean {
  return req.method === 'OPTIONS' && !!req.headers.origin && !!req.headers['access-control-request-method'];
}

/** The answer to a CORS preflight for an AWS API; signed requests carry their own authority. */
export function preflightHeaders(req: IncomingMessage, allowOrigin = '*'): Record<string, string> {
  const headers: Record<string, string> = {
    'access-control-allow-origin': allowOrigin,
    'access-control-allow-methods': 'GET,HEAD,PUT,POST,DELETE,PATCH,OPTIONS',
    'access-control-expose-headers': EXPOSED_HEADERS,
    'access-control-max-age': '172800',
  };
  const requested = req.headers['access-control-request-headers'];
  if (requested) headers['access-control-allow-headers'] = String(requested);
  if (allowOrigin !== '*') headers.vary = 'Origin';
  return headers;
}

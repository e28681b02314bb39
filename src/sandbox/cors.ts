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

/**
 * What AWS's own host for a service refuses to let a page send. The services the lab's page calls
 * answer browsers (aws-sdk-js's apis/metadata.json marks dynamodb, lambda, kinesis, sts and
 * cloudwatchlogs `"cors": true`); API Gateway's control plane, apigateway.<region>.amazonaws.com
 * (the v2 API's host too), answers a preflight without the SDK v3's own request headers, so the
 * browser never sends the call: "Request header field amz-sdk-invocation-id is not allowed by
 * Access-Control-Allow-Headers in preflight response" (aws/aws-sdk-js-v3#6395, GetApis from Chrome;
 * #1590 names amz-sdk-request beside it). Addressed by its own name, the sandbox answers every service.
 */
const API_GATEWAY_CONTROL_PLANE = /^apigateway\.[a-z0-9-]+\.amazonaws\.com$/;
const SDK_V3_HEADERS = new Set(['amz-sdk-invocation-id', 'amz-sdk-request']);

function headersRefusedFor(req: IncomingMessage): Set<string> {
  const host = String(req.headers.host ?? '')
    .replace(/:\d+$/, '')
    .toLowerCase();
  return API_GATEWAY_CONTROL_PLANE.test(host) ? SDK_V3_HEADERS : new Set();
}

/** The answer to a CORS preflight for an AWS API; signed requests carry their own authority. */
export function preflightHeaders(req: IncomingMessage, allowOrigin = '*'): Record<string, string> {
  const headers: Record<string, string> = {
    'access-control-allow-origin': allowOrigin,
    'access-control-allow-methods': 'GET,HEAD,PUT,POST,DELETE,PATCH,OPTIONS',
    'access-control-expose-headers': EXPOSED_HEADERS,
    'access-control-max-age': '172800',
  };
  const refused = headersRefusedFor(req);
  const requested = String(req.headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name && !refused.has(name.toLowerCase()));
  if (requested.length > 0) headers['access-control-allow-headers'] = requested.join(',');
  if (allowOrigin !== '*') headers.vary = 'Origin';
  return headers;
}

// What an HTTP API sends back for a Lambda proxy integration's result.
//
// Payload format 2.0 ("Lambda function response for format 2.0" in
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html,
// and the knowledge-center article "api-gateway-status-codes-http-api"): a
// JSON object with `statusCode` is a response (statusCode as a number or a
// numeric string, headers, cookies → one set-cookie each, body, and
// isBase64Encoded); any other valid JSON — an object without statusCode, a
// string, a number, and also `null` — is "the function's response" that API
// Gateway wraps as a 200 with content-type application/json and that JSON as
// the body. So a Python handler returning None (the lab's CRUD function in its
// `except` branch) gives `200` with the body `null`, as AWS SAM CLI's emulation
// of format 2.0 also does (aws-sam-cli PR #2334).
//
// Payload format 1.0: the function must return the response object; API
// Gateway assumes nothing, so anything else is a 500. In both formats a
// response API Gateway cannot use (statusCode "abc", a body that is not a
// string, a header value that is an object) is a 500.
import { validateHeaderName, validateHeaderValue } from 'node:http';

export interface ApiResponse {
  status: number;
  /** Lower-cased names, in order; a name may repeat (set-cookie). */
  headers: [string, string][];
  body: Buffer;
}

/** Thrown for a function result API Gateway cannot turn into a response. */
class Malformed extends Error {}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Framing is the data plane's business, not the function's. */
const FRAMING_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive']);

function headerValue(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Malformed();
}

function header(name: string, value: unknown): [string, string] {
  const pair: [string, string] = [name.toLowerCase(), headerValue(value)];
  try {
    validateHeaderName(pair[0]);
    validateHeaderValue(pair[0], pair[1]);
  } catch {
    throw new Malformed();
  }
  return pair;
}

function statusOf(value: unknown): number {
  const status = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(status) || status < 100 || status > 599) throw new Malformed();
  return status;
}

function bodyOf(value: unknown, base64: unknown): Buffer {
  if (value === undefined || value === null) return Buffer.alloc(0);
  if (typeof value !== 'string') throw new Malformed();
  return base64 === true ? Buffer.from(value, 'base64') : Buffer.from(value, 'utf8');
}

/** `headers` (one value each) and, in format 1.0, `multiValueHeaders`, whose values win for a name in both. */
function headersOf(single: unknown, multi: unknown): [string, string][] {
  if (single !== undefined && single !== null && !isObject(single)) throw new Malformed();
  if (multi !== undefined && multi !== null && !isObject(multi)) throw new Malformed();
  const multiNames = new Set(Object.keys(multi ?? {}).map((name) => name.toLowerCase()));
  const pairs = Object.entries(single ?? {})
    .filter(([name]) => !multiNames.has(name.toLowerCase()))
    .map(([name, value]) => header(name, value));
  for (const [name, values] of Object.entries(multi ?? {})) {
    if (!Array.isArray(values)) throw new Malformed();
    pairs.push(...values.map((value) => header(name, value)));
  }
  return pairs.filter(([name]) => !FRAMING_HEADERS.has(name));
}

function cookiesOf(value: unknown): [string, string][] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Malformed();
  return value.map((cookie) => header('set-cookie', typeof cookie === 'string' ? cookie : undefined));
}

/** With no content-type from the function, API Gateway labels a body as UTF-8 text. */
function withContentType(response: ApiResponse): ApiResponse {
  const typed = response.headers.some(([name]) => name === 'content-type') || response.body.length === 0;
  return typed ? response : { ...response, headers: [...response.headers, ['content-type', 'text/plain; charset=utf-8']] };
}

function parse(payload: Buffer): unknown {
  try {
    return JSON.parse(payload.toString('utf8'));
  } catch {
    throw new Malformed();
  }
}

function attempt(map: () => ApiResponse): ApiResponse | undefined {
  try {
    return withContentType(map());
  } catch (error) {
    if (error instanceof Malformed) return undefined;
    throw error;
  }
}

/** The response for a format 2.0 result; undefined when API Gateway would answer 500. */
export function responseV2(payload: Buffer): ApiResponse | undefined {
  return attempt(() => {
    const result = parse(payload);
    if (!isObject(result) || !('statusCode' in result)) {
      return { status: 200, headers: [['content-type', 'application/json']], body: payload };
    }
    return {
      status: statusOf(result.statusCode),
      headers: [...headersOf(result.headers, undefined), ...cookiesOf(result.cookies)],
      body: bodyOf(result.body, result.isBase64Encoded),
    };
  });
}

/** The response for a format 1.0 result; undefined when API Gateway would answer 500. */
export function responseV1(payload: Buffer): ApiResponse | undefined {
  return attempt(() => {
    const result = parse(payload);
    if (!isObject(result)) throw new Malformed();
    return {
      status: statusOf(result.statusCode),
      headers: headersOf(result.headers, result.multiValueHeaders),
      body: bodyOf(result.body, result.isBase64Encoded),
    };
  });
}

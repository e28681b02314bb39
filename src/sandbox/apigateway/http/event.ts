// The event an HTTP API hands a Lambda proxy integration, in payload format
// 2.0 or 1.0, as "Create AWS Lambda proxy integrations for HTTP APIs"
// documents them. Format 2.0: header names lower-cased, repeated headers and
// query parameters joined with commas, cookies moved out of the headers into
// `cookies`, empty maps and an empty body left out. Format 1.0: single and
// multi-valued headers and query parameters, empty members null. Both: the
// path keeps a named stage's prefix (`/prod/items`), as AWS's does.
import { randomBytes } from 'node:crypto';
import { routeKeyPath, type SelectedRoute } from './routing.ts';
import { executeApiDomain, requestTime } from '../request-context.ts';

/** What the data plane read from the client. */
export interface ClientRequest {
  method: string;
  /** The path after the API as sent, percent-encoding kept: `/prod/items`. */
  rawPath: string;
  rawQueryString: string;
  /** Node's rawHeaders: name, value, name, value… */
  rawHeaders: string[];
  body: Buffer;
  /** e.g. HTTP/1.1 */
  protocol: string;
  sourceIp: string;
  /** The port the client connected to (for x-forwarded-port). */
  localPort: number;
}

/** Where the request landed in the API. */
export interface RequestTarget {
  accountId: string;
  apiId: string;
  region: string;
  stageName: string;
  stageVariables: Record<string, string>;
  selected: SelectedRoute;
  requestId: string;
  received: Date;
}

/** Content types whose bodies AWS passes as text; every other body, even form data or one without a type, arrives base64-encoded. */
const TEXT_TYPES = ['application/json', 'application/xml', 'application/javascript'];

function isTextContent(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  return type.startsWith('text/') || TEXT_TYPES.includes(type);
}

/** Headers dropped because they describe the client's connection to the sandbox, not the request. */
const CONNECTION_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'http2-settings']);

/** Every header as received, lower-cased, in order; HTTP/2's :authority becomes host. */
function headerList(request: ClientRequest): [string, string][] {
  const list: [string, string][] = [];
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i].toLowerCase();
    if (name === ':authority') list.push(['host', request.rawHeaders[i + 1]]);
    else if (!name.startsWith(':') && !CONNECTION_HEADERS.has(name) && name !== 'content-length') list.push([name, request.rawHeaders[i + 1]]);
  }
  return list;
}

/**
 * The headers as the function sees them: the client's, plus what API
 * Gateway's front end adds on the way in (the body's length, a trace id, and
 * the forwarding headers, the client's address appended to any it sent).
 */
function eventHeaders(request: ClientRequest, received: Date): [string, string][] {
  const sent = headerList(request);
  const forwardedFor = sent.filter(([name]) => name === 'x-forwarded-for').map(([, value]) => value);
  const traceTime = Math.floor(received.getTime() / 1000)
    .toString(16)
    .padStart(8, '0');
  return [
    ...sent.filter(([name]) => name !== 'x-forwarded-for'),
    ['content-length', String(request.body.length)],
    ['x-amzn-trace-id', `Root=1-${traceTime}-${randomBytes(12).toString('hex')}`],
    ['x-forwarded-for', [...forwardedFor, request.sourceIp].join(', ')],
    ['x-forwarded-port', String(request.localPort)],
    ['x-forwarded-proto', 'http'],
  ];
}

function group(pairs: Iterable<[string, string]>): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const [name, value] of pairs) grouped.set(name, [...(grouped.get(name) ?? []), value]);
  return grouped;
}

function bodyOf(request: ClientRequest, contentType: string | undefined): { body?: string; isBase64Encoded: boolean } {
  if (request.body.length === 0) return { isBase64Encoded: false };
  return isTextContent(contentType)
    ? { body: request.body.toString('utf8'), isBase64Encoded: false }
    : { body: request.body.toString('base64'), isBase64Encoded: true };
}

/** `{}` becomes absent (2.0) or null (1.0): AWS never sends an empty map. */
const nonEmpty = <T extends object>(map: T): T | undefined => (Object.keys(map).length > 0 ? map : undefined);

function domainOf(target: RequestTarget) {
  return { domainName: executeApiDomain(target.apiId, target.region), domainPrefix: target.apiId };
}

/** Payload format 2.0. */
export function eventV2(request: ClientRequest, target: RequestTarget): Record<string, unknown> {
  const headers = group(eventHeaders(request, target.received));
  const cookies = (headers.get('cookie') ?? [])
    .flatMap((value) => value.split(';'))
    .map((c) => c.trim())
    .filter((c) => c !== '');
  headers.delete('cookie');
  const query = group(new URLSearchParams(request.rawQueryString));
  const routeKey = target.selected.route.routeKey;
  return {
    version: '2.0',
    routeKey,
    rawPath: request.rawPath,
    rawQueryString: request.rawQueryString,
    ...(cookies.length ? { cookies } : {}),
    headers: Object.fromEntries([...headers].map(([name, values]) => [name, values.join(',')])),
    queryStringParameters: nonEmpty(Object.fromEntries([...query].map(([name, values]) => [name, values.join(',')]))),
    requestContext: {
      accountId: target.accountId,
      apiId: target.apiId,
      ...domainOf(target),
      http: {
        method: request.method,
        path: request.rawPath,
        protocol: request.protocol,
        sourceIp: request.sourceIp,
        userAgent: headers.get('user-agent')?.join(',') ?? '',
      },
      requestId: target.requestId,
      routeKey,
      stage: target.stageName,
      time: requestTime(target.received),
      timeEpoch: target.received.getTime(),
    },
    pathParameters: nonEmpty(target.selected.pathParameters),
    stageVariables: nonEmpty(target.stageVariables),
    ...bodyOf(request, headers.get('content-type')?.at(-1)),
  };
}

/** Payload format 1.0 (the REST API's proxy event, as HTTP APIs send it). */
export function eventV1(request: ClientRequest, target: RequestTarget): Record<string, unknown> {
  const headers = group(eventHeaders(request, target.received));
  const query = group(new URLSearchParams(request.rawQueryString));
  const last = (grouped: Map<string, string[]>) => Object.fromEntries([...grouped].map(([name, values]) => [name, values.at(-1)!]));
  const resourcePath = routeKeyPath(target.selected.route.routeKey);
  const userAgent = headers.get('user-agent')?.at(-1) ?? '';
  const { body, isBase64Encoded } = bodyOf(request, headers.get('content-type')?.at(-1));
  return {
    version: '1.0',
    resource: resourcePath,
    path: request.rawPath,
    httpMethod: request.method,
    headers: last(headers),
    multiValueHeaders: Object.fromEntries(headers),
    queryStringParameters: nonEmpty(last(query)) ?? null,
    multiValueQueryStringParameters: nonEmpty(Object.fromEntries(query)) ?? null,
    requestContext: {
      accountId: target.accountId,
      apiId: target.apiId,
      ...domainOf(target),
      extendedRequestId: target.requestId,
      httpMethod: request.method,
      identity: {
        accessKey: null,
        accountId: null,
        caller: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: request.sourceIp,
        user: null,
        userAgent,
        userArn: null,
      },
      path: request.rawPath,
      protocol: request.protocol,
      requestId: target.requestId,
      requestTime: requestTime(target.received),
      requestTimeEpoch: target.received.getTime(),
      resourceId: null,
      resourcePath,
      stage: target.stageName,
    },
    pathParameters: nonEmpty(target.selected.pathParameters) ?? null,
    stageVariables: nonEmpty(target.stageVariables) ?? null,
    body: body ?? null,
    isBase64Encoded,
  };
}

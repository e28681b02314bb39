// The restJson1 protocol (Lambda): the operation is the HTTP method plus a path
// template such as /2015-03-31/functions/{FunctionName}; errors carry their code
// in the x-amzn-ErrorType header and a JSON body {"Type": "User", "message": ...}.
// Reference: https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html
import { AwsError } from './errors.ts';
import { validateRequest, type ModelValidation } from './model-validator.ts';
import type { ServiceModel } from './model.ts';
import { hasJsonBody, restJsonModelInput } from './rest-json-input.ts';
import type { Protocol, SandboxRequest, SandboxResponse, Service } from './service.ts';
import { JSON_AUTH_ERROR_CODES, type AuthFailure } from './sigv4.ts';

export interface RestJsonInput {
  /** Path parameters, percent-decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  req: SandboxRequest;
  /** The body as a JSON object ({} when empty); a malformed body throws the protocol's invalid-JSON error. */
  json: () => Record<string, unknown>;
}

export interface RestJsonResult {
  status?: number;
  headers?: Record<string, string>;
  /** Serialised as JSON, unless it is a Buffer (sent as is, e.g. an Invoke payload). */
  body?: unknown;
}

export interface RestJsonRoute {
  method: string;
  /** e.g. '/2015-03-31/functions/{FunctionName}/invocations' */
  path: string;
  operation: string;
  /** Checks AWS makes before it reads the body at all (e.g. Lambda's upload size limit). */
  beforeBody?(req: SandboxRequest): void;
  handler(input: RestJsonInput): Promise<RestJsonResult>;
}

export interface RestJsonOptions {
  /** The error for a body that is not a JSON object (Lambda: InvalidRequestContentException). */
  invalidJson?: (detail: string) => AwsError;
}

/** restJson services append what they expected to a signature mismatch (github.com/aws/aws-sdk-js/issues/168 quotes Lambda). */
function authMessage(failure: AuthFailure): string {
  if (failure.kind === 'missing') return 'Missing Authentication Token';
  if (!failure.expected) return failure.message;
  return (
    `${failure.message}\n\nThe Canonical String for this request should have been\n'${failure.expected.canonicalRequest}'\n\n` +
    `The String-to-Sign should have been\n'${failure.expected.stringToSign}'\n`
  );
}

export type MessageKey = 'message' | 'Message';

/**
 * Each error's message member as the service's model spells it, `fallback` for errors the model
 * lacks. Lambda's model has both: {"Type":"User","Message":"Function not found: …"}, but
 * TooManyRequestsException's {"Reason":"ConcurrentInvocationLimitExceeded","Type":"User","message":"Rate Exceeded."}
 * (the body as public reports quote it).
 */
export function modelMessageKeys(model: ServiceModel, fallback: MessageKey): (code: string) => MessageKey {
  const keys = new Map<string, MessageKey>();
  for (const shape of Object.values(model.shapes)) {
    if (!shape.error || !shape.members) continue;
    if ('message' in shape.members) keys.set(shape.error.code, 'message');
    else if ('Message' in shape.members) keys.set(shape.error.code, 'Message');
  }
  return (code) => keys.get(code) ?? fallback;
}

/** `messageKey`: the member an error's message goes in, one for all (API Gateway's `message`) or per error code (Lambda's). */
export function restJsonProtocol(messageKey: MessageKey | ((code: string) => MessageKey) = 'message'): Protocol {
  const keyOf = typeof messageKey === 'function' ? messageKey : () => messageKey;
  return {
    errorResponse(error: AwsError): SandboxResponse {
      const body = { Type: error.status >= 500 ? 'Service' : 'User', [keyOf(error.code)]: error.message, ...error.fields };
      return {
        status: error.status,
        headers: { 'content-type': 'application/json', 'x-amzn-errortype': error.code },
        body: JSON.stringify(body),
      };
    },
    // Lambda answers these with 403 (e.g. UnrecognizedClientException, github.com/iann0036/iamlive/issues/58).
    authError: (failure) => new AwsError(JSON_AUTH_ERROR_CODES[failure.kind], authMessage(failure), 403),
    // HTTP 403 in API Gateway v2's model; Lambda's model has no such shape, but its IAM refusals are the same 403.
    accessDenied: (message) => new AwsError('AccessDeniedException', message, 403),
  };
}

export interface CompiledRoute {
  route: RestJsonRoute;
  /** One entry per path segment: a literal, or the name of a parameter. */
  segments: Array<{ literal: string } | { param: string }>;
}

function compile(route: RestJsonRoute): CompiledRoute {
  const segments = route.path
    .split('/')
    .slice(1)
    .map((segment) => {
      const param = /^\{([\w-]+)\}$/.exec(segment);
      return param ? { param: param[1] } : { literal: segment };
    });
  return { route, segments };
}

/** Finds the route for a request; a percent-encoding that does not decode is a client error. */
function matchRoute(routes: CompiledRoute[], method: string, path: string): { route: RestJsonRoute; params: Record<string, string> } | undefined {
  const parts = path.split('/').slice(1);
  for (const { route, segments } of routes) {
    if (route.method !== method || segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const matches = segments.every((segment, i) => {
      if ('literal' in segment) return segment.literal === parts[i];
      if (parts[i] === '') return false;
      params[segment.param] = decodeSegment(parts[i]);
      return true;
    });
    if (matches) return { route, params };
  }
  return undefined;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new AwsError('ValidationException', `Path segment '${segment}' is not valid percent-encoding.`);
  }
}

function compileRoutes(routes: RestJsonRoute[]): CompiledRoute[] {
  return routes.map(compile);
}

export interface RestJsonServiceOptions extends RestJsonOptions {
  /** The member errors carry their message in; 'message' unless the service differs. */
  errorMessageKey?: MessageKey | ((code: string) => MessageKey);
  signingName: string;
  hostPrefix: string;
  routes: RestJsonRoute[];
  maxBodyBytes?: number;
  bodyTooLarge?: (limit: number) => AwsError;
  /** The service's model: every request is checked against it before its operation runs. */
  validation?: ModelValidation;
}

function parseJsonObject(body: Buffer, invalid: (detail: string) => AwsError): Record<string, unknown> {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw invalid((error as Error).message);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid('expected a JSON object');
  return value as Record<string, unknown>;
}

export function restJsonService(options: RestJsonServiceOptions): Service {
  const routes = compileRoutes(options.routes);
  const invalidJson = options.invalidJson ?? ((detail: string) => new AwsError('SerializationException', detail));
  return {
    signingName: options.signingName,
    hostPrefix: options.hostPrefix,
    protocol: restJsonProtocol(options.errorMessageKey),
    maxBodyBytes: options.maxBodyBytes,
    bodyTooLarge: options.bodyTooLarge,
    async handle(req) {
      const found = matchRoute(routes, req.method, req.path);
      if (!found) throw new AwsError('UnknownOperationException', `No operation matches ${req.method} ${req.path}`, 404);
      const { route, params } = found;
      req.authorize?.(route.operation);
      route.beforeBody?.(req);
      const validation = options.validation;
      let body: Record<string, unknown> | undefined;
      if (validation) {
        if (hasJsonBody(validation.model, route.operation)) body = parseJsonObject(req.body, invalidJson);
        const input = restJsonModelInput(validation.model, route.operation, { params, query: req.query, headers: req.headers, body: body ?? {} });
        validateRequest(validation, route.operation, input);
      }
      const result = await route.handler({
        params,
        query: req.query,
        req,
        json: () => body ?? parseJsonObject(req.body, invalidJson),
      });
      const raw = Buffer.isBuffer(result.body);
      return {
        status: result.status ?? 200,
        headers: { 'content-type': raw ? 'application/octet-stream' : 'application/json', ...result.headers },
        body: raw ? (result.body as Buffer) : result.body === undefined ? '' : JSON.stringify(result.body),
      };
    },
  };
}

// An HTTP API's CORS configuration at work ("Configuring CORS for an HTTP
// API"): with one, API Gateway answers preflight requests itself, whatever
// routes exist, and puts the configured headers on the integration's
// responses, dropping any CORS headers the integration sent. Headers go only
// to an origin the configuration allows; allowOrigins may hold `*` or
// wildcard origins such as https://*.example.com.
import type { Cors } from '../model.ts';
import type { ApiResponse } from './response.ts';

function originPattern(allowed: string): RegExp {
  const source = allowed.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*');
  return new RegExp(`^${source}$`, 'i');
}

/** The access-control-allow-origin value for this origin, or undefined when the configuration does not allow it. */
function allowedOrigin(cors: Cors, origin: string): string | undefined {
  const origins = cors.allowOrigins ?? [];
  if (origins.includes('*')) return '*';
  return origins.some((allowed) => originPattern(allowed).test(origin)) ? origin : undefined;
}

const list = (values: string[] | undefined) => (values && values.length > 0 ? values.join(',') : undefined);

function present(headers: [string, string | undefined][]): [string, string][] {
  return headers.filter((pair): pair is [string, string] => pair[1] !== undefined);
}

/** API Gateway's own answer to a preflight: 204, with the configured headers if the origin is allowed. */
export function preflightResponse(cors: Cors, origin: string): ApiResponse {
  const allowOrigin = allowedOrigin(cors, origin);
  const headers: [string, string | undefined][] =
    allowOrigin === undefined
      ? []
      : [
          ['access-control-allow-origin', allowOrigin],
          ['access-control-allow-credentials', cors.allowCredentials ? 'true' : undefined],
          ['access-control-allow-methods', list(cors.allowMethods)],
          ['access-control-allow-headers', list(cors.allowHeaders)],
          ['access-control-max-age', cors.maxAge === undefined ? undefined : String(cors.maxAge)],
        ];
  return { status: 204, headers: present(headers), body: Buffer.alloc(0) };
}

/** The integration's response with its own CORS headers replaced by the configured ones. */
export function withCorsHeaders(cors: Cors, origin: string | undefined, response: ApiResponse): ApiResponse {
  const own = response.headers.filter(([name]) => !name.startsWith('access-control-'));
  const allowOrigin = origin === undefined ? undefined : allowedOrigin(cors, origin);
  if (allowOrigin === undefined) return { ...response, headers: own };
  const added: [string, string | undefined][] = [
    ['access-control-allow-origin', allowOrigin],
    ['access-control-allow-credentials', cors.allowCredentials ? 'true' : undefined],
    ['access-control-expose-headers', list(cors.exposeHeaders)],
  ];
  return { ...response, headers: [...own, ...present(added)] };
}

/**
 * labbook's own page (its request client) may read every header of an answer the API's
 * CORS already lets it read, so the student sees the Access-Control-* headers their
 * function or configuration sent, as curl would show them. Not AWS's behaviour: API
 * Gateway exposes only the configured headers; every other origin still sees exactly that.
 */
export function exposedToLabbookPage(origin: string | undefined, pageOrigins: string[], response: ApiResponse): ApiResponse {
  const granted = response.headers.some(([name]) => name.toLowerCase() === 'access-control-allow-origin');
  if (origin === undefined || !granted || !pageOrigins.includes(origin)) return response;
  const others = response.headers.filter(([name]) => name.toLowerCase() !== 'access-control-expose-headers');
  return { ...response, headers: [...others, ['access-control-expose-headers', '*']] };
}

// API Gateway v2's rules for route keys, stage names and Lambda integration
// URIs, from the developer guide: HTTP route keys are `$default` or an HTTP
// method (or ANY) and a path whose parameters are `{name}` and, last only,
// greedy `{name+}`; WebSocket route keys are `$connect`, `$disconnect`,
// `$default` or a custom key that does not start with `$`.
import { badRequest } from './errors.ts';
import type { ProtocolType } from './model.ts';

const HTTP_METHODS = ['ANY', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const WEBSOCKET_SPECIAL_KEYS = ['$connect', '$disconnect', '$default'];
export const HTTP_ROUTE_SELECTION = '$request.method $request.path';

function httpPathProblem(path: string): string | undefined {
  if (!path.startsWith('/')) return 'the path must start with /';
  if (path === '/') return undefined;
  const segments = path.slice(1).split('/');
  for (const [i, segment] of segments.entries()) {
    if (segment === '') return 'the path has an empty segment';
    const parameter = /^\{([^{}]*)\}$/.exec(segment)?.[1];
    if (parameter === undefined) {
      if (/[{}]/.test(segment)) return `'${segment}' mixes a path parameter with other characters`;
      continue;
    }
    const greedy = parameter.endsWith('+');
    if (!/^[A-Za-z0-9._-]+$/.test(greedy ? parameter.slice(0, -1) : parameter)) return `'${segment}' is not a valid path parameter`;
    if (greedy && i !== segments.length - 1) return `the greedy path parameter '${segment}' must be the last segment`;
  }
  return undefined;
}

/** Throws BadRequestException unless `routeKey` is valid for the API's protocol. */
export function checkRouteKey(protocol: ProtocolType, routeKey: string): void {
  if (protocol === 'WEBSOCKET') {
    if (routeKey.startsWith('$') && !WEBSOCKET_SPECIAL_KEYS.includes(routeKey)) {
      throw badRequest(`Invalid route key: ${routeKey}. Route keys starting with $ are reserved; use $connect, $disconnect or $default.`);
    }
    return;
  }
  if (routeKey === '$default') return;
  const [method, path, ...rest] = routeKey.split(' ');
  const problem = !HTTP_METHODS.includes(method)
    ? `the method must be one of ${HTTP_METHODS.join(', ')}`
    : path === undefined || rest.length > 0
      ? 'it must be $default or an HTTP method and a path separated by one space'
      : httpPathProblem(path);
  if (problem) throw badRequest(`Invalid route key: ${routeKey}: ${problem}.`);
}

/** Stage names: letters, digits, hyphens and underscores, up to 128; `$default` for HTTP APIs only. */
export function checkStageName(protocol: ProtocolType, stageName: string): void {
  if (stageName === '$default') {
    if (protocol === 'HTTP') return;
    throw badRequest('The $default stage is supported for HTTP APIs only.');
  }
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(stageName)) {
    throw badRequest('Stage names can only contain alphanumeric characters, hyphens, and underscores, or be $default. Maximum length is 128 characters.');
  }
}

const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(?::[A-Za-z0-9$_-]{1,128})?$/;
const INVOKE_URI = /^arn:aws[a-z-]*:apigateway:[a-z0-9-]+:lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/;

/**
 * The Lambda function ARN an AWS_PROXY integration URI names: either the ARN
 * itself or API Gateway's invocation URI around it. Undefined when it is
 * neither. Whether the function exists is not checked here, as AWS does not
 * check it either until a request invokes it.
 */
export function lambdaArnOf(integrationUri: string): string | undefined {
  const wrapped = INVOKE_URI.exec(integrationUri)?.[1] ?? integrationUri;
  return LAMBDA_ARN.test(wrapped) ? wrapped : undefined;
}

export function isHttpUrl(value: string): boolean {
  return /^https?:\/\/[^\s/]+/.test(value);
}

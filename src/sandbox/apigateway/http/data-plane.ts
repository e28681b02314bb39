// The HTTP API data plane: a request under /_api/<apiId>/ (or for
// <apiId>.execute-api.<region>.amazonaws.com) goes through stage and route
// selection to its Lambda proxy integration, and the function's result comes
// back as AWS's HTTP API returns it. Answers that come from API Gateway itself
// are AWS's: 404 {"message":"Not Found"} when no stage or route matches, 500
// {"message":"Internal Server Error"} for a function error, a missing
// permission or a result it cannot use, 503 {"message":"Service Unavailable"}
// when the integration's timeout passes (what HTTP APIs answer then, unlike
// REST APIs' 504). Every answer carries apigw-requestid, never x-amzn-ErrorType.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLarge, readBody } from '../../body.ts';
import { isPreflight } from '../../cors.ts';
import { exposedToLabbookPage, preflightResponse, withCorsHeaders } from './cors.ts';
import { eventV1, eventV2, type ClientRequest, type RequestTarget } from './event.ts';
import { responseV1, responseV2, type ApiResponse } from './response.ts';
import { routeKeyPath, selectRoute, selectStage } from './routing.ts';
import type { DataPlaneParts } from '../data-plane-parts.ts';
import { invokeLambdaIntegration } from '../lambda-integration.ts';
import type { Integration } from '../model.ts';
import { newApiRequestId, sourceIpOf } from '../request-context.ts';

/** HTTP APIs accept request bodies up to 10 MB. */
const MAX_HTTP_API_BODY_BYTES = 10 * 1024 * 1024;

function message(status: number, text: string, contentType = true): ApiResponse {
  return { status, headers: contentType ? [['content-type', 'application/json']] : [], body: Buffer.from(JSON.stringify({ message: text })) };
}

const notFound = () => message(404, 'Not Found');
const internalServerError = () => message(500, 'Internal Server Error');

function send(req: IncomingMessage, res: ServerResponse, response: ApiResponse, requestId: string): void {
  if (res.headersSent || res.destroyed) return void res.end();
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of response.headers) {
    const previous = headers[name];
    if (name === 'set-cookie') headers[name] = [...((previous as string[] | undefined) ?? []), value];
    else headers[name] = previous === undefined ? value : `${String(previous)},${value}`;
  }
  headers['content-length'] = String(response.body.length);
  headers['apigw-requestid'] = requestId;
  res.writeHead(response.status, headers);
  res.end(req.method === 'HEAD' ? undefined : response.body);
}

/** arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/<METHOD>/<route path>, or …/<stage>/$default for the $default route. */
function sourceArnOf(target: RequestTarget, method: string): string {
  const routeKey = target.selected.route.routeKey;
  const resource = routeKey === '$default' ? '$default' : `${method}${routeKeyPath(routeKey)}`;
  return `arn:aws:execute-api:${target.region}:${target.accountId}:${target.apiId}/${target.stageName}/${resource}`;
}

async function callIntegration(parts: DataPlaneParts, integration: Integration, request: ClientRequest, target: RequestTarget): Promise<ApiResponse> {
  const { ctx } = parts;
  if (integration.integrationType !== 'AWS_PROXY' || !integration.integrationUri) {
    ctx.log(`sandbox apigateway: ${target.apiId}: ${integration.integrationType} integrations are not emulated; answering 500`);
    return internalServerError();
  }
  const v2 = integration.payloadFormatVersion === '2.0';
  const event = v2 ? eventV2(request, target) : eventV1(request, target);
  const outcome = await invokeLambdaIntegration(parts, {
    integrationUri: integration.integrationUri,
    region: target.region,
    sourceArn: sourceArnOf(target, request.method),
    payload: Buffer.from(JSON.stringify(event)),
    timeoutMs: integration.timeoutInMillis,
  });
  switch (outcome.kind) {
    case 'timeout':
      return message(503, 'Service Unavailable', false);
    case 'too-large':
      return message(413, 'Request Entity Too Large');
    case 'failed':
      ctx.log(`sandbox apigateway: ${target.apiId}: ${outcome.reason}; answering 500`);
      return internalServerError();
    case 'result':
      if (outcome.functionError) return internalServerError();
      return (v2 ? responseV2(outcome.payload) : responseV1(outcome.payload)) ?? internalServerError();
  }
}

async function respond(parts: DataPlaneParts, req: IncomingMessage, apiId: string, path: string, requestId: string): Promise<ApiResponse> {
  const { ctx, apis: store } = parts;
  const received = new Date();
  let body: Buffer;
  try {
    body = await readBody(req, MAX_HTTP_API_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLarge) return message(413, 'Request Entity Too Large');
    throw error;
  }
  const region = store.regionOf(apiId);
  const stage = selectStage(store, apiId, path);
  if (!stage || !region) return notFound();
  const { api, routes, integrations } = stage.deployed;
  if (api.disableExecuteApiEndpoint) return message(403, 'Forbidden');
  const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
  const cors = api.corsConfiguration;
  if (cors && origin !== undefined && isPreflight(req)) return preflightResponse(cors, origin);
  const method = req.method ?? 'GET';
  const selected = selectRoute(routes, method, stage.routePath);
  // A route without an integration serves nothing, as one that does not exist.
  const integrationId = selected?.route.target?.replace(/^integrations\//, '');
  const integration = integrationId !== undefined && Object.hasOwn(integrations, integrationId) ? integrations[integrationId] : undefined;
  if (!selected || !integration) return notFound();
  const rawUrl = (req.url ?? '/').split('?');
  const request: ClientRequest = {
    method,
    rawPath: path,
    rawQueryString: rawUrl.slice(1).join('?'),
    rawHeaders: req.rawHeaders,
    body,
    protocol: `HTTP/${req.httpVersion}`,
    sourceIp: sourceIpOf(req),
    localPort: req.socket.localPort ?? 0,
  };
  const target: RequestTarget = {
    accountId: ctx.accountId,
    apiId,
    region,
    stageName: stage.stageName,
    stageVariables: stage.deployed.stage.stageVariables,
    selected,
    requestId,
    received,
  };
  const response = await callIntegration(parts, integration, request, target);
  return exposedToLabbookPage(origin, ctx.pageOrigins(), cors ? withCorsHeaders(cors, origin, response) : response);
}

/** Serves one request for an HTTP API; `path` is what follows the API in the URL (percent-encoded, no query). */
export async function handleHttpApiRequest(parts: DataPlaneParts, req: IncomingMessage, res: ServerResponse, apiId: string, path: string): Promise<void> {
  const requestId = newApiRequestId();
  let response: ApiResponse;
  try {
    response = await respond(parts, req, apiId, path, requestId);
  } catch (error) {
    if (res.destroyed) return;
    parts.ctx.log(`sandbox apigateway: ${apiId}: request ${requestId} failed: ${(error as Error)?.stack ?? String(error)}`);
    response = internalServerError();
  }
  send(req, res, response, requestId);
}

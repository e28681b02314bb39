import type { SandboxContext } from '../context.ts';
import type { SandboxEngines } from '../engines.ts';
import { restJsonService } from '../protocol/rest-json.ts';
import type { SandboxRequest, Service } from '../protocol/service.ts';
import { model } from '../protocol/generated/apigatewayv2.ts';
import { apiRoutes } from './control/apis.ts';
import { apiGatewayTypeError } from './control/input.ts';
import { badRequest } from './errors.ts';
import { integrationRoutes } from './control/integrations.ts';
import type { Api } from './model.ts';
import { routeRoutes } from './control/routes.ts';
import { stageRoutes } from './control/stages.ts';
import { tagRoutes } from './control/tags.ts';
import { controlPlaneQuotas } from './control/quotas.ts';

/** Where the sandbox serves an API's data plane, under its own origin. */
export const API_PATH_PREFIX = '/_api/';

/**
 * An API's `apiEndpoint`: http://127.0.0.1:<port>/_api/<apiId> (ws:// for
 * WebSocket APIs), so `<apiEndpoint>/<stage>/` is the invoke URL, as
 * `https://<apiId>.execute-api.<region>.amazonaws.com/<stage>/` is on AWS.
 * A path under the sandbox's own address reaches it from a browser, curl,
 * boto3 and Python WebSocket clients alike, where `*.localhost` host names
 * do not resolve everywhere.
 */
export function apiEndpoint(sandboxUrl: string, api: Pick<Api, 'apiId' | 'protocolType'>): string {
  const base = api.protocolType === 'WEBSOCKET' ? sandboxUrl.replace(/^http/, 'ws') : sandboxUrl;
  return `${base}${API_PATH_PREFIX}${api.apiId}`;
}

/** apigateway.<region>.amazonaws.com: a request signed for AWS's own host (labbook's relay pointed at the sandbox). */
const AWS_CONTROL_PLANE_HOST = /^apigateway\.([a-z0-9-]+)\.amazonaws\.com(?::443)?$/;

/**
 * The endpoint as the caller should see it. A request that arrived for AWS's own host name
 * is answered as AWS answers, `https://<apiId>.execute-api.<region>.amazonaws.com` (wss://
 * for WebSocket APIs), which reaches the sandbox again through the relay, since the data
 * plane also routes by those host names. Every other caller gets the sandbox's own address.
 */
function endpointFor(sandboxUrl: string, api: Api, req: SandboxRequest): string {
  const region = AWS_CONTROL_PLANE_HOST.exec(String(req.headers.host ?? ''))?.[1];
  if (!region) return apiEndpoint(sandboxUrl, api);
  return `${api.protocolType === 'WEBSOCKET' ? 'wss' : 'https'}://${api.apiId}.execute-api.${region}.amazonaws.com`;
}

/** The API Gateway v2 control plane (restJson under /v2/apis, signing name `apigateway`). */
export function apiGatewayService(ctx: SandboxContext, { apis: store }: Pick<SandboxEngines, 'apis'>): Service {
  return withQuotas(
    ctx,
    restJsonService({
      signingName: 'apigateway',
      hostPrefix: 'apigateway',
      invalidJson: (detail) => badRequest(`Could not parse request body into json: ${detail}`),
      // A protocol type outside the enum has its own words: "Invalid protocol specified. Must be one of
      // [HTTP, WEBSOCKET]" (control/apis.ts; moto's apigatewayv2 tests record the same answer).
      validation: { model, errorCode: 'BadRequestException', enumsWordedByService: ['ProtocolType'], typeError: apiGatewayTypeError },
      routes: [
        ...apiRoutes(store, (api, req) => endpointFor(ctx.url, api, req)),
        ...integrationRoutes(store),
        ...routeRoutes(store),
        ...stageRoutes(store),
        ...tagRoutes(store),
      ],
    }),
  );
}

/** The control plane's service, each call checked against API Gateway's quotas once its operation is known. */
function withQuotas(ctx: SandboxContext, service: Service): Service {
  const checkQuota = controlPlaneQuotas(ctx.timings);
  return {
    ...service,
    handle: (req) =>
      service.handle({
        ...req,
        authorize(operation) {
          req.authorize?.(operation);
          checkQuota(operation, req.region);
        },
      }),
  };
}

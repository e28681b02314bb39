import type { SandboxContext } from '../context.ts';
import { restJsonService } from '../protocol/rest-json.ts';
import type { Service } from '../protocol/service.ts';
import { ApiStore } from './api-store.ts';
import { apiRoutes } from './apis.ts';
import { badRequest } from './errors.ts';
import { integrationRoutes } from './integrations.ts';
import type { Api } from './model.ts';
import { routeRoutes } from './routes.ts';
import { stageRoutes } from './stages.ts';

export type { DeployedStage } from './model.ts';
export type { ApiStore } from './api-store.ts';

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

const stores = new WeakMap<SandboxContext, Promise<ApiStore>>();

/** The sandbox's APIs; the data plane reads what a stage serves with `deployedStage(apiId, stageName)`. */
export function apiStoreFor(ctx: SandboxContext): Promise<ApiStore> {
  let store = stores.get(ctx);
  if (!store) {
    store = ApiStore.open(ctx.storage.scope('apigateway'), ctx.accountId);
    stores.set(ctx, store);
  }
  return store;
}

/** The API Gateway v2 control plane (restJson under /v2/apis, signing name `apigateway`). */
export async function apiGatewayService(ctx: SandboxContext): Promise<Service> {
  const store = await apiStoreFor(ctx);
  return restJsonService({
    signingName: 'apigateway',
    hostPrefix: 'apigateway',
    invalidJson: (detail) => badRequest(`Could not parse request body into json: ${detail}`),
    routes: [
      ...apiRoutes(store, (api) => apiEndpoint(ctx.url, api)),
      ...integrationRoutes(store),
      ...routeRoutes(store),
      ...stageRoutes(store),
    ],
  });
}

// A set of routes of an API Gateway v2 API, all to one Lambda integration, as one step:
// `GET /`, `POST /` … for an HTTP API, `$connect`, `$disconnect`, `sendmessage` … for a
// WebSocket API. Each route is found by its key; a missing one is created and one that
// points elsewhere is pointed at the integration.
import { ApiGatewayV2Client, CreateRouteCommand, DeleteRouteCommand, GetRoutesCommand, UpdateRouteCommand, type Route } from '@aws-sdk/client-apigatewayv2';
import { findApiByName } from '../actions/api-address.ts';
import { send } from '../calls.ts';
import { awsCommand } from '../cli.ts';
import { variable } from '../shells.ts';
import type { Finding, Made, Step, StepContext } from '../model.ts';
import { API_ID, allPages, apiIdLine, lambdaArnLine } from './api-lookups.ts';
import { findLambdaIntegration, integrationIdLine, requireLambdaIntegration } from './api-integration.ts';
import { getFunction } from './lambda-function.ts';

export interface RoutesInputs {
  apiName: string;
  /** The function whose integration every route targets. */
  functionName: string;
  /** Route keys separated by commas, e.g. `GET /, POST /`. */
  routeKeys: string;
}

const routeKeysOf = (inputs: Pick<RoutesInputs, 'routeKeys'>): string[] =>
  inputs.routeKeys
    .split(',')
    .map((key) => key.trim().replace(/\s+/g, ' '))
    .filter(Boolean);

const targetOf = (integrationId: string | undefined) => `integrations/${integrationId}`;

async function listRoutes(ctx: StepContext, apiId: string): Promise<Route[]> {
  const client = ctx.client(ApiGatewayV2Client);
  return allPages((NextToken) => send(ctx, client, new GetRoutesCommand({ ApiId: apiId, NextToken })));
}

/** The wanted routes that exist (undefined when none does, or there is no such API). */
async function findRoutes(ctx: StepContext, inputs: RoutesInputs): Promise<Route[] | undefined> {
  const api = await findApiByName(ctx, inputs.apiName);
  if (!api) return undefined;
  const wanted = new Set(routeKeysOf(inputs));
  const routes = (await listRoutes(ctx, api.ApiId!)).filter((route) => wanted.has(route.RouteKey!));
  return routes.length > 0 ? routes : undefined;
}

/** Creates the missing routes and points the others at the integration; true when anything changed. */
async function ensureRoutes(ctx: StepContext, inputs: RoutesInputs): Promise<boolean> {
  const { apiId, integration } = await requireLambdaIntegration(ctx, inputs.apiName, inputs.functionName);
  const client = ctx.client(ApiGatewayV2Client);
  const target = targetOf(integration.IntegrationId);
  const existing = new Map((await listRoutes(ctx, apiId)).map((route) => [route.RouteKey!, route]));
  let changed = false;
  for (const key of routeKeysOf(inputs)) {
    const route = existing.get(key);
    if (!route) {
      ctx.progress({ text: `Adding the route ${key}` });
      await send(ctx, client, new CreateRouteCommand({ ApiId: apiId, RouteKey: key, Target: target }));
      changed = true;
    } else if (route.Target !== target) {
      ctx.progress({ text: `Pointing the route ${key} at ${inputs.functionName}` });
      await send(ctx, client, new UpdateRouteCommand({ ApiId: apiId, RouteId: route.RouteId, Target: target }));
      changed = true;
    }
  }
  return changed;
}

/**
 * The routes step. `defaults` gives the API's and the function's names (found by name when
 * the step runs; the function's integration must exist) and the route keys, separated by
 * commas.
 */
export function routesStep(id: string, title: string, defaults: RoutesInputs): Step<RoutesInputs, Route[]> {
  return {
    id,
    title,
    fields: [
      { name: 'apiName', label: 'API name', kind: 'text' },
      { name: 'functionName', label: 'Function name', kind: 'text' },
      { name: 'routeKeys', label: 'Route keys', kind: 'text', help: 'separated by commas' },
    ],
    defaults: () => ({ ...defaults }),
    nameOf: (inputs) => `${inputs.apiName}: ${routeKeysOf(inputs).join(', ')}`,

    find: findRoutes,

    async create(ctx, inputs) {
      await ensureRoutes(ctx, inputs);
    },

    update: (ctx, inputs) => ensureRoutes(ctx, inputs),

    // Routes are usable as soon as they are made (and served once a deployment holds them).
    waitReady(ctx, inputs): Promise<Made> {
      const keys = routeKeysOf(inputs);
      return Promise.resolve({
        name: `${inputs.apiName}: ${keys.join(', ')}`,
        summary: `${keys.length} route(s) of ${inputs.apiName} to ${inputs.functionName}: ${keys.join(', ')}`,
      });
    },

    async check(ctx, inputs): Promise<Finding[]> {
      const api = await findApiByName(ctx, inputs.apiName);
      if (!api) return [{ label: `API ${inputs.apiName} exists`, ok: false, detail: `There is no API named ${inputs.apiName} in ${ctx.region}.` }];
      const fn = await getFunction(ctx, inputs.functionName);
      const integration = fn && (await findLambdaIntegration(ctx, api.ApiId!, fn.FunctionArn!));
      const routes = new Map((await listRoutes(ctx, api.ApiId!)).map((route) => [route.RouteKey!, route]));
      return routeKeysOf(inputs).map((key) => {
        const label = `Route ${key} → ${inputs.functionName}`;
        const route = routes.get(key);
        if (!route) return { label, ok: false, detail: `${inputs.apiName} has no route ${key}.` };
        if (!integration)
          return { label, ok: false, detail: `The route exists, but there is no Lambda integration to ${inputs.functionName} for it to target.` };
        const ok = route.Target === targetOf(integration.IntegrationId);
        return {
          label,
          ok,
          detail: ok
            ? `It targets integration ${integration.IntegrationId}.`
            : `It targets ${route.Target ?? 'nothing'}, not ${targetOf(integration.IntegrationId)}.`,
        };
      });
    },

    async remove(ctx, inputs) {
      const api = await findApiByName(ctx, inputs.apiName);
      const routes = await findRoutes(ctx, inputs);
      if (!api || !routes) return false;
      for (const route of routes) {
        ctx.progress({ text: `Deleting the route ${route.RouteKey}` });
        await send(ctx, ctx.client(ApiGatewayV2Client), new DeleteRouteCommand({ ApiId: api.ApiId, RouteId: route.RouteId }));
      }
      return true;
    },

    cli(inputs, place) {
      const create = awsCommand(place, 'apigatewayv2', 'create-route', [
        ['--api-id', API_ID],
        ['--route-key', variable('ROUTE')],
        ['--target', ['integrations/', variable('INTEGRATION_ID')]],
      ]);
      return [
        apiIdLine(place, inputs.apiName),
        lambdaArnLine(place, inputs.functionName),
        integrationIdLine(place),
        { kind: 'each', name: 'ROUTE', values: routeKeysOf(inputs), command: create },
      ];
    },
  };
}

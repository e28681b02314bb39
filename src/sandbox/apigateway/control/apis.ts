// CreateApi (HTTP and WEBSOCKET, and HTTP quick create), GetApi, GetApis,
// UpdateApi, DeleteApi.
import type { Constraints } from '../../protocol/constraints.ts';
import type { RestJsonRoute } from '../../protocol/rest-json.ts';
import type { SandboxRequest } from '../../protocol/service.ts';
import type { ApiStore } from '../api-store.ts';
import { newId } from '../deployments.ts';
import { badRequest } from '../errors.ts';
import { checked, constraints, corsConfiguration, definedOnly, page, stringMap } from './input.ts';
import { completeIntegration } from './integrations.ts';
import { isoDate, type Api, type ApiDocument, type Integration, type ProtocolType } from '../model.ts';
import { completeRoute } from './routes.ts';
import { taggedWith } from './tags.ts';
import { HTTP_ROUTE_SELECTION, isHttpUrl, lambdaArnOf } from '../rules.ts';

const API_KEY_SELECTIONS = ['$request.header.x-api-key', '$context.authorizer.usageIdentifierKey'];

/** The members CreateApi and UpdateApi share. */
function readSettings(check: Constraints, body: Record<string, unknown>) {
  return definedOnly({
    name: check.string(body.name, 'name', { min: 1, max: 128 }),
    description: check.string(body.description, 'description', { max: 1024 }),
    version: check.string(body.version, 'version', { min: 1, max: 64 }),
    routeSelectionExpression: check.string(body.routeSelectionExpression, 'routeSelectionExpression'),
    apiKeySelectionExpression: check.string(body.apiKeySelectionExpression, 'apiKeySelectionExpression'),
    corsConfiguration: corsConfiguration(check, body.corsConfiguration),
    disableExecuteApiEndpoint: check.boolean(body.disableExecuteApiEndpoint, 'disableExecuteApiEndpoint'),
    disableSchemaValidation: check.boolean(body.disableSchemaValidation, 'disableSchemaValidation'),
  });
}

/** Quick create's members: a target makes the integration, route and stage. */
function readQuickCreate(check: Constraints, body: Record<string, unknown>) {
  return {
    target: check.string(body.target, 'target'),
    routeKey: check.string(body.routeKey, 'routeKey'),
    credentialsArn: check.string(body.credentialsArn, 'credentialsArn'),
  };
}

/** Rules that depend on the protocol, checked on create and on every update. */
function checkSettings(api: Api): void {
  if (api.protocolType === 'HTTP' && api.routeSelectionExpression !== HTTP_ROUTE_SELECTION) {
    throw badRequest(`Unsupported route selection expression for HTTP APIs: ${api.routeSelectionExpression}. HTTP APIs route by ${HTTP_ROUTE_SELECTION}.`);
  }
  if (api.protocolType === 'WEBSOCKET' && api.corsConfiguration) throw badRequest('CORS configuration is supported only for HTTP APIs.');
  if (!API_KEY_SELECTIONS.includes(api.apiKeySelectionExpression)) {
    throw badRequest(`Invalid API key selection expression: ${api.apiKeySelectionExpression}. Supported: ${API_KEY_SELECTIONS.join(', ')}.`);
  }
}

/** The integration a quick-create target stands for: a Lambda function (payload 2.0) or an HTTP URL. */
function quickIntegration(target: string): Omit<Integration, 'integrationId'> {
  if (lambdaArnOf(target)) {
    return completeIntegration('HTTP', { integrationType: 'AWS_PROXY', integrationUri: target, payloadFormatVersion: '2.0' });
  }
  if (isHttpUrl(target)) {
    return completeIntegration('HTTP', { integrationType: 'HTTP_PROXY', integrationUri: target, integrationMethod: 'ANY' });
  }
  throw badRequest(`Invalid target specified: ${target}. Quick create takes a Lambda function ARN or an HTTP URL.`);
}

/** Quick create: the target's integration, a route to it (`$default` unless a key is given) and an auto-deployed `$default` stage. */
function quickCreate(doc: ApiDocument, now: Date, quick: ReturnType<typeof readQuickCreate>): void {
  const integration: Integration = {
    integrationId: newId(7, {}),
    ...quickIntegration(quick.target!),
    ...definedOnly({ credentialsArn: quick.credentialsArn }),
    apiGatewayManaged: true,
  };
  doc.integrations[integration.integrationId] = integration;
  const route = completeRoute(doc, { routeKey: quick.routeKey ?? '$default', target: `integrations/${integration.integrationId}` });
  const routeId = newId(7, {});
  doc.routes[routeId] = { routeId, ...route, apiGatewayManaged: true };
  doc.stages.$default = {
    stageName: '$default',
    createdDate: isoDate(now),
    lastUpdatedDate: isoDate(now),
    defaultRouteSettings: { detailedMetricsEnabled: false },
    routeSettings: {},
    stageVariables: {},
    tags: {},
    autoDeploy: true,
    apiGatewayManaged: true,
  };
}

/** UpdateApi's target and routeKey change what quick create made. */
function updateQuickCreate(doc: ApiDocument, quick: ReturnType<typeof readQuickCreate>): void {
  if (quick.target === undefined && quick.routeKey === undefined && quick.credentialsArn === undefined) return;
  const integration = Object.values(doc.integrations).find((i) => i.apiGatewayManaged);
  const route = Object.values(doc.routes).find((r) => r.apiGatewayManaged);
  if (!integration || !route) throw badRequest('Target, RouteKey and CredentialsArn can be updated only on an API made by quick create.');
  if (quick.target !== undefined) Object.assign(integration, quickIntegration(quick.target));
  if (quick.credentialsArn !== undefined) integration.credentialsArn = quick.credentialsArn;
  if (quick.routeKey !== undefined) Object.assign(route, completeRoute(doc, { ...route, routeKey: quick.routeKey }, route.routeId));
}

export function apiRoutes(store: ApiStore, endpointOf: (api: Api, req: SandboxRequest) => string): RestJsonRoute[] {
  const output = (api: Api, req: SandboxRequest) => ({ ...api, apiEndpoint: endpointOf(api, req) });
  return [
    {
      method: 'POST',
      path: '/v2/apis',
      operation: 'CreateApi',
      async handler({ json, req }) {
        const body = json();
        const check = constraints();
        const settings = readSettings(check, body);
        const protocolType = check.string(body.protocolType, 'protocolType') as ProtocolType;
        const tags = stringMap(check, body.tags, 'tags');
        const quick = readQuickCreate(check, body);
        checked(check);
        if (protocolType !== 'HTTP' && protocolType !== 'WEBSOCKET') throw badRequest('Invalid protocol specified. Must be one of [HTTP, WEBSOCKET]');
        if (protocolType === 'WEBSOCKET' && settings.routeSelectionExpression === undefined) {
          throw badRequest('RouteSelectionExpression is a required parameter for a WEBSOCKET API.');
        }
        if (protocolType === 'WEBSOCKET' && (quick.target ?? quick.routeKey ?? quick.credentialsArn) !== undefined) {
          throw badRequest('Quick create (Target, RouteKey, CredentialsArn) is supported only for HTTP APIs.');
        }
        if (quick.target === undefined && (quick.routeKey ?? quick.credentialsArn) !== undefined) {
          throw badRequest('RouteKey and CredentialsArn can be given only together with Target.');
        }
        const now = new Date();
        const api: Api = definedOnly({
          apiId: newId(10, store.taken()),
          protocolType,
          createdDate: isoDate(now),
          ...settings,
          name: settings.name!,
          routeSelectionExpression: settings.routeSelectionExpression ?? HTTP_ROUTE_SELECTION,
          apiKeySelectionExpression: settings.apiKeySelectionExpression ?? API_KEY_SELECTIONS[0],
          tags: tags && Object.keys(tags).length ? taggedWith({}, tags) : undefined,
        });
        checkSettings(api);
        const doc: ApiDocument = { region: req.region, api, integrations: {}, routes: {}, routeResponses: {}, stages: {}, deployments: {} };
        if (quick.target !== undefined) quickCreate(doc, now, quick);
        await store.create(doc);
        return { status: 201, body: output(api, req) };
      },
    },
    {
      method: 'GET',
      path: '/v2/apis',
      operation: 'GetApis',
      async handler({ query, req }) {
        const { items, nextToken } = page(store.list(req.region), query);
        return { body: definedOnly({ items: items.map((doc) => output(doc.api, req)), nextToken }) };
      },
    },
    {
      method: 'GET',
      path: '/v2/apis/{apiId}',
      operation: 'GetApi',
      async handler({ params, req }) {
        return { body: output(store.get(req.region, params.apiId).api, req) };
      },
    },
    {
      method: 'PATCH',
      path: '/v2/apis/{apiId}',
      operation: 'UpdateApi',
      async handler({ params, json, req }) {
        const body = json();
        const check = constraints();
        const settings = readSettings(check, body);
        const quick = readQuickCreate(check, body);
        checked(check);
        const api = await store.update(req.region, params.apiId, (doc) => {
          Object.assign(doc.api, settings);
          checkSettings(doc.api);
          updateQuickCreate(doc, quick);
          return doc.api;
        });
        return { body: output(api, req) };
      },
    },
    {
      method: 'DELETE',
      path: '/v2/apis/{apiId}',
      operation: 'DeleteApi',
      async handler({ params, req }) {
        await store.delete(req.region, params.apiId);
        return { status: 204 };
      },
    },
  ];
}

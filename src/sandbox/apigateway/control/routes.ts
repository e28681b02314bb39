// CreateRoute, GetRoute(s), UpdateRoute, DeleteRoute, and the route responses
// of WebSocket routes (the only kind that has them; `$default` is the only
// route response key AWS supports).
import type { RestJsonRoute } from '../../protocol/rest-json.ts';
import type { ApiStore } from '../api-store.ts';
import { newId } from '../deployments.ts';
import { badRequest, conflict, routeNotFound, routeResponseNotFound } from '../errors.ts';
import { checked, constraints, definedOnly, page, stringMap } from './input.ts';
import type { ApiDocument, Route, RouteResponse } from '../model.ts';
import { checkRouteKey } from '../rules.ts';

type RouteFields = Omit<Route, 'routeId'>;

function readFields(body: Record<string, unknown>): Partial<RouteFields> {
  const check = constraints();
  const fields = {
    routeKey: check.string(body.routeKey, 'routeKey', { min: 1, max: 256 }),
    target: check.string(body.target, 'target'),
    authorizationType: check.string(body.authorizationType, 'authorizationType'),
    apiKeyRequired: check.boolean(body.apiKeyRequired, 'apiKeyRequired'),
    routeResponseSelectionExpression: check.string(body.routeResponseSelectionExpression, 'routeResponseSelectionExpression'),
    operationName: check.string(body.operationName, 'operationName', { max: 64 }),
  };
  checked(check);
  return definedOnly(fields);
}

/** Checks a route against its API (key, target, authorization) and fills in AWS's defaults. */
export function completeRoute(doc: ApiDocument, fields: Partial<RouteFields>, routeId?: string): RouteFields {
  const { routeKey } = fields;
  if (routeKey === undefined) throw badRequest('RouteKey is a required parameter for route');
  const protocol = doc.api.protocolType;
  checkRouteKey(protocol, routeKey);
  if (Object.values(doc.routes).some((route) => route.routeKey === routeKey && route.routeId !== routeId)) {
    throw conflict(`Route with key ${routeKey} already exists for this API`);
  }
  const integrationId = fields.target === undefined ? undefined : /^integrations\/([a-z0-9]+)$/.exec(fields.target)?.[1];
  if (fields.target !== undefined && (integrationId === undefined || !doc.integrations[integrationId])) {
    throw badRequest(`Invalid target specified: ${fields.target}. A route targets an integration of its API as integrations/<integration id>.`);
  }
  const authorizationType = fields.authorizationType ?? 'NONE';
  if (authorizationType === 'CUSTOM' || authorizationType === 'JWT') {
    throw badRequest(`Authorization type ${authorizationType} needs an authorizer, and the sandbox has no authorizers; use NONE or AWS_IAM.`);
  }
  if (protocol === 'HTTP' && fields.apiKeyRequired) throw badRequest('API keys are not supported for HTTP APIs.');
  if (protocol === 'HTTP' && fields.routeResponseSelectionExpression !== undefined) {
    throw badRequest('Route response selection expressions are supported only for WebSocket APIs.');
  }
  return definedOnly({ ...fields, routeKey, apiKeyRequired: fields.apiKeyRequired ?? false, authorizationType });
}

function routeOf(doc: ApiDocument, routeId: string): Route {
  const route = doc.routes[routeId];
  if (!route) throw routeNotFound(routeId);
  return route;
}

export function routeRoutes(store: ApiStore): RestJsonRoute[] {
  const base = '/v2/apis/{apiId}/routes';
  const responses = `${base}/{routeId}/routeresponses`;
  return [
    {
      method: 'POST',
      path: base,
      operation: 'CreateRoute',
      async handler({ params, json, req }) {
        const fields = readFields(json());
        const route = await store.update(req.region, params.apiId, (doc) => {
          const created: Route = { routeId: newId(7, doc.routes), ...completeRoute(doc, fields) };
          doc.routes[created.routeId] = created;
          return created;
        });
        return { status: 201, body: route };
      },
    },
    {
      method: 'GET',
      path: base,
      operation: 'GetRoutes',
      async handler({ params, query, req }) {
        return { body: page(Object.values(store.get(req.region, params.apiId).routes), query) };
      },
    },
    {
      method: 'GET',
      path: `${base}/{routeId}`,
      operation: 'GetRoute',
      async handler({ params, req }) {
        return { body: routeOf(store.get(req.region, params.apiId), params.routeId) };
      },
    },
    {
      method: 'PATCH',
      path: `${base}/{routeId}`,
      operation: 'UpdateRoute',
      async handler({ params, json, req }) {
        const changes = readFields(json());
        const route = await store.update(req.region, params.apiId, (doc) => {
          const { routeId, ...fields } = routeOf(doc, params.routeId);
          const updated: Route = { routeId, ...completeRoute(doc, { ...fields, ...changes }, routeId) };
          doc.routes[routeId] = updated;
          return updated;
        });
        return { body: route };
      },
    },
    {
      method: 'DELETE',
      path: `${base}/{routeId}`,
      operation: 'DeleteRoute',
      async handler({ params, req }) {
        await store.update(req.region, params.apiId, (doc) => {
          routeOf(doc, params.routeId);
          delete doc.routes[params.routeId];
          delete doc.routeResponses[params.routeId];
        });
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      path: responses,
      operation: 'CreateRouteResponse',
      async handler({ params, json, req }) {
        const body = json();
        const check = constraints();
        const routeResponseKey = check.string(body.routeResponseKey, 'routeResponseKey');
        const modelSelectionExpression = check.string(body.modelSelectionExpression, 'modelSelectionExpression');
        const responseModels = stringMap(check, body.responseModels, 'responseModels');
        checked(check);
        const created = await store.update(req.region, params.apiId, (doc) => {
          if (doc.api.protocolType !== 'WEBSOCKET') throw badRequest('Route responses are supported only for WebSocket APIs.');
          routeOf(doc, params.routeId);
          if (routeResponseKey !== '$default') throw badRequest(`Invalid route response key: ${routeResponseKey}. Only $default is supported.`);
          const existing = (doc.routeResponses[params.routeId] ??= {});
          if (Object.values(existing).some((r) => r.routeResponseKey === routeResponseKey)) {
            throw conflict(`Route response with key ${routeResponseKey} already exists for this route`);
          }
          const routeResponse: RouteResponse = definedOnly({
            routeResponseId: newId(6, existing),
            routeResponseKey,
            modelSelectionExpression,
            responseModels,
          });
          existing[routeResponse.routeResponseId] = routeResponse;
          return routeResponse;
        });
        return { status: 201, body: created };
      },
    },
    {
      method: 'GET',
      path: responses,
      operation: 'GetRouteResponses',
      async handler({ params, query, req }) {
        const doc = store.get(req.region, params.apiId);
        routeOf(doc, params.routeId);
        return { body: page(Object.values(doc.routeResponses[params.routeId] ?? {}), query) };
      },
    },
    {
      method: 'GET',
      path: `${responses}/{routeResponseId}`,
      operation: 'GetRouteResponse',
      async handler({ params, req }) {
        const doc = store.get(req.region, params.apiId);
        routeOf(doc, params.routeId);
        const routeResponse = doc.routeResponses[params.routeId]?.[params.routeResponseId];
        if (!routeResponse) throw routeResponseNotFound(params.routeResponseId);
        return { body: routeResponse };
      },
    },
    {
      method: 'DELETE',
      path: `${responses}/{routeResponseId}`,
      operation: 'DeleteRouteResponse',
      async handler({ params, req }) {
        await store.update(req.region, params.apiId, (doc) => {
          routeOf(doc, params.routeId);
          if (!doc.routeResponses[params.routeId]?.[params.routeResponseId]) throw routeResponseNotFound(params.routeResponseId);
          delete doc.routeResponses[params.routeId][params.routeResponseId];
        });
        return { status: 204 };
      },
    },
  ];
}

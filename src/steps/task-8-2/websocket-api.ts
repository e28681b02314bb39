// Task 8.2's WebSocket API, as its chapter declares it, in the chapter's order: FlightMapWsAPI
// routed by $request.body.action; for each of $connect, $disconnect and $default a payload 1.0
// Lambda proxy integration to its function, the route, and the permission for that route
// alone; then the stage prod and its deployment. Each route's steps name its function by
// its role, as the sequence shares it.
import { renamedInputs } from '../adapted-step.ts';
import { declaredWebSocketApiSteps } from '../declared/declared-step.ts';
import { labResource } from '../lab-resources.ts';
import type { AnyStep } from '../model.ts';
import { ROUTE_FUNCTIONS } from './names.ts';

const { stepId, declaration } = labResource('task-8-2/ws-api', 'websocket-api');
const { api, routes, stage, deployment } = declaredWebSocketApiSteps(stepId, declaration);

/** The role that names a route's function (connectFunction…). */
function roleOf(routeKey: string) {
  const route = ROUTE_FUNCTIONS.find((known) => known.routeKey === routeKey);
  if (!route) throw new Error(`Task 8.2 declares a route ${routeKey} that its steps do not know.`);
  return route.role;
}

export const wsApiStep = api;

/** In the chapter's order. */
export const WEBSOCKET_API_STEPS: readonly AnyStep[] = [
  api,
  ...routes.flatMap(({ routeKey, steps }) => steps.map((step) => renamedInputs(step as AnyStep, { functionName: roleOf(routeKey) }))),
  stage,
  deployment,
];

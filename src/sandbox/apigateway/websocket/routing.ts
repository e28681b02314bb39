// Which route a WebSocket message goes to. The API's route selection
// expression names parts of the message, `$request.body.action` or
// `${request.body.action}` (several may be combined with literal text);
// the message is parsed as JSON and the expression's value is the route key.
// A message that is not JSON, or lacks a named field, or whose value names no
// route, goes to `$default`; with no `$default` there is no route at all.
import type { DeployedStage, Route } from '../model.ts';

const SELECTOR = /\$\{request\.body\.([^}]+)\}|\$request\.body\.([A-Za-z0-9_$.-]+)/g;

function lookup(document: unknown, path: string): string | undefined {
  let value = document;
  for (const name of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, name)) return undefined;
    value = (value as Record<string, unknown>)[name];
  }
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

/** The route key a message selects, or undefined when the expression cannot be evaluated against it. */
function selectRouteKey(expression: string, body: string): string | undefined {
  let document: unknown;
  let parsed = false;
  let failed = false;
  const key = expression.replace(SELECTOR, (_match, braced: string | undefined, bare: string | undefined) => {
    if (!parsed) {
      parsed = true;
      try {
        document = JSON.parse(body);
      } catch {
        failed = true;
      }
    }
    const value = failed ? undefined : lookup(document, braced ?? bare!);
    if (value === undefined) failed = true;
    return value ?? '';
  });
  return failed ? undefined : key;
}

const byKey = (stage: DeployedStage, routeKey: string) => stage.routes.find((route) => route.routeKey === routeKey);

/** The route for a message: the selected custom route, else `$default`, else none. */
export function messageRoute(stage: DeployedStage, body: string): Route | undefined {
  const key = selectRouteKey(stage.api.routeSelectionExpression, body);
  // $connect and $disconnect are the connection's own events, never a message's route.
  const custom = key === undefined || key.startsWith('$') ? undefined : byKey(stage, key);
  return custom ?? byKey(stage, '$default');
}

export const connectionRoute = (stage: DeployedStage, routeKey: '$connect' | '$disconnect') => byKey(stage, routeKey);

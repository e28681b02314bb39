// How an HTTP API picks what answers a request, as the developer guide's
// "Routing API requests" describes it: first the stage (a stage named by the
// first path segment, else the `$default` stage, which serves the whole
// path), then the most specific route: a full match of method and path
// (literal segments before `{param}` segments, a named method before ANY),
// then a route whose greedy `{proxy+}` variable catches the rest of the path,
// then `$default`.
import type { ApiStore } from '../api-store.ts';
import type { DeployedStage, Route } from '../model.ts';

export interface SelectedStage {
  deployed: DeployedStage;
  stageName: string;
  /** The path the routes see: what follows the stage name, or the whole path for `$default`. */
  routePath: string;
}

export function selectStage(store: ApiStore, apiId: string, path: string): SelectedStage | undefined {
  const first = path.split('/')[1] ?? '';
  const name = safeDecode(first);
  // `$default` is served at the root, never under its own name.
  const named = !name || name === '$default' ? undefined : store.deployedStage(apiId, name);
  if (named) {
    const rest = path.slice(first.length + 1);
    return { deployed: named, stageName: named.stage.stageName, routePath: rest === '' ? '/' : rest };
  }
  const fallback = store.deployedStage(apiId, '$default');
  return fallback && { deployed: fallback, stageName: '$default', routePath: path };
}

/** The path part of a route key (`/items/{id}` for `GET /items/{id}`); `$default` for the `$default` route. */
export function routeKeyPath(routeKey: string): string {
  return routeKey === '$default' ? '$default' : routeKey.slice(routeKey.indexOf(' ') + 1);
}

export interface SelectedRoute {
  route: Route;
  /** Path parameters by name, percent-decoded; `{proxy+}` holds the rest of the path. */
  pathParameters: Record<string, string>;
}

interface Candidate extends SelectedRoute {
  /**
   * Compared element by element, lower first: non-greedy before greedy; then
   * segment by segment a literal (0) before a parameter (1), with an end mark
   * (2) so that a longer prefix before a greedy variable wins; then a named
   * method (0) before ANY (1).
   */
  rank: number[];
}

const LITERAL = 0;
const PARAMETER = 1;
const END = 2;

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** Matches one route's path against the request's segments; undefined when it does not match. */
function matchPath(routePath: string, segments: string[]): { parameters: Record<string, string>; shape: number[]; greedy: boolean } | undefined {
  const pattern = routePath === '/' ? [''] : routePath.slice(1).split('/');
  // Entries, made into an object at the end, so that a parameter named __proto__ is an ordinary member.
  const parameters: [string, string][] = [];
  const shape: number[] = [];
  for (const [i, part] of pattern.entries()) {
    const name = /^\{(.+)\}$/.exec(part)?.[1];
    if (name?.endsWith('+')) {
      const rest = segments.slice(i).join('/');
      // A greedy variable catches one segment at least.
      if (rest === '') return undefined;
      const value = safeDecode(rest);
      if (value === undefined) return undefined;
      parameters.push([name.slice(0, -1), value]);
      return { parameters: Object.fromEntries(parameters), shape, greedy: true };
    }
    if (i >= segments.length) return undefined;
    if (name === undefined) {
      if (part !== segments[i]) return undefined;
      shape.push(LITERAL);
    } else {
      const value = safeDecode(segments[i]);
      if (segments[i] === '' || value === undefined) return undefined;
      parameters.push([name, value]);
      shape.push(PARAMETER);
    }
  }
  return pattern.length === segments.length ? { parameters: Object.fromEntries(parameters), shape, greedy: false } : undefined;
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length && i < b.length; i += 1) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return 0;
}

/** The route a request reaches, or undefined when none matches (the API answers 404). */
export function selectRoute(routes: Route[], method: string, routePath: string): SelectedRoute | undefined {
  const segments = routePath === '/' ? [''] : routePath.slice(1).split('/');
  const candidates: Candidate[] = [];
  for (const route of routes) {
    if (route.routeKey === '$default') continue;
    const routeMethod = route.routeKey.split(' ')[0];
    if (routeMethod !== 'ANY' && routeMethod !== method) continue;
    const match = matchPath(routeKeyPath(route.routeKey), segments);
    if (!match) continue;
    candidates.push({
      route,
      pathParameters: match.parameters,
      rank: [match.greedy ? 1 : 0, ...match.shape, END, routeMethod === 'ANY' ? 1 : 0],
    });
  }
  candidates.sort((a, b) => compareRanks(a.rank, b.rank));
  if (candidates[0]) return { route: candidates[0].route, pathParameters: candidates[0].pathParameters };
  const fallback = routes.find((route) => route.routeKey === '$default');
  return fallback && { route: fallback, pathParameters: {} };
}

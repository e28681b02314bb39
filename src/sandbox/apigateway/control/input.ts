// Reading API Gateway v2 request bodies and list parameters. Members are the
// wire's camelCase names. The protocol layer has checked them against the
// model (required members, enums, ranges: BadRequestException); the lengths
// left here are ones the API reference names its shapes by
// (StringWithLengthBetween1And128 for an API's name) but the published model
// does not state.
import { Constraints } from '../../protocol/constraints.ts';
import { badRequest } from '../errors.ts';
import type { Cors } from '../model.ts';

/** A value of the wrong JSON type is a BadRequestException, as API Gateway answers it. */
export function apiGatewayTypeError(member: string, expected: string) {
  return badRequest(`Invalid input for '${member}': expected ${expected === 'object' ? 'a JSON object' : `a ${expected}`}.`);
}

export function constraints(): Constraints {
  return new Constraints(apiGatewayTypeError);
}

/** Throws what `check` collected as one BadRequestException. */
export const checked = (check: Constraints) => check.check('BadRequestException');

/** A JSON number member that may have a fraction (Smithy's double). */
export function double(value: unknown, member: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number') throw badRequest(`Invalid input for '${member}': expected a number.`);
  return value;
}

function stringList(check: Constraints, value: unknown, member: string): string[] | undefined {
  const list = check.list(value, member);
  if (list?.some((item) => typeof item !== 'string')) throw badRequest(`Invalid input for '${member}': expected a list of strings.`);
  return list as string[] | undefined;
}

export function stringMap(check: Constraints, value: unknown, member: string): Record<string, string> | undefined {
  const map = check.object(value, member);
  if (map && Object.values(map).some((item) => typeof item !== 'string')) throw badRequest(`Invalid input for '${member}': expected a map of strings.`);
  return map as Record<string, string> | undefined;
}

export function corsConfiguration(check: Constraints, value: unknown): Cors | undefined {
  const cors = check.object(value, 'corsConfiguration');
  if (!cors) return undefined;
  const result: Cors = {
    allowCredentials: check.boolean(cors.allowCredentials, 'corsConfiguration.allowCredentials'),
    allowHeaders: stringList(check, cors.allowHeaders, 'corsConfiguration.allowHeaders'),
    allowMethods: stringList(check, cors.allowMethods, 'corsConfiguration.allowMethods'),
    allowOrigins: stringList(check, cors.allowOrigins, 'corsConfiguration.allowOrigins'),
    exposeHeaders: stringList(check, cors.exposeHeaders, 'corsConfiguration.exposeHeaders'),
    maxAge: check.integer(cors.maxAge, 'corsConfiguration.maxAge'),
  };
  if (result.allowCredentials && result.allowOrigins?.includes('*')) {
    throw badRequest('allow-credentials cannot be true when allow-origins contains the wildcard *.');
  }
  return definedOnly(result);
}

/** The object without its undefined members, so stored resources carry only what has a value. */
export function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The position a token this sandbox gave out stands for; undefined for anything else ('!!!' decodes to nothing, not to 0). */
function positionIn(token: string): number | undefined {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  return /^(0|[1-9]\d*)$/.test(text) && Buffer.from(text).toString('base64url') === token ? Number(text) : undefined;
}

/** One page of a Get* list: `maxResults` and `nextToken` come as query parameters; the token is a position. */
export function page<T>(items: T[], query: URLSearchParams): { items: T[]; nextToken?: string } {
  const max = query.get('maxResults');
  const token = query.get('nextToken');
  const limit = max === null ? Infinity : Number(max);
  if (max !== null && (!Number.isInteger(limit) || limit < 1)) throw badRequest(`Invalid maxResults: ${max}`);
  const start = token === null ? 0 : positionIn(token);
  if (start === undefined) throw badRequest('Invalid nextToken');
  const end = start + limit;
  return { items: items.slice(start, end), ...(end < items.length ? { nextToken: Buffer.from(String(end)).toString('base64url') } : {}) };
}

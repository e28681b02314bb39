// A restJson request as the operation's model input: members bound to the
// path (`uri`), query string, headers or body, following the HTTP bindings in
// botocore's service-2.json, so the model validator can check it whole.
// Reference: https://smithy.io/2.0/spec/http-bindings.html
import type { IncomingHttpHeaders } from 'node:http';
import type { ServiceModel, ShapeModel } from './model.ts';

/** Whether the operation's input has members carried as JSON in the body (not Invoke's raw payload). */
export function hasJsonBody(model: ServiceModel, operation: string): boolean {
  const shape = inputShape(model, operation);
  if (!shape || shape.payload) return false;
  return Object.values(shape.members ?? {}).some((ref) => !ref.location);
}

export interface RestJsonParts {
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body, or {} when the operation has none. */
  body: Record<string, unknown>;
}

/** Bound members under their member names, JSON members under their wire names (as the validator reads them). */
export function restJsonModelInput(model: ServiceModel, operation: string, parts: RestJsonParts): Record<string, unknown> {
  const shape = inputShape(model, operation);
  const input: Record<string, unknown> = {};
  for (const [member, ref] of Object.entries(shape?.members ?? {})) {
    const name = ref.locationName ?? member;
    const memberShape = model.shapes[ref.shape];
    if (ref.location === 'uri') input[member] = parts.params[name];
    else if (ref.location === 'querystring') input[member] = queryValue(parts.query, name, memberShape);
    else if (ref.location === 'header') input[member] = headerValue(parts.headers[name.toLowerCase()]);
    else if (!ref.location && !shape?.payload) input[name] = parts.body[name];
  }
  return input;
}

function inputShape(model: ServiceModel, operation: string): ShapeModel | undefined {
  const name = model.operations[operation]?.input;
  return name ? model.shapes[name] : undefined;
}

function queryValue(query: URLSearchParams, name: string, shape: ShapeModel | undefined): unknown {
  if (shape?.type === 'list') return query.has(name) ? query.getAll(name) : undefined;
  const value = query.get(name);
  return value === null ? undefined : textMemberValue(value, shape);
}

/**
 * A member sent as text (query string, form field): whole numbers are converted
 * so their ranges can be checked; other text for a number is left out, for the
 * operation to refuse in its own words.
 */
export function textMemberValue(value: string, shape: ShapeModel | undefined): string | number | undefined {
  if (!shape || !['integer', 'long'].includes(shape.type)) return value;
  return /^-?\d+$/.test(value) ? Number(value) : undefined;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

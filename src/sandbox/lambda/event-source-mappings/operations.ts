// The 2015-03-31 REST paths of Create/Get/List/Update/DeleteEventSourceMapping.
import { AwsError } from '../../protocol/errors.ts';
import type { RestJsonRoute } from '../../protocol/rest-json.ts';
import { readCreateInput, readUpdateInput } from './input.ts';
import type { EventSourceMappings } from './mappings.ts';
import { functionArn, parseFunctionRef } from '../function-ref.ts';

const PATH = '/2015-03-31/event-source-mappings';

export function eventSourceMappingRoutes(mappings: EventSourceMappings, accountId: string): RestJsonRoute[] {
  const list: RestJsonRoute['handler'] = async ({ query, req }) => {
    const maxItems = query.has('MaxItems') ? Number(query.get('MaxItems')) : 100;
    if (!Number.isInteger(maxItems)) throw new AwsError('InvalidParameterValueException', 'MaxItems must be a number.');
    const name = query.get('FunctionName') ?? undefined;
    const ref = name === undefined ? undefined : parseFunctionRef(name);
    if (name !== undefined && !ref) throw new AwsError('InvalidParameterValueException', `Invalid FunctionName: ${name}`);
    const all = mappings.list(req.region, {
      functionArn: ref && functionArn(ref.region ?? req.region, ref.accountId ?? accountId, ref.name),
      eventSourceArn: query.get('EventSourceArn') ?? undefined,
    });
    const marker = query.get('Marker');
    const start = marker ? Number(Buffer.from(marker, 'base64').toString('utf8')) : 0;
    if (!Number.isInteger(start) || start < 0) throw new AwsError('InvalidParameterValueException', 'Invalid Marker.');
    const page = all.slice(start, start + maxItems);
    const next = start + page.length;
    return { body: { EventSourceMappings: page, ...(next < all.length ? { NextMarker: Buffer.from(String(next)).toString('base64') } : {}) } };
  };
  const create: RestJsonRoute['handler'] = async ({ json, req }) => ({ status: 202, body: await mappings.create(readCreateInput(json()), req.region) });
  // The SDK for JavaScript leaves the trailing slash off these two paths; botocore (the AWS CLI, boto3) keeps it.
  return [
    { method: 'POST', path: PATH, operation: 'CreateEventSourceMapping', handler: create },
    { method: 'POST', path: `${PATH}/`, operation: 'CreateEventSourceMapping', handler: create },
    { method: 'GET', path: PATH, operation: 'ListEventSourceMappings', handler: list },
    { method: 'GET', path: `${PATH}/`, operation: 'ListEventSourceMappings', handler: list },
    {
      method: 'GET',
      path: `${PATH}/{UUID}`,
      operation: 'GetEventSourceMapping',
      async handler({ params, req }) {
        return { body: mappings.get(params.UUID, req.region) };
      },
    },
    {
      method: 'PUT',
      path: `${PATH}/{UUID}`,
      operation: 'UpdateEventSourceMapping',
      async handler({ params, json, req }) {
        return { status: 202, body: await mappings.update(params.UUID, readUpdateInput(json()), req.region) };
      },
    },
    {
      method: 'DELETE',
      path: `${PATH}/{UUID}`,
      operation: 'DeleteEventSourceMapping',
      async handler({ params, req }) {
        return { status: 202, body: await mappings.delete(params.UUID, req.region) };
      },
    },
  ];
}

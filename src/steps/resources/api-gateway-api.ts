// An API Gateway v2 API, HTTP or WebSocket, as a step: found and adopted by name (names
// need not be unique in API Gateway, so the step looks before it creates), with its route
// selection expression. Removing it removes everything in it: routes, integrations, stages.
import { ApiGatewayV2Client, CreateApiCommand, DeleteApiCommand, UpdateApiCommand, type Api, type ProtocolType } from '@aws-sdk/client-apigatewayv2';
import { allApis, findApiByName } from '../actions/api-address.ts';
import { send } from '../calls.ts';
import { awsCommand } from '../cli.ts';
import { capture, type CliOption } from '../shells.ts';
import { StepError } from '../errors.ts';
import type { Finding, Made, Step, StepContext, TaggedKind } from '../model.ts';
import { apiResourceArn, requireApi } from './api-lookups.ts';

export interface ApiInputs {
  apiName: string;
  protocol: ProtocolType;
  /** How a request picks its route. HTTP APIs always use `$request.method $request.path`; a WebSocket API names it, e.g. `$request.body.action`. */
  routeSelectionExpression: string;
}

/** The only route selection expression an HTTP API takes. */
export const HTTP_ROUTE_SELECTION = '$request.method $request.path';

function summary(api: Api): string {
  return `${api.Name}: ${api.ProtocolType} API ${api.ApiId}, routes chosen by ${api.RouteSelectionExpression}, endpoint ${api.ApiEndpoint}`;
}

/** Every API, HTTP and WebSocket, with the tags GetApis answers with. */
const taggedApis: TaggedKind = {
  list: async (ctx) => (await allApis(ctx)).map((api) => ({ name: api.Name!, tags: api.Tags ?? {} })),
};

function sameProtocol(ctx: StepContext, api: Api, inputs: ApiInputs): void {
  if (api.ProtocolType !== inputs.protocol) {
    throw new StepError(
      'ProtocolMismatch',
      `An API named ${inputs.apiName} exists in ${ctx.region} already, and it is ${kindOfApi(api.ProtocolType)}, not ${kindOfApi(inputs.protocol)}. Choose another name, or delete that API first.`,
    );
  }
}

/**
 * The API step. `defaults` gives the lab's API: its name, HTTP or WEBSOCKET, and (for a
 * WebSocket API) the route selection expression. The student may change the name, and
 * the route selection expression of a WebSocket API.
 */
export function apiStep(id: string, title: string, defaults: ApiInputs): Step<ApiInputs, Api> {
  return {
    id,
    title,
    fields:
      defaults.protocol === 'WEBSOCKET'
        ? [
            { name: 'apiName', label: 'API name', kind: 'text' },
            {
              name: 'routeSelectionExpression',
              label: 'Route selection expression',
              kind: 'text',
              help: 'where in a message its route key is, e.g. $request.body.action',
            },
          ]
        : [{ name: 'apiName', label: 'API name', kind: 'text' }],
    defaults: () => ({ ...defaults }),
    nameOf: (inputs) => inputs.apiName,
    tagged: taggedApis,

    find: (ctx, inputs) => findApiByName(ctx, inputs.apiName),

    async create(ctx, inputs) {
      ctx.progress({ text: `Creating the ${inputs.protocol} API ${inputs.apiName}` });
      await send(
        ctx,
        ctx.client(ApiGatewayV2Client),
        new CreateApiCommand({
          Name: inputs.apiName,
          ProtocolType: inputs.protocol,
          RouteSelectionExpression: inputs.protocol === 'WEBSOCKET' ? inputs.routeSelectionExpression : undefined,
          Tags: ctx.resourceTags,
        }),
      );
    },

    async update(ctx, inputs, found) {
      sameProtocol(ctx, found, inputs);
      if (inputs.protocol !== 'WEBSOCKET' || found.RouteSelectionExpression === inputs.routeSelectionExpression) return false;
      ctx.progress({ text: `Changing the route selection expression of ${inputs.apiName}` });
      await send(ctx, ctx.client(ApiGatewayV2Client), new UpdateApiCommand({ ApiId: found.ApiId, RouteSelectionExpression: inputs.routeSelectionExpression }));
      return true;
    },

    // An API is usable as soon as CreateApi answers: there is nothing to wait for.
    async waitReady(ctx, inputs): Promise<Made> {
      const api = await requireApi(ctx, inputs.apiName);
      return { name: inputs.apiName, arn: apiResourceArn(ctx.region, api.ApiId!), summary: summary(api) };
    },

    async check(ctx, inputs): Promise<Finding[]> {
      const api = await findApiByName(ctx, inputs.apiName);
      if (!api) return [{ label: `API ${inputs.apiName} exists`, ok: false, detail: `There is no API named ${inputs.apiName} in ${ctx.region}.` }];
      const wantedSelection = inputs.protocol === 'HTTP' ? HTTP_ROUTE_SELECTION : inputs.routeSelectionExpression;
      return [
        { label: `API ${inputs.apiName} exists`, ok: true, detail: `Its id is ${api.ApiId} and its endpoint ${api.ApiEndpoint}.` },
        { label: capitalised(kindOfApi(inputs.protocol)), ok: api.ProtocolType === inputs.protocol, detail: `It is ${kindOfApi(api.ProtocolType)}.` },
        {
          label: `Routes chosen by ${wantedSelection}`,
          ok: api.RouteSelectionExpression === wantedSelection,
          detail: `Its route selection expression is ${api.RouteSelectionExpression}.`,
        },
      ];
    },

    async remove(ctx, inputs) {
      const api = await findApiByName(ctx, inputs.apiName);
      if (!api) return false;
      ctx.progress({ text: `Deleting the API ${inputs.apiName} with its routes, integrations and stages` });
      await send(ctx, ctx.client(ApiGatewayV2Client), new DeleteApiCommand({ ApiId: api.ApiId }));
      return true;
    },

    cli(inputs, place) {
      const options: CliOption[] = [
        ['--name', inputs.apiName],
        ['--protocol-type', inputs.protocol],
      ];
      if (inputs.protocol === 'WEBSOCKET') options.push(['--route-selection-expression', inputs.routeSelectionExpression]);
      options.push(['--query', 'ApiId'], ['--output', 'text']);
      return [capture('API_ID', awsCommand(place, 'apigatewayv2', 'create-api', options)), { kind: 'print', name: 'API_ID' }];
    },
  };
}

/** "an HTTP API", "a WebSocket API": the product's name with its article, as a finding reads. */
const kindOfApi = (protocol: string | undefined) => (protocol === 'HTTP' ? 'an HTTP API' : protocol === 'WEBSOCKET' ? 'a WebSocket API' : `a ${protocol} API`);
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

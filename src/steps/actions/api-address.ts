// Where a lab API answers: its invoke URL, found by the API's name. On AWS that is
// https://<apiId>.execute-api.<region>.amazonaws.com/<stage>/ (wss:// for a WebSocket
// API); on the sandbox the API's own ApiEndpoint points at the sandbox instead. Reading
// ApiEndpoint, as the chapters teach, gives the right address in both places.
import { ApiGatewayV2Client, GetApisCommand, type Api } from '@aws-sdk/client-apigatewayv2';
import { send } from '../calls.ts';
import type { StepContext } from '../model.ts';

/** Every API in the region, page after page, each with its tags. */
export async function allApis(ctx: StepContext): Promise<Api[]> {
  const client = ctx.client(ApiGatewayV2Client);
  const apis: Api[] = [];
  let nextToken: string | undefined;
  do {
    const page = await send(ctx, client, new GetApisCommand({ NextToken: nextToken }));
    apis.push(...(page.Items ?? []));
    nextToken = page.NextToken;
  } while (nextToken);
  return apis;
}

/** The first API with this name (API names need not be unique; the lab makes one of each). */
export const findApiByName = async (ctx: StepContext, name: string): Promise<Api | undefined> => (await allApis(ctx)).find((api) => api.Name === name);

/** `<ApiEndpoint>/<stage>/` for an HTTP API, `<ApiEndpoint>/<stage>` for a WebSocket API (wscat's form). */
export function invokeUrlOf(api: Pick<Api, 'ApiEndpoint' | 'ProtocolType'>, stageName: string): string {
  const base = `${api.ApiEndpoint}/${encodeURIComponent(stageName)}`;
  return api.ProtocolType === 'WEBSOCKET' ? base : `${base}/`;
}

/** The invoke URL of the API with this name, or undefined when there is no such API yet. */
export async function findInvokeUrl(ctx: StepContext, apiName: string, stageName: string): Promise<string | undefined> {
  const api = await findApiByName(ctx, apiName);
  return api ? invokeUrlOf(api, stageName) : undefined;
}

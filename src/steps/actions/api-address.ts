// Where a lab API answers: its invoke URL, found by the API's name. On AWS that is
// https://<apiId>.execute-api.<region>.amazonaws.com/<stage>/ (wss:// for a WebSocket
// API); on the sandbox the API's own ApiEndpoint points at the sandbox instead. Reading
// ApiEndpoint, as the chapters teach, gives the right address in both places.
import { ApiGatewayV2Client, GetApisCommand, type Api } from '@aws-sdk/client-apigatewayv2';
import { send } from '../calls.ts';
import type { StepContext } from '../model.ts';

/** The first API with this name (API names need not be unique; the lab makes one of each). */
export async function findApiByName(ctx: StepContext, name: string): Promise<Api | undefined> {
  const client = ctx.client(ApiGatewayV2Client);
  let nextToken: string | undefined;
  do {
    const page = await send(ctx, client, new GetApisCommand({ NextToken: nextToken }));
    const found = page.Items?.find((api) => api.Name === name);
    if (found) return found;
    nextToken = page.NextToken;
  } while (nextToken);
  return undefined;
}

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

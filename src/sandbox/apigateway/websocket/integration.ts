// Calls the integration behind a WebSocket route: a Lambda proxy integration
// (AWS_PROXY) through invokeLambdaIntegration, which checks the function's
// permission for the route's source ARN,
// arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/<routeKey>; a MOCK
// integration answers nothing. The outcome says what the client sees.
import type { DataPlaneParts } from '../data-plane-parts.ts';
import { invokeLambdaIntegration } from '../lambda-integration.ts';
import type { DeployedStage, Route } from '../model.ts';

export type IntegrationOutcome =
  /** The function's parsed return value; undefined for MOCK or a function that returns nothing. */
  | { ok: true; result: unknown }
  /**
   * function-error: the function raised (or timed out inside Lambda);
   * configuration: no integration, no permission, no such function, an integration type the sandbox cannot call;
   * timeout: the integration's timeoutInMillis passed first.
   */
  | { ok: false; failure: 'function-error' | 'configuration' | 'timeout'; detail: string };

const failed = (failure: 'function-error' | 'configuration' | 'timeout', detail: string): IntegrationOutcome => ({ ok: false, failure, detail });

export interface RouteCall {
  stage: DeployedStage;
  route: Route;
  /** The API's region, for the source ARN. */
  region: string;
  event: object;
}

function parseResult(payload: Buffer): unknown {
  const text = payload.toString('utf8');
  if (text === '' || text === 'null') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function callRouteIntegration(
  parts: Pick<DataPlaneParts, 'ctx' | 'lambda'>,
  { stage, route, region, event }: RouteCall,
): Promise<IntegrationOutcome> {
  const integrationId = route.target?.startsWith('integrations/') ? route.target.slice('integrations/'.length) : undefined;
  const integration = integrationId === undefined ? undefined : stage.integrations[integrationId];
  if (!integration) return failed('configuration', `route ${route.routeKey} has no integration`);
  if (integration.integrationType === 'MOCK') return { ok: true, result: undefined };
  if (integration.integrationType !== 'AWS_PROXY' || !integration.integrationUri) {
    return failed('configuration', `the sandbox calls AWS_PROXY (Lambda) and MOCK integrations only, not ${integration.integrationType}`);
  }
  const outcome = await invokeLambdaIntegration(parts, {
    integrationUri: integration.integrationUri,
    region,
    sourceArn: `arn:aws:execute-api:${region}:${parts.ctx.accountId}:${stage.api.apiId}/${stage.stage.stageName}/${route.routeKey}`,
    payload: Buffer.from(JSON.stringify(event)),
    timeoutMs: integration.timeoutInMillis,
  });
  switch (outcome.kind) {
    case 'result':
      return outcome.functionError ? failed('function-error', outcome.payload.toString('utf8')) : { ok: true, result: parseResult(outcome.payload) };
    case 'timeout':
      return failed('timeout', `no answer in ${integration.timeoutInMillis} ms`);
    case 'too-large':
      return failed('configuration', 'the event is over Lambda’s 6 MB payload limit');
    case 'failed':
      return failed('configuration', outcome.reason);
  }
}

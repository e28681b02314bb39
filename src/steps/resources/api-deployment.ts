// A deployment of an API Gateway v2 API to a stage, as a step: a frozen copy of the routes
// and integrations, which the stage then serves. A deployment has no name to find it by,
// so labbook describes each one it makes with a digest of what it froze; a second run
// adopts the stage's deployment when the digest still matches the API, and deploys again
// when routes or integrations changed since. The result carries the invoke URL.
import {
  ApiGatewayV2Client,
  CreateDeploymentCommand,
  DeleteDeploymentCommand,
  GetDeploymentsCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  type Api,
  type Deployment,
  type ProtocolType,
} from '@aws-sdk/client-apigatewayv2';
import { findApiByName, invokeUrlOf } from '../actions/api-address.ts';
import { send } from '../calls.ts';
import { awsCommand } from '../cli.ts';
import { capture, run, variable } from '../shells.ts';
import { StepError } from '../errors.ts';
import type { Finding, Made, Step, StepContext } from '../model.ts';
import { pollUntil } from '../waiting.ts';
import { API_ID, allPages, apiIdLine, apiResourceArn, requireApi } from './api-lookups.ts';
import { STAGE_ADDRESS_FIELDS, findStage, listStages, requireStage, stageAddressName, stageLine } from './api-stage.ts';

export interface DeploymentInputs {
  apiName: string;
  stageName: string;
  /** Only for the CLI text: an HTTP API's invoke URL ends in a slash, a WebSocket API's does not. */
  protocol: ProtocolType;
}

const DESCRIPTION_PREFIX = 'labbook: ';

async function listDeployments(ctx: StepContext, apiId: string): Promise<Deployment[]> {
  const client = ctx.client(ApiGatewayV2Client);
  return allPages((NextToken) => send(ctx, client, new GetDeploymentsCommand({ ApiId: apiId, NextToken })));
}

/**
 * What a deployment made now would freeze, as a description: the route keys, where each
 * goes, and a digest of that, e.g. `labbook: 5 route(s), configuration 3f9a0c21d4e8`.
 */
async function descriptionFor(ctx: StepContext, api: Api): Promise<string> {
  const client = ctx.client(ApiGatewayV2Client);
  const routes = await allPages((NextToken) => send(ctx, client, new GetRoutesCommand({ ApiId: api.ApiId, NextToken })));
  const integrations = await allPages((NextToken) => send(ctx, client, new GetIntegrationsCommand({ ApiId: api.ApiId, NextToken })));
  const byTarget = new Map(integrations.map((i) => [`integrations/${i.IntegrationId}`, `${i.IntegrationType} ${i.IntegrationUri} ${i.PayloadFormatVersion}`]));
  const lines = routes.map((route) => `${route.RouteKey} → ${byTarget.get(route.Target ?? '') ?? route.Target ?? 'nothing'}`).sort();
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode([api.RouteSelectionExpression, ...lines].join('\n'))));
  const hex = [...digest.slice(0, 6)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${DESCRIPTION_PREFIX}${routes.length} route(s), configuration ${hex}`;
}

interface Served {
  api: Api;
  deployment?: Deployment;
}

/** The API and the deployment its stage serves, as far as they exist; undefined without API or stage. */
async function findServed(ctx: StepContext, inputs: DeploymentInputs): Promise<Served | undefined> {
  const api = await findApiByName(ctx, inputs.apiName);
  const stage = api && (await findStage(ctx, api.ApiId!, inputs.stageName));
  if (!api || !stage) return undefined;
  const deployment = stage.DeploymentId ? (await listDeployments(ctx, api.ApiId!)).find((d) => d.DeploymentId === stage.DeploymentId) : undefined;
  return { api, deployment };
}

async function deploy(ctx: StepContext, inputs: DeploymentInputs): Promise<void> {
  const { apiId } = await requireStage(ctx, inputs.apiName, inputs.stageName);
  const description = await descriptionFor(ctx, await requireApi(ctx, inputs.apiName));
  ctx.progress({ text: `Deploying ${inputs.apiName} to ${inputs.stageName}` });
  await send(ctx, ctx.client(ApiGatewayV2Client), new CreateDeploymentCommand({ ApiId: apiId, StageName: inputs.stageName, Description: description }));
}

/** Whether the deployment froze the API as it is now, in words. */
async function upToDate(ctx: StepContext, api: Api, deployment: Deployment): Promise<Finding> {
  const label = 'The deployment holds the current routes and integrations';
  if (!deployment.Description?.startsWith(DESCRIPTION_PREFIX)) {
    return {
      label,
      ok: true,
      detail: `Deployment ${deployment.DeploymentId} was not made by labbook, which cannot tell what it holds: after changing routes, deploy again.`,
    };
  }
  const ok = deployment.Description === (await descriptionFor(ctx, api));
  return {
    label,
    ok,
    detail: ok ? `Deployment ${deployment.DeploymentId} holds them.` : 'Routes or integrations changed after the last deployment: deploy again to serve them.',
  };
}

/**
 * The deployment step. `defaults` gives the API's name and the stage's (both found by name
 * when the step runs; the stage must exist), and the protocol, for the CLI's invoke URL.
 */
export function deploymentStep(id: string, title: string, defaults: DeploymentInputs): Step<DeploymentInputs, Deployment> {
  return {
    id,
    title,
    fields: STAGE_ADDRESS_FIELDS,
    defaults: () => ({ ...defaults }),
    nameOf: stageAddressName,

    find: async (ctx, inputs) => (await findServed(ctx, inputs))?.deployment,

    create: deploy,

    async update(ctx, inputs, found) {
      const api = await requireApi(ctx, inputs.apiName);
      if (found.Description === (await descriptionFor(ctx, api))) return false;
      await deploy(ctx, inputs);
      return true;
    },

    async waitReady(ctx, inputs): Promise<Made> {
      const api = await requireApi(ctx, inputs.apiName);
      const served = await pollUntil(ctx, {
        read: () => findServed(ctx, inputs),
        done: (s) => {
          if (s?.deployment?.DeploymentStatus === 'FAILED') {
            throw new StepError(
              'DeploymentFailed',
              `API Gateway could not deploy ${inputs.apiName}: ${s.deployment.DeploymentStatusMessage ?? 'no reason given'}`,
            );
          }
          return s?.deployment?.DeploymentStatus === 'DEPLOYED';
        },
        describe: (s) => {
          const state = s?.deployment?.DeploymentStatus ?? 'not deployed';
          return {
            text: `Deployment of ${inputs.apiName} to ${inputs.stageName} is ${state}`,
            state,
            waitingFor: state === 'DEPLOYED' ? undefined : `${state} → DEPLOYED`,
          };
        },
      });
      const deployment = served!.deployment!;
      const url = invokeUrlOf(api, inputs.stageName);
      return {
        name: `${inputs.apiName}/${inputs.stageName}`,
        arn: apiResourceArn(ctx.region, api.ApiId!, 'deployments', deployment.DeploymentId!),
        summary: `Deployment ${deployment.DeploymentId} is ${deployment.DeploymentStatus} on stage ${inputs.stageName}; the invoke URL is ${url}`,
        url,
      };
    },

    async check(ctx, inputs): Promise<Finding[]> {
      const label = `Stage ${inputs.stageName} serves a deployment`;
      const served = await findServed(ctx, inputs);
      if (!served) return [{ label, ok: false, detail: `There is no API ${inputs.apiName} with a stage ${inputs.stageName} in ${ctx.region}.` }];
      const { api, deployment } = served;
      if (!deployment)
        return [{ label, ok: false, detail: `Nothing is deployed to ${inputs.stageName}: the API answers {"message":"Not Found"} to everything.` }];
      return [
        {
          label,
          ok: deployment.DeploymentStatus === 'DEPLOYED',
          detail: `It serves deployment ${deployment.DeploymentId} (${deployment.DeploymentStatus}) at ${invokeUrlOf(api, inputs.stageName)}.`,
        },
        await upToDate(ctx, api, deployment),
      ];
    },

    // The deployment a stage serves cannot be deleted ("Active stages pointing to this
    // deployment must be moved or deleted"): it goes with its stage's API. What can go are
    // the earlier deployments no stage serves any more.
    async remove(ctx, inputs) {
      const api = await findApiByName(ctx, inputs.apiName);
      if (!api) return false;
      const client = ctx.client(ApiGatewayV2Client);
      const served = new Set((await listStages(ctx, api.ApiId!)).map((stage) => stage.DeploymentId));
      const unserved = (await listDeployments(ctx, api.ApiId!)).filter((deployment) => !served.has(deployment.DeploymentId));
      for (const deployment of unserved) {
        ctx.progress({ text: `Deleting deployment ${deployment.DeploymentId}, which no stage serves` });
        await send(ctx, client, new DeleteDeploymentCommand({ ApiId: api.ApiId, DeploymentId: deployment.DeploymentId }));
      }
      return unserved.length > 0;
    },

    cli: (inputs, place) => {
      const endpoint = awsCommand(place, 'apigatewayv2', 'get-api', [
        ['--api-id', API_ID],
        ['--query', 'ApiEndpoint'],
        ['--output', 'text'],
      ]);
      const path = inputs.protocol === 'WEBSOCKET' ? ['/', variable('STAGE')] : ['/', variable('STAGE'), '/'];
      return [
        apiIdLine(place, inputs.apiName),
        stageLine(inputs.stageName),
        run(
          awsCommand(place, 'apigatewayv2', 'create-deployment', [
            ['--api-id', API_ID],
            ['--stage-name', variable('STAGE')],
          ]),
        ),
        capture('URL', endpoint, path),
        { kind: 'print', name: 'URL' },
      ];
    },
  };
}

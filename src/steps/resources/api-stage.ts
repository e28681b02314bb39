// A stage of an API Gateway v2 API, as a step: the name in the invoke URL
// (…/prod/), serving one deployment. With auto-deploy off (Task 8.1) it serves what the
// last deployment froze; with auto-deploy on, API Gateway deploys each change itself.
import { ApiGatewayV2Client, CreateStageCommand, DeleteStageCommand, GetStagesCommand, UpdateStageCommand, type Stage } from '@aws-sdk/client-apigatewayv2';
import { findApiByName } from '../actions/api-address.ts';
import { send } from '../calls.ts';
import { awsCommand } from '../cli.ts';
import { run, variable, type Line } from '../shells.ts';
import { StepError } from '../errors.ts';
import type { Finding, InputField, Made, Place, Step, StepContext } from '../model.ts';
import { API_ID, allPages, apiIdLine, apiResourceArn, requireApi } from './api-lookups.ts';

export interface StageInputs {
  apiName: string;
  stageName: string;
  autoDeploy: boolean;
}

/** Which stage of which API: the stage's step and the deployment's step both work on one. */
type StageAddress = Pick<StageInputs, 'apiName' | 'stageName'>;

export const STAGE_ADDRESS_FIELDS: readonly InputField<StageAddress>[] = [
  { name: 'apiName', label: 'API name', kind: 'text' },
  { name: 'stageName', label: 'Stage name', kind: 'text' },
];

/** `CrudHttpAPI/prod`: the name both steps record what they made under. */
export const stageAddressName = (inputs: StageAddress) => `${inputs.apiName}/${inputs.stageName}`;

export async function listStages(ctx: StepContext, apiId: string): Promise<Stage[]> {
  const client = ctx.client(ApiGatewayV2Client);
  return allPages((NextToken) => send(ctx, client, new GetStagesCommand({ ApiId: apiId, NextToken })));
}

/** The API's stage with this name (listed: GetStage on a missing stage is a 404). */
export async function findStage(ctx: StepContext, apiId: string, stageName: string): Promise<Stage | undefined> {
  return (await listStages(ctx, apiId)).find((stage) => stage.StageName === stageName);
}

async function findApiStage(ctx: StepContext, inputs: StageAddress): Promise<{ apiId: string; stage?: Stage } | undefined> {
  const api = await findApiByName(ctx, inputs.apiName);
  return api && { apiId: api.ApiId!, stage: await findStage(ctx, api.ApiId!, inputs.stageName) };
}

/** The stage, which the deployment step needs; fails with a hint to run the stage's step when it is missing. */
export async function requireStage(ctx: StepContext, apiName: string, stageName: string): Promise<{ apiId: string; stage: Stage }> {
  const apiId = (await requireApi(ctx, apiName)).ApiId!;
  const stage = await findStage(ctx, apiId, stageName);
  if (!stage) throw new StepError('ResourceNotFoundException', `API ${apiName} has no stage ${stageName} yet.`);
  return { apiId, stage };
}

/** `STAGE=prod`, as the chapter names the stage in its commands. */
export const stageLine = (stageName: string): Line => ({ kind: 'set', name: 'STAGE', value: stageName });

const autoDeployText = (on: boolean | undefined) => (on ? 'auto-deploy on' : 'auto-deploy off');

/** The stage step. `defaults` gives the API's name (found by name when the step runs), the stage's name and whether it deploys itself. */
export function stageStep(id: string, title: string, defaults: StageInputs): Step<StageInputs, Stage> {
  return {
    id,
    title,
    fields: STAGE_ADDRESS_FIELDS,
    defaults: () => ({ ...defaults }),
    nameOf: stageAddressName,

    find: async (ctx, inputs) => (await findApiStage(ctx, inputs))?.stage,

    async create(ctx, inputs) {
      const apiId = (await requireApi(ctx, inputs.apiName)).ApiId!;
      ctx.progress({ text: `Creating the stage ${inputs.stageName}` });
      await send(ctx, ctx.client(ApiGatewayV2Client), new CreateStageCommand({ ApiId: apiId, StageName: inputs.stageName, AutoDeploy: inputs.autoDeploy }));
    },

    async update(ctx, inputs, found) {
      if (Boolean(found.AutoDeploy) === inputs.autoDeploy) return false;
      const apiId = (await requireApi(ctx, inputs.apiName)).ApiId!;
      ctx.progress({ text: `Turning ${autoDeployText(inputs.autoDeploy)} for ${inputs.stageName}` });
      await send(ctx, ctx.client(ApiGatewayV2Client), new UpdateStageCommand({ ApiId: apiId, StageName: inputs.stageName, AutoDeploy: inputs.autoDeploy }));
      return true;
    },

    // A stage is usable as soon as it is made; what it serves comes with a deployment.
    async waitReady(ctx, inputs): Promise<Made> {
      const { apiId, stage } = await requireStage(ctx, inputs.apiName, inputs.stageName);
      const serving = stage.DeploymentId ? `serving deployment ${stage.DeploymentId}` : 'nothing deployed yet';
      return {
        name: `${inputs.apiName}/${inputs.stageName}`,
        arn: apiResourceArn(ctx.region, apiId, 'stages', inputs.stageName),
        summary: `Stage ${inputs.stageName} of ${inputs.apiName}: ${autoDeployText(stage.AutoDeploy)}, ${serving}`,
      };
    },

    async check(ctx, inputs): Promise<Finding[]> {
      const label = `Stage ${inputs.stageName} of ${inputs.apiName} exists`;
      const found = await findApiStage(ctx, inputs);
      if (!found) return [{ label, ok: false, detail: `There is no API named ${inputs.apiName} in ${ctx.region}.` }];
      if (!found.stage) return [{ label, ok: false, detail: `${inputs.apiName} has no stage ${inputs.stageName}.` }];
      return [
        { label, ok: true, detail: found.stage.CreatedDate ? `It was created on ${found.stage.CreatedDate.toISOString()}.` : 'It is there.' },
        {
          label: inputs.autoDeploy ? 'Deploys every change itself (auto-deploy on)' : 'Deployed by hand (auto-deploy off)',
          ok: Boolean(found.stage.AutoDeploy) === inputs.autoDeploy,
          detail: `It has ${autoDeployText(found.stage.AutoDeploy)}.`,
        },
      ];
    },

    async remove(ctx, inputs) {
      const found = await findApiStage(ctx, inputs);
      if (!found?.stage) return false;
      ctx.progress({ text: `Deleting the stage ${inputs.stageName}` });
      await send(ctx, ctx.client(ApiGatewayV2Client), new DeleteStageCommand({ ApiId: found.apiId, StageName: inputs.stageName }));
      return true;
    },

    cli: (inputs, place: Place) => [
      apiIdLine(place, inputs.apiName),
      stageLine(inputs.stageName),
      run(
        awsCommand(place, 'apigatewayv2', 'create-stage', [
          ['--api-id', API_ID],
          ['--stage-name', variable('STAGE')],
          [inputs.autoDeploy ? '--auto-deploy' : '--no-auto-deploy'],
        ]),
      ),
    ],
  };
}

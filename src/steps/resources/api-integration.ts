// A Lambda proxy integration (AWS_PROXY) of an API Gateway v2 API, as a step: API Gateway
// passes each request to the function as an event and returns what the function returns.
// Found and adopted by its integration URI, the function's ARN.
import {
  ApiGatewayV2Client,
  CreateIntegrationCommand,
  DeleteIntegrationCommand,
  GetIntegrationsCommand,
  UpdateIntegrationCommand,
  type Integration,
  type ProtocolType,
} from '@aws-sdk/client-apigatewayv2';
import { findApiByName } from '../actions/api-address.ts';
import { send } from '../calls.ts';
import { API_ID, allPages, apiIdLine, apiResourceArn, lambdaArnLine, requireApi, requireFunctionArn } from './api-lookups.ts';
import { awsCommand } from '../cli.ts';
import { capture, variable, type Line, type Variable } from '../shells.ts';
import { StepError } from '../errors.ts';
import type { Finding, Made, Place, Step, StepContext } from '../model.ts';
import { getFunction } from './lambda-function.ts';

export interface IntegrationInputs {
  apiName: string;
  functionName: string;
  /**
   * The event's shape: `2.0` or `1.0` for an HTTP API (the CLI makes you choose), and
   * `1.0`, the only one they accept, for a WebSocket API.
   */
  payloadFormatVersion: '1.0' | '2.0';
  /**
   * The API's kind. A WebSocket API's Lambda integration names the function by its
   * invocation URI and calls it with POST; an HTTP API's (the default) takes the bare ARN.
   */
  protocol?: ProtocolType;
}

/** API Gateway's URI for invoking a Lambda function: `arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<arn>/invocations`; the CLI's names the ARN by a variable. */
const lambdaInvocationUri = <A extends string | Variable>(region: string, functionArn: A) =>
  [`arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/`, functionArn, '/invocations'] as const;

/** IntegrationUri and IntegrationMethod for the API's kind. */
const functionTarget = (inputs: IntegrationInputs, region: string, functionArn: string) =>
  inputs.protocol === 'WEBSOCKET'
    ? { IntegrationUri: lambdaInvocationUri(region, functionArn).join(''), IntegrationMethod: 'POST' }
    : { IntegrationUri: functionArn };

/** An integration URI names the function by its ARN, or by API Gateway's invocation URI around the ARN. */
const namesFunction = (uri: string | undefined, functionArn: string) => uri === functionArn || (uri ?? '').endsWith(`/functions/${functionArn}/invocations`);

/** The API's Lambda proxy integration to this function, if it has one. */
export async function findLambdaIntegration(ctx: StepContext, apiId: string, functionArn: string): Promise<Integration | undefined> {
  const client = ctx.client(ApiGatewayV2Client);
  const integrations = await allPages((NextToken) => send(ctx, client, new GetIntegrationsCommand({ ApiId: apiId, NextToken })));
  return integrations.find((integration) => integration.IntegrationType === 'AWS_PROXY' && namesFunction(integration.IntegrationUri, functionArn));
}

interface Wiring {
  apiId: string;
  functionArn: string;
  integration?: Integration;
}

/** The API, the function and the integration between them, as far as they exist; undefined without API or function. */
async function findWiring(ctx: StepContext, inputs: Pick<IntegrationInputs, 'apiName' | 'functionName'>): Promise<Wiring | undefined> {
  const api = await findApiByName(ctx, inputs.apiName);
  const fn = api && (await getFunction(ctx, inputs.functionName));
  if (!api || !fn) return undefined;
  return { apiId: api.ApiId!, functionArn: fn.FunctionArn!, integration: await findLambdaIntegration(ctx, api.ApiId!, fn.FunctionArn!) };
}

/** The integration between API and function; fails, naming what is missing, when there is none. */
export async function requireLambdaIntegration(ctx: StepContext, apiName: string, functionName: string): Promise<{ apiId: string; integration: Integration }> {
  const apiId = (await requireApi(ctx, apiName)).ApiId!;
  const integration = await findLambdaIntegration(ctx, apiId, await requireFunctionArn(ctx, functionName));
  if (!integration) throw new StepError('ResourceNotFoundException', `API ${apiName} has no Lambda integration to ${functionName} yet.`);
  return { apiId, integration };
}

/** `INTEGRATION_ID=$(…)`: the id of the API's integration whose URI is $LAMBDA_ARN or its invocation URI. */
export function integrationIdLine(place: Place): Line {
  const arn = variable('LAMBDA_ARN');
  const query = ["Items[?IntegrationUri=='", arn, "' || ends_with(IntegrationUri, '/functions/", arn, "/invocations')].IntegrationId"];
  return capture(
    'INTEGRATION_ID',
    awsCommand(place, 'apigatewayv2', 'get-integrations', [
      ['--api-id', API_ID],
      ['--query', query],
      ['--output', 'text'],
    ]),
  );
}

const summary = (inputs: IntegrationInputs, integration: Integration) =>
  `Integration ${integration.IntegrationId} of ${inputs.apiName}: ${integration.IntegrationType} to ${inputs.functionName}, payload format ${integration.PayloadFormatVersion}`;

/**
 * The integration step. `defaults` gives the API's and the function's names (both found by
 * name when the step runs) and the payload format version: 2.0 for Task 8.1's HTTP API,
 * 1.0 for a WebSocket API.
 */
export function lambdaIntegrationStep(id: string, title: string, defaults: IntegrationInputs): Step<IntegrationInputs, Integration> {
  return {
    id,
    title,
    fields: [
      { name: 'apiName', label: 'API name', kind: 'text' },
      { name: 'functionName', label: 'Function name', kind: 'text' },
      {
        name: 'payloadFormatVersion',
        label: 'Payload format version',
        kind: 'select',
        options: ['2.0', '1.0'],
        help: 'the event’s shape; WebSocket APIs take 1.0 only',
      },
    ],
    defaults: () => ({ ...defaults }),
    nameOf: (inputs) => `${inputs.apiName} → ${inputs.functionName}`,

    find: async (ctx, inputs) => (await findWiring(ctx, inputs))?.integration,

    async create(ctx, inputs) {
      const apiId = (await requireApi(ctx, inputs.apiName)).ApiId!;
      const functionArn = await requireFunctionArn(ctx, inputs.functionName);
      ctx.progress({ text: `Connecting ${inputs.apiName} to ${inputs.functionName}` });
      await send(
        ctx,
        ctx.client(ApiGatewayV2Client),
        new CreateIntegrationCommand({
          ApiId: apiId,
          IntegrationType: 'AWS_PROXY',
          ...functionTarget(inputs, ctx.region, functionArn),
          PayloadFormatVersion: inputs.payloadFormatVersion,
        }),
      );
    },

    async update(ctx, inputs, found) {
      if (found.PayloadFormatVersion === inputs.payloadFormatVersion) return false;
      const apiId = (await requireApi(ctx, inputs.apiName)).ApiId!;
      ctx.progress({ text: `Changing the payload format to ${inputs.payloadFormatVersion}` });
      await send(
        ctx,
        ctx.client(ApiGatewayV2Client),
        new UpdateIntegrationCommand({ ApiId: apiId, IntegrationId: found.IntegrationId, PayloadFormatVersion: inputs.payloadFormatVersion }),
      );
      return true;
    },

    // An integration is usable as soon as it is made.
    async waitReady(ctx, inputs): Promise<Made> {
      const { apiId, integration } = await requireLambdaIntegration(ctx, inputs.apiName, inputs.functionName);
      return {
        name: `${inputs.apiName} → ${inputs.functionName}`,
        arn: apiResourceArn(ctx.region, apiId, 'integrations', integration.IntegrationId!),
        summary: summary(inputs, integration),
      };
    },

    async check(ctx, inputs): Promise<Finding[]> {
      const label = `A Lambda proxy integration from ${inputs.apiName} to ${inputs.functionName}`;
      const wiring = await findWiring(ctx, inputs);
      if (!wiring)
        return [{ label, ok: false, detail: `There is no API named ${inputs.apiName} or no function named ${inputs.functionName} in ${ctx.region}.` }];
      const { integration } = wiring;
      if (!integration) return [{ label, ok: false, detail: `No AWS_PROXY integration of ${inputs.apiName} has the integration URI ${wiring.functionArn}.` }];
      return [
        { label, ok: true, detail: `Integration ${integration.IntegrationId} sends requests to ${integration.IntegrationUri}.` },
        {
          label: `Payload format ${inputs.payloadFormatVersion}`,
          ok: integration.PayloadFormatVersion === inputs.payloadFormatVersion,
          detail: `Its payload format version is ${integration.PayloadFormatVersion}.`,
        },
      ];
    },

    async remove(ctx, inputs) {
      const wiring = await findWiring(ctx, inputs);
      if (!wiring?.integration) return false;
      ctx.progress({ text: `Deleting the integration to ${inputs.functionName}` });
      await send(ctx, ctx.client(ApiGatewayV2Client), new DeleteIntegrationCommand({ ApiId: wiring.apiId, IntegrationId: wiring.integration.IntegrationId }));
      return true;
    },

    cli: (inputs, place) => [
      apiIdLine(place, inputs.apiName),
      lambdaArnLine(place, inputs.functionName),
      capture(
        'INTEGRATION_ID',
        awsCommand(place, 'apigatewayv2', 'create-integration', [
          ['--api-id', API_ID],
          ['--integration-type', 'AWS_PROXY'],
          ...(inputs.protocol === 'WEBSOCKET'
            ? ([
                ['--integration-method', 'POST'],
                ['--integration-uri', lambdaInvocationUri(place.region, variable('LAMBDA_ARN'))],
              ] as const)
            : ([['--integration-uri', variable('LAMBDA_ARN')]] as const)),
          ['--payload-format-version', inputs.payloadFormatVersion],
          ['--query', 'IntegrationId'],
          ['--output', 'text'],
        ]),
      ),
    ],
  };
}

// Task 8.2's WebSocket API sequence against the sandbox: the generic API Gateway steps
// composed as the chapter builds FlightMapWsAPI (payload 1.0 integrations by invocation
// URI, one route and one permission per function, stage prod and its deployment), run
// again to adopt, removed in reverse, and the whole sequence's CLI script run with the
// AWS CLI v2 to an API a client can talk to.
import { ApiGatewayV2Client, GetIntegrationsCommand, GetRoutesCommand, GetStagesCommand } from '@aws-sdk/client-apigatewayv2';
import { GetPolicyCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { beforeAll, describe, expect, test } from 'vitest';
import { findApiByName, invokeUrlOf } from '../../src/steps/actions/api-address.ts';
import { openProbeSocket } from '../../src/steps/actions/websocket-probe.ts';
import { madeRecords, removeStep, runStep } from '../../src/steps/runner.ts';
import { sequenceById, sequenceInputs, sequenceScript } from '../../src/steps/sequences.ts';
import { memoryStorage } from '../../src/steps/target-records.ts';
import { BACKEND_STEPS } from '../../src/steps/task-8-2/functions.ts';
import type { Task82Names } from '../../src/steps/task-8-2/names.ts';
import { WEBSOCKET_API_STEPS } from '../../src/steps/task-8-2/websocket-api.ts';
import { useSandbox } from './harness.ts';
import { runCliText } from './step-cli.ts';
import { operations, stepContext } from './step-helpers.ts';
import { renderScript } from '../../src/steps/shells.ts';

const sandbox = useSandbox();
const place = () => ({ targetKey: `sandbox:${sandbox.accountId}`, account: sandbox.accountId, region: 'us-east-1', endpointUrl: sandbox.url });
const gateway = () => sandbox.client(ApiGatewayV2Client);
const records = madeRecords(memoryStorage());

async function runAll(steps: typeof WEBSOCKET_API_STEPS, names: Partial<Task82Names> = {}) {
  const ctx = stepContext(sandbox);
  const results = [];
  for (const step of steps) results.push(await runStep(step, ctx, sequenceInputs(step, place(), names), records));
  return { ctx, results };
}

/** The statement of the function's policy with the chapter's id: its source ARN. */
async function sourceArnOf(functionName: string): Promise<string | undefined> {
  const { Policy } = await sandbox.client(LambdaClient).send(new GetPolicyCommand({ FunctionName: functionName }));
  const statement = JSON.parse(Policy!).Statement.find((s: { Sid: string }) => s.Sid === 'flight-map-ws-api');
  return statement?.Condition?.ArnLike?.['AWS:SourceArn'];
}

/** Connects like the map, says hello!, and returns the first answer. */
async function helloAnswer(url: string): Promise<string> {
  const socket = await openProbeSocket({ ...stepContext(sandbox), openWebSocket: async (u) => new WebSocket(u) }, url, 10_000);
  socket.send('hello!');
  try {
    return await socket.next(() => true, 10_000, 'an answer to hello!');
  } finally {
    await socket.close();
  }
}

beforeAll(async () => {
  await runAll(BACKEND_STEPS);
});

describe('the WebSocket API sequence', () => {
  test('is the chapter’s order of steps', () => {
    expect(sequenceById('task-8-2/websocket-api')?.steps.map((step) => step.title)).toEqual([
      'Create the WebSocket API',
      'Integrate WsConnect',
      'Add the route $connect',
      'Allow $connect to invoke WsConnect',
      'Integrate WsDisconnect',
      'Add the route $disconnect',
      'Allow $disconnect to invoke WsDisconnect',
      'Integrate WsDefault',
      'Add the route $default',
      'Allow $default to invoke WsDefault',
      'Create the stage prod',
      'Deploy the API',
    ]);
  });

  test('builds FlightMapWsAPI as the chapter does, and a client gets init after hello!', async () => {
    const { ctx, results } = await runAll(WEBSOCKET_API_STEPS);
    expect(results.map((r) => r.outcome)).toEqual(Array(12).fill('created'));
    expect(ctx.calls.filter((call) => call.error)).toEqual([]);
    expect(results.flatMap((r) => r.findings).filter((f) => !f.ok)).toEqual([]);

    const api = (await findApiByName(ctx, 'FlightMapWsAPI'))!;
    expect(api).toMatchObject({ ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' });
    const { Items: integrations = [] } = await gateway().send(new GetIntegrationsCommand({ ApiId: api.ApiId }));
    const functionArn = (name: string) => `arn:aws:lambda:us-east-1:${sandbox.accountId}:function:${name}`;
    expect(integrations.map((i) => [i.IntegrationType, i.IntegrationMethod, i.IntegrationUri, i.PayloadFormatVersion])).toEqual(
      ['WsConnect', 'WsDisconnect', 'WsDefault'].map((name) => [
        'AWS_PROXY',
        'POST',
        `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${functionArn(name)}/invocations`,
        '1.0',
      ]),
    );
    const { Items: routes = [] } = await gateway().send(new GetRoutesCommand({ ApiId: api.ApiId }));
    const routeTargets = Object.fromEntries(
      routes.map((r) => [
        r.RouteKey,
        integrations
          .find((i) => `integrations/${i.IntegrationId}` === r.Target)
          ?.IntegrationUri?.split(':')
          .at(-1),
      ]),
    );
    expect(routeTargets).toEqual({ $connect: 'WsConnect/invocations', $disconnect: 'WsDisconnect/invocations', $default: 'WsDefault/invocations' });
    for (const [name, routeKey] of [
      ['WsConnect', '$connect'],
      ['WsDisconnect', '$disconnect'],
      ['WsDefault', '$default'],
    ]) {
      expect(await sourceArnOf(name)).toBe(`arn:aws:execute-api:us-east-1:${sandbox.accountId}:${api.ApiId}/*/${routeKey}`);
    }
    const { Items: stages = [] } = await gateway().send(new GetStagesCommand({ ApiId: api.ApiId }));
    expect(stages.map((s) => [s.StageName, s.AutoDeploy ?? false, Boolean(s.DeploymentId)])).toEqual([['prod', false, true]]);

    const url = results.at(-1)!.made.url!;
    expect(url).toBe(invokeUrlOf(api, 'prod'));
    expect(JSON.parse(await helloAnswer(url))).toMatchObject({ type: 'init', airport: 'BCN' });
  });

  test('a second run adopts every step and creates nothing', async () => {
    const { ctx, results } = await runAll(WEBSOCKET_API_STEPS);
    expect(results.map((r) => r.outcome)).toEqual(Array(12).fill('adopted'));
    // The permission step learns the statement is there from AddPermission's 409 (see lambda-permission.ts).
    expect(operations(ctx).filter((op) => /Create|Update|Delete|RemovePermission/.test(op))).toEqual([]);
  });

  test('its CLI script, run with the AWS CLI v2, builds an API of other names that answers hello! with init', async () => {
    const names = {
      apiName: 'CliWsAPI',
      connectFunction: 'CliConnect',
      disconnectFunction: 'CliDisconnect',
      defaultFunction: 'CliDefault',
      fanoutFunction: 'CliFanout',
      tableName: 'cli-connections',
    };
    await runAll(BACKEND_STEPS, names);
    const script = renderScript(
      sequenceScript(
        WEBSOCKET_API_STEPS.map((step) => ({ step, inputs: sequenceInputs(step, place(), names) })),
        place(),
      ),
      'bash',
    );
    expect(script).toContain(`--route-selection-expression '$request.body.action'`);
    expect(script).toContain('--integration-method POST');
    expect(script).toContain('--integration-uri "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/$LAMBDA_ARN/invocations"');
    expect(script).toContain(`--source-arn "arn:aws:execute-api:us-east-1:${sandbox.accountId}:$API_ID/*/\\$connect"`);
    await runCliText(sandbox, script);

    const ctx = stepContext(sandbox);
    const api = (await findApiByName(ctx, 'CliWsAPI'))!;
    expect(await sourceArnOf('CliDefault')).toBe(`arn:aws:execute-api:us-east-1:${sandbox.accountId}:${api.ApiId}/*/$default`);
    expect(JSON.parse(await helloAnswer(invokeUrlOf(api, 'prod')))).toMatchObject({ type: 'init' });
    // What the CLI made is what the steps make: each one's check passes on it.
    for (const step of WEBSOCKET_API_STEPS) expect((await step.check(ctx, sequenceInputs(step, place(), names))).filter((f) => !f.ok)).toEqual([]);
  }, 600_000);

  test('removing in reverse order leaves no API and no permission behind', async () => {
    const ctx = stepContext(sandbox);
    for (const step of [...WEBSOCKET_API_STEPS].reverse()) await removeStep(step, ctx, step.defaults(place()), records);
    expect(await findApiByName(ctx, 'FlightMapWsAPI')).toBeUndefined();
    await expect(sandbox.client(LambdaClient).send(new GetPolicyCommand({ FunctionName: 'WsConnect' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    expect(Object.keys(records.all(ctx.targetKey)).filter((id) => !BACKEND_STEPS.some((step) => id.startsWith(`${step.id}:`)))).toEqual([]);
  });
});

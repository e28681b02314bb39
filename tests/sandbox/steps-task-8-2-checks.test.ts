// Task 8.2's checks that talk to the WebSocket API, against the sandbox with the lab's
// handlers running: a real client connects, says hello!, gets init, is stored in the
// table and removed after close; a record put on the stream reaches it. Then broken
// stacks: each failure says where it stopped.
import { ApiGatewayV2Client, UpdateApiCommand } from '@aws-sdk/client-apigatewayv2';
import { LambdaClient, RemovePermissionCommand, UpdateEventSourceMappingCommand } from '@aws-sdk/client-lambda';
import { beforeAll, describe, expect, test } from 'vitest';
import { checkProgress } from '../../src/steps/check-progress.ts';
import { runCheck } from '../../src/steps/checks.ts';
import { madeRecords, runStep } from '../../src/steps/runner.ts';
import { memoryStorage } from '../../src/steps/target-records.ts';
import { task82ApiCheck, task82StreamCheck } from '../../src/steps/task-8-2/checks.ts';
import { BACKEND_STEPS, TASK_8_2_FUNCTION_STEPS } from '../../src/steps/task-8-2/functions.ts';
import { TASK_8_2_NAMES, type Task82Names } from '../../src/steps/task-8-2/names.ts';
import { fanoutMappingStep, STREAM_STEPS } from '../../src/steps/task-8-2/stream.ts';
import { connectionsTableStep } from '../../src/steps/task-8-2/table.ts';
import { WEBSOCKET_API_STEPS } from '../../src/steps/task-8-2/websocket-api.ts';
import { roundTripFindings } from '../../src/steps/task-8-2/websocket-trials.ts';
import { findApiByName } from '../../src/steps/actions/api-address.ts';
import { findMapping } from '../../src/steps/resources/event-source-mapping.ts';
import { useSandbox } from './harness.ts';
import { operations, stepContext, type TestStepContext } from './step-helpers.ts';

const sandbox = useSandbox();
const place = () => ({ targetKey: `sandbox:${sandbox.accountId}`, account: sandbox.accountId, region: 'us-east-1', endpointUrl: sandbox.url });
/** What a check gets in the page, with Node's WebSocket (the same API as the browser's) in place of the page's. */
const checkContext = (): TestStepContext => ({ ...stepContext(sandbox), openWebSocket: async (url) => new WebSocket(url) });
const names: Task82Names = TASK_8_2_NAMES;
const apiId = async () => (await findApiByName(stepContext(sandbox), 'FlightMapWsAPI'))!.ApiId!;

/** The whole chapter's stack, made by its sequences' steps with the lab's names. */
beforeAll(async () => {
  const ctx = stepContext(sandbox);
  const records = madeRecords(memoryStorage());
  for (const step of [...BACKEND_STEPS, ...WEBSOCKET_API_STEPS, ...STREAM_STEPS]) await runStep(step, ctx, step.defaults(place()), records);
});

describe('the WebSocket round trip', () => {
  test('connects, gets init after hello!, is stored in the table while open and removed after close', async () => {
    const findings = await roundTripFindings(checkContext(), names);
    expect(findings).toEqual([
      {
        label: 'A WebSocket client can connect to stage prod of FlightMapWsAPI',
        ok: true,
        detail: expect.stringMatching(/^Connected to ws:\/\/127\.0\.0\.1:\d+\/_api\/\w+\/prod\.$/),
      },
      { label: 'hello! is answered with an init message', ok: true, detail: expect.stringContaining('Received {"type": "init", "airport": "BCN"') },
      {
        label: '$connect stores the connection in ccbda-ws-connections',
        ok: true,
        detail: expect.stringMatching(/^A new item appeared: connectionid [\w-]{15}=\.$/),
      },
      {
        label: '$disconnect removes it from ccbda-ws-connections after close',
        ok: true,
        detail: expect.stringMatching(/^connectionid [\w-]{15}= was removed\.$/),
      },
    ]);
  });

  test('an API that does not exist is named, and nothing else is tried', async () => {
    expect(await roundTripFindings(checkContext(), { ...names, apiName: 'NoSuchAPI' })).toEqual([
      { label: 'A WebSocket client can connect to stage prod of NoSuchAPI', ok: false, detail: 'There is no API named NoSuchAPI in us-east-1.' },
      { label: '$connect stores the connection in ccbda-ws-connections', ok: false, detail: 'Not tried: the client got no init.' },
      { label: '$disconnect removes it from ccbda-ws-connections after close', ok: false, detail: 'Not tried: the client got no init.' },
    ]);
  });

  test('a WsConnect that cannot reach its table refuses the connection, and the check says so', async () => {
    const [connectStep] = TASK_8_2_FUNCTION_STEPS;
    await runStep(connectStep, stepContext(sandbox), { ...connectStep.defaults(place()), tableName: 'no-such-table' }, madeRecords(memoryStorage()));
    try {
      const [connect] = await roundTripFindings(checkContext(), names);
      expect(connect).toEqual({
        label: 'A WebSocket client can connect to stage prod of FlightMapWsAPI',
        ok: false,
        detail: expect.stringMatching(
          /^The connection to ws:\/\/.+\/prod was refused: API Gateway closed it during the handshake, as it does when \$connect fails\. ws:\/\/.+\/prod still refused the connection after 15 s of trying, longer than a new deployment or permission takes on AWS\.$/,
        ),
      });
    } finally {
      await runStep(connectStep, stepContext(sandbox), connectStep.defaults(place()), madeRecords(memoryStorage()));
    }
  });
});

describe('the task-8-2/api check', () => {
  test('passes on the chapter’s API: its wiring, then a real client’s round trip', async () => {
    const progress = checkProgress(memoryStorage());
    const ctx = checkContext();
    const { passed, findings } = await runCheck(task82ApiCheck, ctx, progress);
    expect(findings.filter((f) => !f.ok)).toEqual([]);
    const labels = findings.map((f) => f.label);
    expect(labels).toEqual(
      expect.arrayContaining([
        'Routes chosen by $request.body.action',
        'A Lambda proxy integration from FlightMapWsAPI to WsConnect',
        'Payload format 1.0',
        'Route $connect → WsConnect',
        'Route $disconnect → WsDisconnect',
        'Route $default → WsDefault',
        `Only for arn:aws:execute-api:us-east-1:${sandbox.accountId}:${await apiId()}/*/$connect`,
        `Only for arn:aws:execute-api:us-east-1:${sandbox.accountId}:${await apiId()}/*/$disconnect`,
        `Only for arn:aws:execute-api:us-east-1:${sandbox.accountId}:${await apiId()}/*/$default`,
        'Stage prod serves a deployment',
        'hello! is answered with an init message',
        '$disconnect removes it from ccbda-ws-connections after close',
      ]),
    );
    expect(passed).toBe(true);
    expect(progress.get(ctx.targetKey, 'task-8-2/api')).toMatchObject({ done: true });
  });

  test('a function without its permission fails the check by name, and no client is tried', async () => {
    await sandbox.client(LambdaClient).send(new RemovePermissionCommand({ FunctionName: 'WsDefault', StatementId: 'flight-map-ws-api' }));
    try {
      const checking = checkContext();
      const { passed, findings } = await runCheck(task82ApiCheck, checking, checkProgress(memoryStorage()));
      expect(passed).toBe(false);
      expect(findings.filter((f) => !f.ok)).toEqual([
        {
          label: 'WsDefault’s policy has statement flight-map-ws-api',
          ok: false,
          detail: 'There is no statement flight-map-ws-api: API Gateway may not invoke the function.',
        },
        { label: 'A WebSocket client connects and gets init', ok: false, detail: 'Not tried: fix what is marked above first.' },
      ]);
      expect(operations(checking)).not.toContain('DynamoDB.Scan');
    } finally {
      const permission = WEBSOCKET_API_STEPS.find((step) => step.id === 'task-8-2/ws-api-default-permission')!;
      await runStep(permission, stepContext(sandbox), permission.defaults(place()), madeRecords(memoryStorage()));
    }
  });

  test('a route selection expression the shell mangled is named, with what AWS stored', async () => {
    const gateway = sandbox.client(ApiGatewayV2Client);
    await gateway.send(new UpdateApiCommand({ ApiId: await apiId(), RouteSelectionExpression: '.body.action' }));
    try {
      const { findings } = await runCheck(task82ApiCheck, checkContext(), checkProgress(memoryStorage()));
      expect(findings.find((f) => !f.ok)).toEqual({
        label: 'Routes chosen by $request.body.action',
        ok: false,
        detail: 'Its route selection expression is .body.action.',
      });
    } finally {
      await gateway.send(new UpdateApiCommand({ ApiId: await apiId(), RouteSelectionExpression: '$request.body.action' }));
    }
  });
});

describe('the task-8-2/stream check', () => {
  test('passes when a record put on the stream reaches the connected client', async () => {
    const progress = checkProgress(memoryStorage());
    const ctx = checkContext();
    const { passed, findings } = await runCheck(task82StreamCheck, ctx, progress, names);
    expect(findings.filter((f) => !f.ok)).toEqual([]);
    expect(findings.map((f) => f.label)).toEqual([
      'Stream ccbda-flights is ACTIVE',
      'Provisioned with 1 shard',
      'Mapping FlightFanout ← ccbda-flights is Enabled',
      'Batch size 100',
      'Starting position LATEST',
      'A WebSocket client can connect to stage prod of FlightMapWsAPI',
      'hello! is answered with an init message',
      'A record put on ccbda-flights reaches a connected client',
    ]);
    expect(findings.at(-1)?.detail).toMatch(/^EC-[A-Z]{3} arrived in a positions message\.$/);
    expect(passed).toBe(true);
    expect(progress.get(ctx.targetKey, 'task-8-2/stream')).toMatchObject({ done: true });
  });

  test('a disabled mapping fails the check, and no record is put on the stream', async () => {
    const ctx = stepContext(sandbox);
    const mapping = await findMapping(ctx, { functionName: 'FlightFanout', streamName: 'ccbda-flights' });
    await sandbox.client(LambdaClient).send(new UpdateEventSourceMappingCommand({ UUID: mapping!.UUID, Enabled: false }));
    try {
      const checking = checkContext();
      const { passed, findings } = await runCheck(task82StreamCheck, checking, checkProgress(memoryStorage()), names);
      expect(passed).toBe(false);
      expect(findings.filter((f) => !f.ok)).toEqual([
        { label: 'Mapping FlightFanout ← ccbda-flights is Enabled', ok: false, detail: expect.stringMatching(/^Its state is (Disabling|Disabled)\.$/) },
        { label: 'A record put on ccbda-flights reaches a connected client', ok: false, detail: 'Not tried: fix the stream and its mapping first.' },
      ]);
      expect(operations(checking)).not.toContain('Kinesis.PutRecord');
    } finally {
      await runStep(fanoutMappingStep, stepContext(sandbox), fanoutMappingStep.defaults(place()), madeRecords(memoryStorage()));
    }
  });

  test('a FlightFanout that reads another table never delivers, and the check says what it waited for', async () => {
    const fanout = TASK_8_2_FUNCTION_STEPS[3];
    await runStep(fanout, stepContext(sandbox), { ...fanout.defaults(place()), tableName: 'empty-connections' }, madeRecords(memoryStorage()));
    await runStep(
      connectionsTableStep,
      stepContext(sandbox),
      { ...connectionsTableStep.defaults(place()), tableName: 'empty-connections' },
      madeRecords(memoryStorage()),
    );
    try {
      const { passed, findings } = await runCheck(task82StreamCheck, checkContext(), checkProgress(memoryStorage()), names);
      expect(passed).toBe(false);
      expect(findings.filter((f) => !f.ok)).toEqual([
        {
          label: 'A record put on ccbda-flights reaches a connected client',
          ok: false,
          detail: expect.stringMatching(/^Nothing came within 30 s: a positions message with EC-[A-Z]{3}, which was put on ccbda-flights\.$/),
        },
      ]);
    } finally {
      await runStep(fanout, stepContext(sandbox), fanout.defaults(place()), madeRecords(memoryStorage()));
    }
  });
});

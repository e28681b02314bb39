// Task 8.2's backend steps against the sandbox: the connections table and the four
// functions from lambda/ (created, adopted on a second run, removed, their CLI text run
// with the AWS CLI v2), and the task-8-2/backend check on a right and on broken stacks.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetFunctionConfigurationCommand, LambdaClient, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { checkProgress } from '../../src/steps/check-progress.ts';
import { runCheck } from '../../src/steps/checks.ts';
import { codeSha256, zipSource } from '../../src/steps/resources/function-package.ts';
import { madeRecords, removeStep, runStep } from '../../src/steps/runner.ts';
import { memoryStorage } from '../../src/steps/target-records.ts';
import { task82BackendCheck } from '../../src/steps/task-8-2/checks.ts';
import { TASK_8_2_FUNCTION_STEPS, wsConnectStep } from '../../src/steps/task-8-2/functions.ts';
import { TASK_8_2_NAMES } from '../../src/steps/task-8-2/names.ts';
import { connectionsTableStep } from '../../src/steps/task-8-2/table.ts';
import { onDemandTable } from './dynamodb-helpers.ts';
import { useSandbox } from './harness.ts';
import { runCliText } from './step-cli.ts';
import { operations, stepContext } from './step-helpers.ts';
import { renderScript, type Script } from '../../src/steps/shells.ts';

const bash = (script: Script) => renderScript(script, 'bash');

const sandbox = useSandbox();
const place = () => ({ targetKey: `sandbox:${sandbox.accountId}`, account: sandbox.accountId, region: 'us-east-1', endpointUrl: sandbox.url });
const configuration = (name: string) => sandbox.client(LambdaClient).send(new GetFunctionConfigurationCommand({ FunctionName: name }));
const records = madeRecords(memoryStorage());

/** The chapter's backend, made by its steps with the lab's names. */
async function deployBackend() {
  const ctx = stepContext(sandbox);
  const results = [];
  for (const step of [connectionsTableStep, ...TASK_8_2_FUNCTION_STEPS]) results.push(await runStep(step, ctx, step.defaults(place()), records));
  return { ctx, results };
}

describe('the backend steps', () => {
  let first: Awaited<ReturnType<typeof deployBackend>>;
  beforeAll(async () => {
    first = await deployBackend();
  });

  test('create the table keyed by connectionid and the four functions the chapter lists, without one failing call', async () => {
    expect(first.results.map((r) => [r.outcome, r.made.name])).toEqual([
      ['created', 'ccbda-ws-connections'],
      ['created', 'WsConnect'],
      ['created', 'WsDisconnect'],
      ['created', 'WsDefault'],
      ['created', 'FlightFanout'],
    ]);
    expect(first.ctx.calls.filter((call) => call.error)).toEqual([]);
    expect(first.results[0].made.summary).toBe('ccbda-ws-connections: ACTIVE, partition key connectionid (S), on-demand');
    expect(first.results.flatMap((r) => r.findings).every((f) => f.ok)).toBe(true);
  });

  test('each function runs its lambda/ file on python3.13 with LabRole, TABLE_NAME and the chapter’s timeout', async () => {
    const expected = [
      ['WsConnect', 'ws_connect', 'lambda/ws-connect/ws_connect.py', 5],
      ['WsDisconnect', 'ws_disconnect', 'lambda/ws-disconnect/ws_disconnect.py', 5],
      ['WsDefault', 'ws_default', 'lambda/ws-default/ws_default.py', 5],
      ['FlightFanout', 'flight_fanout', 'lambda/flight-fanout/flight_fanout.py', 30],
    ] as const;
    for (const [name, module, file, timeout] of expected) {
      const config = await configuration(name);
      expect(config).toMatchObject({
        State: 'Active',
        Runtime: 'python3.13',
        Handler: `${module}.lambda_handler`,
        Role: `arn:aws:iam::${sandbox.accountId}:role/LabRole`,
        Timeout: timeout,
        Environment: { Variables: { TABLE_NAME: 'ccbda-ws-connections' } },
      });
      expect(config.CodeSha256).toBe(await codeSha256(zipSource(`${module}.py`, await readFile(file, 'utf8'))));
    }
  });

  test('a second run adopts all five and changes nothing', async () => {
    const again = await deployBackend();
    expect(again.results.map((r) => r.outcome)).toEqual(['adopted', 'adopted', 'adopted', 'adopted', 'adopted']);
    expect(operations(again.ctx).filter((op) => /Create|Update|Delete/.test(op))).toEqual([]);
  });

  test('the task-8-2/backend check passes on this stack and marks the task part done', async () => {
    const progress = checkProgress(memoryStorage());
    const ctx = stepContext(sandbox);
    const { passed, findings } = await runCheck(task82BackendCheck, ctx, progress);
    expect(findings.filter((f) => !f.ok)).toEqual([]);
    expect(passed).toBe(true);
    expect(findings.map((f) => f.label)).toEqual([
      'Table ccbda-ws-connections is ACTIVE',
      'Partition key connectionid of type S (string)',
      'No sort key',
      ...['WsConnect', 'WsDisconnect', 'WsDefault', 'FlightFanout'].flatMap((name) => [
        `Function ${name} is Active`,
        'A Python runtime',
        expect.stringMatching(/^Handler \w+\.lambda_handler$/),
        'Execution role LabRole',
        `${name} has TABLE_NAME=ccbda-ws-connections`,
      ]),
    ]);
    expect(progress.get(ctx.targetKey, 'task-8-2/backend')).toMatchObject({ done: true });
  });

  test('the check names a function without TABLE_NAME, a table with the wrong key, and a missing function', async () => {
    await sandbox.client(LambdaClient).send(new UpdateFunctionConfigurationCommand({ FunctionName: 'WsDisconnect', Environment: { Variables: {} } }));
    await sandbox.client(DynamoDBClient).send(onDemandTable('wrong-key', 'connectionId'));
    const progress = checkProgress(memoryStorage());
    const { passed, findings } = await runCheck(task82BackendCheck, stepContext(sandbox), progress, {
      ...TASK_8_2_NAMES,
      tableName: 'wrong-key',
      fanoutFunction: 'NoFanout',
    });
    expect(passed).toBe(false);
    expect(findings.filter((f) => !f.ok)).toEqual([
      { label: 'Partition key connectionid of type S (string)', ok: false, detail: 'The partition key is connectionId of type S.' },
      { label: 'WsConnect has TABLE_NAME=wrong-key', ok: false, detail: 'TABLE_NAME is ccbda-ws-connections.' },
      {
        label: 'WsDisconnect has TABLE_NAME=wrong-key',
        ok: false,
        detail: 'TABLE_NAME is not set, so the function fails as it starts: set it under its environment variables.',
      },
      { label: 'WsDefault has TABLE_NAME=wrong-key', ok: false, detail: 'TABLE_NAME is ccbda-ws-connections.' },
      { label: 'Function NoFanout exists', ok: false, detail: 'There is no function named NoFanout in us-east-1.' },
    ]);
    expect(progress.all(`sandbox:${sandbox.accountId}`)).toEqual({});
  });

  test('a re-run of the function step puts TABLE_NAME back', async () => {
    const ctx = stepContext(sandbox);
    const [, disconnect] = TASK_8_2_FUNCTION_STEPS;
    expect((await runStep(disconnect, ctx, disconnect.defaults(place()), records)).outcome).toBe('updated');
    expect((await configuration('WsDisconnect')).Environment?.Variables).toEqual({ TABLE_NAME: 'ccbda-ws-connections' });
  });

  test('remove deletes a function and the table, and forgets them', async () => {
    const ctx = stepContext(sandbox);
    const fanout = TASK_8_2_FUNCTION_STEPS[3];
    expect(await removeStep(fanout, ctx, fanout.defaults(place()), records)).toBe(true);
    expect(await removeStep(connectionsTableStep, ctx, connectionsTableStep.defaults(place()), records)).toBe(true);
    expect(Object.keys(records.all(ctx.targetKey)).sort()).toEqual([
      'task-8-2/ws-connect:WsConnect',
      'task-8-2/ws-default:WsDefault',
      'task-8-2/ws-disconnect:WsDisconnect',
    ]);
    const findings = await task82BackendCheck.run(ctx);
    expect(findings[0]).toEqual({
      label: 'Table ccbda-ws-connections exists',
      ok: false,
      detail: 'There is no table named ccbda-ws-connections in us-east-1.',
    });
    expect(findings.at(-1)).toEqual({ label: 'Function FlightFanout exists', ok: false, detail: 'There is no function named FlightFanout in us-east-1.' });
  });
});

describe('the backend steps’ CLI text, run with the AWS CLI v2', () => {
  test('the table’s creates it keyed by connectionid and waits for it', async () => {
    const inputs = { ...connectionsTableStep.defaults(place()), tableName: 'cli-connections' };
    await runCliText(sandbox, bash(connectionsTableStep.cli(inputs, place())));
    expect(await connectionsTableStep.check(stepContext(sandbox), inputs)).toEqual(
      expect.arrayContaining([expect.objectContaining({ label: 'Partition key connectionid of type S (string)', ok: true })]),
    );
  });

  test('a function’s zips its file, creates it with TABLE_NAME and waits until it is Active', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'labbook-t82-cli-'));
    try {
      await copyFile('lambda/ws-connect/ws_connect.py', join(dir, 'ws_connect.py'));
      const inputs = { ...wsConnectStep.defaults(place()), connectFunction: 'CliWsConnect' };
      const text = bash(wsConnectStep.cli(inputs, place()));
      expect(text).toContain(`--environment '{"Variables":{"TABLE_NAME":"ccbda-ws-connections"}}'`);
      await runCliText(sandbox, text, dir);
      expect(await configuration('CliWsConnect')).toMatchObject({
        State: 'Active',
        Handler: 'ws_connect.lambda_handler',
        Timeout: 5,
        Environment: { Variables: { TABLE_NAME: 'ccbda-ws-connections' } },
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

// The Lambda function step against the sandbox: deploy, adopt, update, resume after an
// interruption and after expired credentials, check, remove, and its CLI equivalent.
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetFunctionConfigurationCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { describe, expect, test } from 'vitest';
import { explainFailure, LAB_ROLE_HINT } from '../../src/steps/errors.ts';
import type { FunctionInputs } from '../../src/steps/resources/lambda-function.ts';
import { codeSha256, handlerFileName, zipSource } from '../../src/steps/resources/function-package.ts';
import { madeRecords, removeStep, runStep } from '../../src/steps/runner.ts';
import { memoryStorage } from '../../src/steps/target-records.ts';
import { functionStep } from '../../src/steps/task-8-1/function.ts';
import { useSandbox } from './harness.ts';
import { holdClockUntil, operations, stepContext } from './step-helpers.ts';
import { renderScript, type Script } from '../../src/steps/shells.ts';

const bash = (script: Script) => renderScript(script, 'bash');

const sandbox = useSandbox();

const HELLO = 'def lambda_handler(event, context):\n    return {"statusCode": 200, "body": "hello"}\n';

function inputsFor(functionName: string, change: Partial<FunctionInputs> = {}): FunctionInputs {
  const place = { targetKey: '', account: sandbox.accountId, region: 'us-east-1' };
  return { ...functionStep.defaults(place), functionName, ...change };
}

const configuration = (name: string) => sandbox.client(LambdaClient).send(new GetFunctionConfigurationCommand({ FunctionName: name }));

describe('the function step', () => {
  test('deploys the CRUD function with LabRole, waits Pending → Active, and a second run adopts it', async () => {
    const records = madeRecords(memoryStorage());
    const first = stepContext(sandbox);
    holdClockUntil(first, { state: 'Pending' });
    const deployed = await runStep(functionStep, first, inputsFor('LambdaCRUD'), records);
    expect(deployed.outcome).toBe('created');
    // Not one failing call on the way (a browser prints every 4xx answer as a console error).
    expect(first.calls.filter((call) => call.error)).toEqual([]);
    expect(first.updates).toContainEqual({ text: 'Function LambdaCRUD is Pending', state: 'Pending', waitingFor: 'Pending → Active' });
    expect(deployed.findings.map((finding) => [finding.label, finding.ok])).toEqual([
      ['Function LambdaCRUD is Active', true],
      ['A Python runtime', true],
      ['Handler lambda_crud.lambda_handler', true],
      ['Execution role LabRole', true],
    ]);
    const config = await configuration('LambdaCRUD');
    expect(config).toMatchObject({
      State: 'Active',
      Runtime: 'python3.13',
      Handler: 'lambda_crud.lambda_handler',
      Role: `arn:aws:iam::${sandbox.accountId}:role/LabRole`,
      Environment: { Variables: { LOG_LEVEL: 'INFO' } },
    });
    expect(deployed.made.arn).toBe(config.FunctionArn);

    const second = stepContext(sandbox);
    expect((await runStep(functionStep, second, inputsFor('LambdaCRUD'), records)).outcome).toBe('adopted');
    expect(operations(second).filter((op) => /Create|Update|Delete/.test(op))).toEqual([]);
  });

  test('the zip holds the source under the handler’s file name, and the same source gives the same CodeSha256', async () => {
    await runStep(functionStep, stepContext(sandbox), inputsFor('ShaCheck', { code: HELLO }), madeRecords(memoryStorage()));
    expect(handlerFileName('lambda_crud.lambda_handler', 'python3.13')).toBe('lambda_crud.py');
    expect((await configuration('ShaCheck')).CodeSha256).toBe(await codeSha256(zipSource('lambda_crud.py', HELLO)));
  });

  test('changed code or configuration updates the function instead of failing', async () => {
    const records = madeRecords(memoryStorage());
    await runStep(functionStep, stepContext(sandbox), inputsFor('Changing', { code: HELLO }), records);

    const newCode = stepContext(sandbox);
    const code = HELLO.replace('hello', 'changed');
    expect((await runStep(functionStep, newCode, inputsFor('Changing', { code }), records)).outcome).toBe('updated');
    expect(operations(newCode)).toContain('Lambda.UpdateFunctionCode');
    // The record keeps the code the function now runs, for the lab report.
    expect(records.get(newCode.targetKey, 'task-8-1/function:Changing')?.source).toEqual({ file: 'lambda_crud.py', code });
    expect(operations(newCode)).not.toContain('Lambda.UpdateFunctionConfiguration');
    const { Payload } = await sandbox.client(LambdaClient).send(new InvokeCommand({ FunctionName: 'Changing', Payload: '{}' }));
    expect(JSON.parse(Buffer.from(Payload!).toString())).toEqual({ statusCode: 200, body: 'changed' });

    const newConfig = stepContext(sandbox);
    const changed = inputsFor('Changing', { code, timeout: 10, memorySize: 256, environment: { TABLE: 'things' } });
    expect((await runStep(functionStep, newConfig, changed, records)).outcome).toBe('updated');
    expect(operations(newConfig)).toEqual(expect.arrayContaining(['Lambda.UpdateFunctionConfiguration']));
    expect(operations(newConfig)).not.toContain('Lambda.UpdateFunctionCode');
    expect(await configuration('Changing')).toMatchObject({
      Timeout: 10,
      MemorySize: 256,
      Environment: { Variables: { TABLE: 'things' } },
      LastUpdateStatus: 'Successful',
    });
  });

  test('a run cut short while Pending resumes on Retry, through expired credentials, without a second create', async () => {
    const records = madeRecords(memoryStorage());
    const stop = new AbortController();
    const interrupted = { ...stepContext(sandbox), signal: stop.signal };
    interrupted.progress = (update) => {
      if (update.state === 'Pending') stop.abort(new DOMException('The page was reloaded', 'AbortError'));
    };
    holdClockUntil(interrupted, { state: 'Pending' });
    await expect(runStep(functionStep, interrupted, inputsFor('Resumed'), records)).rejects.toMatchObject({ name: 'AbortError' });
    expect(records.get(interrupted.targetKey, 'task-8-1/function:Resumed')).toMatchObject({ origin: 'created', state: 'creating' });

    const expired = stepContext(sandbox, { credentials: await sandbox.issueCredentials({ durationSeconds: 0 }) });
    const failure = await runStep(functionStep, expired, inputsFor('Resumed'), records).catch(explainFailure);
    expect(failure).toMatchObject({ code: 'ExpiredTokenException', credentials: true });

    const retry = stepContext(sandbox);
    const resumed = await runStep(functionStep, retry, inputsFor('Resumed'), records);
    expect(resumed.outcome).toBe('resumed');
    expect(operations(retry)).not.toContain('Lambda.CreateFunction');
    expect(records.get(retry.targetKey, 'task-8-1/function:Resumed')).toMatchObject({ origin: 'created', state: 'ready' });
  });

  test('a role other than LabRole fails with Lambda’s error and the LabRole hint', async () => {
    const ctx = stepContext(sandbox);
    const failure = await runStep(
      functionStep,
      ctx,
      inputsFor('OwnRole', { roleArn: `arn:aws:iam::${sandbox.accountId}:role/MyOwnRole` }),
      madeRecords(memoryStorage()),
    ).catch(explainFailure);
    expect(failure).toEqual({
      code: 'InvalidParameterValueException',
      message: 'The role defined for the function cannot be assumed by Lambda.',
      hint: LAB_ROLE_HINT,
      credentials: false,
    });
  });

  test('check names a wrong handler and a non-Python runtime', async () => {
    await runStep(functionStep, stepContext(sandbox), inputsFor('WrongHandler', { handler: 'app.main', code: HELLO }), madeRecords(memoryStorage()));
    const findings = await functionStep.check(stepContext(sandbox), inputsFor('WrongHandler'));
    expect(findings.find((finding) => !finding.ok)).toEqual({
      label: 'Handler lambda_crud.lambda_handler',
      ok: false,
      detail: 'The handler is app.main.',
    });
  });

  test('the recorded CreateFunction hides the zip and the environment, as the SDK’s log filter does', async () => {
    const ctx = stepContext(sandbox);
    await runStep(functionStep, ctx, inputsFor('Recorded', { environment: { SECRETISH: 'value-not-shown' } }), madeRecords(memoryStorage()));
    const create = ctx.calls.find((call) => call.operation === 'CreateFunction')!;
    expect(create.request).toMatchObject({ FunctionName: 'Recorded', Code: { ZipFile: '***SensitiveInformation***' } });
    expect(JSON.stringify(ctx.calls)).not.toContain('value-not-shown');
  });

  test('remove deletes the function and its log group', async () => {
    const records = madeRecords(memoryStorage());
    const ctx = stepContext(sandbox);
    await runStep(functionStep, ctx, inputsFor('Removed', { code: HELLO }), records);
    await sandbox.client(LambdaClient).send(new InvokeCommand({ FunctionName: 'Removed', Payload: '{}' }));
    expect(await removeStep(functionStep, ctx, inputsFor('Removed'), records)).toBe(true);
    await expect(configuration('Removed')).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    const { logGroups } = await sandbox.client(CloudWatchLogsClient).send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/lambda/Removed' }));
    expect(logGroups).toEqual([]);
    expect(records.all(ctx.targetKey)).toEqual({});
    expect(await removeStep(functionStep, ctx, inputsFor('Removed'), records)).toBe(false);
  });
});

describe('the function step’s CLI equivalent', () => {
  test('zips the handler’s file and creates the function with the student’s account, role and settings', () => {
    const inputs = { ...inputsFor('LambdaCRUD'), roleArn: 'arn:aws:iam::123456789012:role/LabRole', environment: { LOG_LEVEL: 'INFO', GREETING: "it's me" } };
    expect(bash(functionStep.cli(inputs, { targetKey: 'aws:123456789012:us-east-1', account: '123456789012', region: 'us-east-1' }))).toBe(
      [
        'zip lambda_crud.zip lambda_crud.py',
        'aws lambda create-function \\',
        '  --function-name LambdaCRUD \\',
        '  --runtime python3.13 \\',
        '  --handler lambda_crud.lambda_handler \\',
        '  --role arn:aws:iam::123456789012:role/LabRole \\',
        '  --zip-file fileb://lambda_crud.zip \\',
        '  --timeout 3 \\',
        '  --memory-size 128 \\',
        `  --environment '{"Variables":{"LOG_LEVEL":"INFO","GREETING":"it'\\''s me"}}' \\`,
        '  --region us-east-1',
        'aws lambda wait function-active-v2 \\',
        '  --function-name LambdaCRUD \\',
        '  --region us-east-1',
        '# When the function exists already, upload the new code instead:',
        '# aws lambda update-function-code \\',
        '#   --function-name LambdaCRUD \\',
        '#   --zip-file fileb://lambda_crud.zip \\',
        '#   --region us-east-1',
      ].join('\n'),
    );
  });
});

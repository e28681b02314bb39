// The DynamoDB table step against the sandbox: created once, adopted after, checked,
// removed, recorded per target, and its CLI equivalent.
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, test } from 'vitest';
import { explainFailure } from '../../src/steps/errors.ts';
import { madeRecords, removeStep, runStep } from '../../src/steps/runner.ts';
import { memoryStorage } from '../../src/steps/target-records.ts';
import { tableStep } from '../../src/steps/task-8-1/table.ts';
import { dynamoTableStep } from '../../src/steps/resources/dynamodb-table.ts';
import { onDemandTable } from './dynamodb-helpers.ts';
import { useSandbox } from './harness.ts';
import { operations, stepContext } from './step-helpers.ts';
import { renderScript, type Script } from '../../src/steps/shells.ts';

const bash = (script: Script) => renderScript(script, 'bash');

const sandbox = useSandbox();
const inputsFor = (tableName: string) => ({ ...tableStep.defaults({ targetKey: '', account: '', region: 'us-east-1' }), tableName });

describe('the table step', () => {
  test('creates the table the lab wants, and a second run adopts it instead of failing', async () => {
    const records = madeRecords(memoryStorage());
    const first = stepContext(sandbox);
    const created = await runStep(tableStep, first, inputsFor('ccbda-lambda-first'), records);
    expect(created.outcome).toBe('created');
    expect(operations(first)).toContain('DynamoDB.CreateTable');
    // Not one failing call on the way (a browser prints every 4xx answer as a console error).
    expect(first.calls.filter((call) => call.error)).toEqual([]);
    expect(created.made.summary).toBe('ccbda-lambda-first: ACTIVE, partition key thingID (S), on-demand');
    expect(created.findings.every((finding) => finding.ok)).toBe(true);

    const { Table } = await sandbox.client(DynamoDBClient).send(new DescribeTableCommand({ TableName: 'ccbda-lambda-first' }));
    expect(Table?.KeySchema).toEqual([{ AttributeName: 'thingID', KeyType: 'HASH' }]);
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');

    const second = stepContext(sandbox);
    const again = await runStep(tableStep, second, inputsFor('ccbda-lambda-first'), records);
    expect(again.outcome).toBe('adopted');
    expect(operations(second)).not.toContain('DynamoDB.CreateTable');
    expect(records.get(second.targetKey, 'task-8-1/table:ccbda-lambda-first')).toMatchObject({ origin: 'created', state: 'ready', name: 'ccbda-lambda-first' });
  });

  test('keeps what it made per target: another account or target sees nothing', async () => {
    const records = madeRecords(memoryStorage());
    const ctx = stepContext(sandbox, { targetKey: 'sandbox:111111111111' });
    await runStep(tableStep, ctx, inputsFor('per-target'), records);
    expect(Object.keys(records.all('sandbox:111111111111'))).toEqual(['task-8-1/table:per-target']);
    expect(records.all('aws:111111111111:us-east-1')).toEqual({});
  });

  test('adopts a table made outside labbook, and its check names a wrong key', async () => {
    await sandbox.client(DynamoDBClient).send(onDemandTable('made-by-hand', 'id', 'N'));
    const records = madeRecords(memoryStorage());
    const ctx = stepContext(sandbox);
    const result = await runStep(tableStep, ctx, inputsFor('made-by-hand'), records);
    expect(result.outcome).toBe('adopted');
    expect(records.get(ctx.targetKey, 'task-8-1/table:made-by-hand')?.origin).toBe('adopted');
    expect(result.findings.find((finding) => !finding.ok)).toEqual({
      label: 'Partition key thingID of type S (string)',
      ok: false,
      detail: 'The partition key is id of type N.',
    });
  });

  test('check says plainly when the table does not exist', async () => {
    const findings = await tableStep.check(stepContext(sandbox), inputsFor('never-made'));
    expect(findings).toEqual([{ label: 'Table never-made exists', ok: false, detail: 'There is no table named never-made in us-east-1.' }]);
  });

  test('remove deletes the table and forgets it; removing again finds nothing to do', async () => {
    const records = madeRecords(memoryStorage());
    const ctx = stepContext(sandbox);
    await runStep(tableStep, ctx, inputsFor('to-remove'), records);
    expect(await removeStep(tableStep, ctx, inputsFor('to-remove'), records)).toBe(true);
    await expect(sandbox.client(DynamoDBClient).send(new DescribeTableCommand({ TableName: 'to-remove' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    expect(records.all(ctx.targetKey)).toEqual({});
    expect(await removeStep(tableStep, ctx, inputsFor('to-remove'), records)).toBe(false);
  });

  test('records each call as request and response JSON, with no credential in it', async () => {
    const ctx = stepContext(sandbox);
    await runStep(tableStep, ctx, inputsFor('recorded'), madeRecords(memoryStorage()));
    const create = ctx.calls.find((call) => call.operation === 'CreateTable')!;
    expect(create.service).toBe('DynamoDB');
    expect(create.request).toEqual({
      TableName: 'recorded',
      AttributeDefinitions: [{ AttributeName: 'thingID', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'thingID', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      Tags: [{ Key: 'labbook:step', Value: 'task-8-1/table' }],
    });
    expect(create.response).toMatchObject({ TableDescription: { TableName: 'recorded' } });
    const everything = JSON.stringify(ctx.calls);
    for (const secret of [sandbox.credentials.accessKeyId, sandbox.credentials.secretAccessKey, sandbox.credentials.sessionToken]) {
      expect(everything).not.toContain(secret);
    }
  });

  test('expired credentials fail with AWS’s code and message and say what to do', async () => {
    const expired = await sandbox.issueCredentials({ durationSeconds: 0 });
    const ctx = stepContext(sandbox, { credentials: expired });
    const failure = await runStep(tableStep, ctx, inputsFor('never-made'), madeRecords(memoryStorage())).then(
      () => undefined,
      (error: unknown) => explainFailure(error),
    );
    expect(failure).toEqual({
      code: 'ExpiredTokenException',
      message: 'The security token included in the request is expired',
      hint: expect.stringContaining('Paste new ones'),
      credentials: true,
    });
    expect(ctx.calls.at(-1)?.error).toEqual({ code: 'ExpiredTokenException', message: 'The security token included in the request is expired', status: 400 });
  });
});

describe('the table step’s CLI equivalent', () => {
  const inputs = inputsFor('ccbda-lambda-first');

  test('on the sandbox, names the student’s region and the sandbox endpoint', () => {
    expect(bash(tableStep.cli(inputs, { targetKey: 'sandbox:1', account: '1', region: 'us-east-1', endpointUrl: 'http://127.0.0.1:4510' }))).toBe(
      [
        'aws dynamodb create-table \\',
        '  --table-name ccbda-lambda-first \\',
        '  --attribute-definitions AttributeName=thingID,AttributeType=S \\',
        '  --key-schema AttributeName=thingID,KeyType=HASH \\',
        '  --billing-mode PAY_PER_REQUEST \\',
        '  --region us-east-1 \\',
        '  --endpoint-url http://127.0.0.1:4510',
        'aws dynamodb wait table-exists \\',
        '  --table-name ccbda-lambda-first \\',
        '  --region us-east-1 \\',
        '  --endpoint-url http://127.0.0.1:4510',
      ].join('\n'),
    );
  });

  test('on AWS, has no endpoint URL', () => {
    const text = bash(tableStep.cli(inputs, { targetKey: 'aws:1:us-west-2', account: '1', region: 'us-west-2' }));
    expect(text).toContain('--region us-west-2');
    expect(text).not.toContain('--endpoint-url');
  });
});

describe('a table step that declares a sort key', () => {
  // A chapter's own table keyed by page and day, as an instructor declares one.
  const visits = dynamoTableStep('visits/table', 'Create the visits table', {
    tableName: 'visits',
    partitionKey: 'page',
    keyType: 'S',
    sortKey: 'day',
    sortKeyType: 'S',
  });
  const place = { targetKey: 'sandbox:1', account: '1', region: 'us-east-1', endpointUrl: 'http://127.0.0.1:4510' };
  const visitsInputs = visits.defaults(place);

  test('creates the table with both keys, checks both, and its CLI names both', async () => {
    const ctx = stepContext(sandbox);
    const created = await runStep(visits, ctx, visitsInputs, madeRecords(memoryStorage()));
    expect(created.made.summary).toBe('visits: ACTIVE, partition key page (S), sort key day (S), on-demand');
    expect(created.findings.filter((finding) => !finding.ok)).toEqual([]);
    expect(created.findings.map((finding) => finding.label)).toContain('Sort key day of type S (string)');
    const { Table } = await sandbox.client(DynamoDBClient).send(new DescribeTableCommand({ TableName: 'visits' }));
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'page', KeyType: 'HASH' },
      { AttributeName: 'day', KeyType: 'RANGE' },
    ]);
    const text = bash(visits.cli(visitsInputs, place));
    expect(text).toContain(`--attribute-definitions '[{"AttributeName":"page","AttributeType":"S"},{"AttributeName":"day","AttributeType":"S"}]'`);
    expect(text).toContain(`--key-schema '[{"AttributeName":"page","KeyType":"HASH"},{"AttributeName":"day","KeyType":"RANGE"}]'`);
  });

  test('its check names a missing sort key, and the lab’s own step still asks for none', async () => {
    await sandbox.client(DynamoDBClient).send(onDemandTable('visits-without-day', 'page'));
    const findings = await visits.check(stepContext(sandbox), { ...visitsInputs, tableName: 'visits-without-day' });
    expect(findings.find((finding) => !finding.ok)).toEqual({ label: 'Sort key day of type S (string)', ok: false, detail: 'It has no sort key.' });
    expect(visits.fields.map((field) => field.name)).toEqual(['tableName', 'partitionKey', 'keyType', 'sortKey', 'sortKeyType']);
    expect(tableStep.fields.map((field) => field.name)).toEqual(['tableName', 'partitionKey', 'keyType']);
  });
});

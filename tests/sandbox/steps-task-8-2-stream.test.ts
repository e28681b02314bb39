// Task 8.2's Kinesis stream and event source mapping steps against the sandbox: created
// and waited for, adopted on a second run, checked, a wrong state reported, removed and
// waited for until gone, and their CLI text run with the AWS CLI v2.
import { CreateStreamCommand, DescribeStreamSummaryCommand, KinesisClient } from '@aws-sdk/client-kinesis';
import { PutRecordCommand } from '@aws-sdk/client-kinesis';
import { CreateEventSourceMappingCommand, LambdaClient, ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import { describe, expect, test } from 'vitest';
import { explainFailure } from '../../src/steps/errors.ts';
import type { MappingInputs } from '../../src/steps/resources/event-source-mapping.ts';
import type { StreamInputs } from '../../src/steps/resources/kinesis-stream.ts';
import { madeRecords, removeStep, runStep } from '../../src/steps/runner.ts';
import { memoryStorage } from '../../src/steps/target-records.ts';
import { flightFanoutStep } from '../../src/steps/task-8-2/functions.ts';
import { fanoutMappingStep, flightsStreamStep } from '../../src/steps/task-8-2/stream.ts';
import { connectionsTableStep } from '../../src/steps/task-8-2/table.ts';
import { AWS_TIMINGS_FAST, useSandbox } from './harness.ts';
import { runCliText } from './step-cli.ts';
import { holdClockPast, holdClockUntil, operations, stepContext } from './step-helpers.ts';
import { renderScript, type Script } from '../../src/steps/shells.ts';

const bash = (script: Script) => renderScript(script, 'bash');

const sandbox = useSandbox();
const place = () => ({ targetKey: `sandbox:${sandbox.accountId}`, account: sandbox.accountId, region: 'us-east-1', endpointUrl: sandbox.url });
const streamInputs = (streamName: string, change: Partial<StreamInputs> = {}): StreamInputs => ({
  ...flightsStreamStep.defaults(place()),
  streamName,
  ...change,
});
/** The mapping step names its function by its role in Task 8.2, fanoutFunction. */
const mappingInputs = (fanoutFunction: string, streamName: string, change: Partial<MappingInputs> = {}) => ({
  ...fanoutMappingStep.defaults(place()),
  fanoutFunction,
  streamName,
  ...change,
});
const streamArn = (name: string) => `arn:aws:kinesis:us-east-1:${sandbox.accountId}:stream/${name}`;
const mappingsOf = async (functionName: string) =>
  (await sandbox.client(LambdaClient).send(new ListEventSourceMappingsCommand({ FunctionName: functionName }))).EventSourceMappings ?? [];

/** A function for a mapping to call: FlightFanout's step, under another name. */
async function deployConsumer(functionName: string) {
  const inputs = { ...flightFanoutStep.defaults(place()), fanoutFunction: functionName };
  await runStep(flightFanoutStep, stepContext(sandbox), inputs, madeRecords(memoryStorage()));
}

describe('the stream step', () => {
  test('creates one provisioned shard, waits CREATING → ACTIVE, and a second run adopts it', async () => {
    const records = madeRecords(memoryStorage());
    const first = stepContext(sandbox);
    holdClockUntil(first, { state: 'CREATING' });
    const created = await runStep(flightsStreamStep, first, streamInputs('t82-flights'), records);
    expect(created.outcome).toBe('created');
    // Not one failing call on the way (a browser prints every 4xx answer as a console error).
    expect(first.calls.filter((call) => call.error)).toEqual([]);
    expect(operations(first)).toEqual(expect.arrayContaining(['Kinesis.ListStreams', 'Kinesis.CreateStream', 'Kinesis.DescribeStreamSummary']));
    expect(first.updates).toContainEqual({ text: 'Stream t82-flights is CREATING', state: 'CREATING', waitingFor: 'CREATING → ACTIVE' });
    expect(created.made).toEqual({
      name: 't82-flights',
      arn: streamArn('t82-flights'),
      summary: 't82-flights: ACTIVE, provisioned, 1 shard, records kept 24 h',
    });
    expect(created.findings).toEqual([
      { label: 'Stream t82-flights is ACTIVE', ok: true, detail: 'Its status is ACTIVE.' },
      { label: 'Provisioned with 1 shard', ok: true, detail: 'It is provisioned with 1 shard open.' },
    ]);

    const second = stepContext(sandbox);
    expect((await runStep(flightsStreamStep, second, streamInputs('t82-flights'), records)).outcome).toBe('adopted');
    expect(operations(second)).not.toContain('Kinesis.CreateStream');
    expect(records.get(second.targetKey, 'task-8-2/stream:t82-flights')).toMatchObject({ origin: 'created', state: 'ready' });
  });

  test('its check names a stream with other capacity, and one that does not exist', async () => {
    await sandbox.client(KinesisClient).send(new CreateStreamCommand({ StreamName: 't82-wide', ShardCount: 3 }));
    const ctx = stepContext(sandbox);
    await runStep(flightsStreamStep, ctx, streamInputs('t82-wide'), madeRecords(memoryStorage()));
    expect((await flightsStreamStep.check(ctx, streamInputs('t82-wide'))).find((f) => !f.ok)).toEqual({
      label: 'Provisioned with 1 shard',
      ok: false,
      detail: 'It is provisioned with 3 shards open.',
    });
    expect(await flightsStreamStep.check(ctx, streamInputs('t82-never'))).toEqual([
      { label: 'Stream t82-never exists', ok: false, detail: 'There is no Kinesis stream named t82-never in us-east-1.' },
    ]);
  });

  test('remove waits while the stream is still CREATING, then DELETING → gone; removing again finds nothing', async () => {
    const records = madeRecords(memoryStorage());
    const ctx = stepContext(sandbox);
    holdClockUntil(ctx, { refusedWith: 'ResourceInUseException' });
    await sandbox.client(KinesisClient).send(new CreateStreamCommand({ StreamName: 't82-short-lived', ShardCount: 1 }));
    // Straight after CreateStream: DeleteStream answers ResourceInUseException until it is ACTIVE.
    expect(await removeStep(flightsStreamStep, ctx, streamInputs('t82-short-lived'), records)).toBe(true);
    expect(ctx.calls.filter((call) => call.operation === 'DeleteStream').map((call) => call.error?.code ?? 'ok')).toContain('ResourceInUseException');
    await expect(sandbox.client(KinesisClient).send(new DescribeStreamSummaryCommand({ StreamName: 't82-short-lived' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    expect(await removeStep(flightsStreamStep, stepContext(sandbox), streamInputs('t82-short-lived'), records)).toBe(false);
  });

  test('a bad name fails with Kinesis’s own error, explained', async () => {
    const failure = await runStep(flightsStreamStep, stepContext(sandbox), streamInputs('no spaces allowed'), madeRecords(memoryStorage())).catch((e) => e);
    expect(explainFailure(failure)).toMatchObject({ code: 'ValidationException', hint: 'AWS rejected one of the inputs: correct it and try again.' });
  });

  test('its CLI text creates the stream and waits until it is ACTIVE', async () => {
    const text = bash(flightsStreamStep.cli(streamInputs('t82-cli-stream'), place()));
    expect(text).toBe(
      [
        'aws kinesis create-stream \\',
        '  --stream-name t82-cli-stream \\',
        '  --shard-count 1 \\',
        '  --region us-east-1 \\',
        `  --endpoint-url ${sandbox.url}`,
        'aws kinesis wait stream-exists \\',
        '  --stream-name t82-cli-stream \\',
        '  --region us-east-1 \\',
        `  --endpoint-url ${sandbox.url}`,
      ].join('\n'),
    );
    await runCliText(sandbox, text);
    const { StreamDescriptionSummary } = await sandbox.client(KinesisClient).send(new DescribeStreamSummaryCommand({ StreamName: 't82-cli-stream' }));
    expect(StreamDescriptionSummary).toMatchObject({ StreamStatus: 'ACTIVE', OpenShardCount: 1 });
  });
});

describe('the event source mapping step', () => {
  test('connects the stream to the function, waits Creating → Enabled, and a second run adopts it', async () => {
    await deployConsumer('t82-Fanout');
    await runStep(flightsStreamStep, stepContext(sandbox), streamInputs('t82-mapped'), madeRecords(memoryStorage()));
    const records = madeRecords(memoryStorage());
    const first = stepContext(sandbox);
    holdClockUntil(first, { state: 'Creating' });
    const created = await runStep(fanoutMappingStep, first, mappingInputs('t82-Fanout', 't82-mapped'), records);
    expect(created.outcome).toBe('created');
    expect(first.calls.filter((call) => call.error)).toEqual([]);
    expect(first.updates).toContainEqual({ text: 'Mapping t82-Fanout ← t82-mapped is Creating', state: 'Creating', waitingFor: 'Creating → Enabled' });
    expect(created.made.summary).toBe('t82-Fanout ← t82-mapped: Enabled, batches of up to 100, from LATEST; last result: No records processed');
    expect(created.findings.map((f) => [f.label, f.ok])).toEqual([
      ['Mapping t82-Fanout ← t82-mapped is Enabled', true],
      ['Batch size 100', true],
      ['Starting position LATEST', true],
    ]);
    const [mapping, ...others] = await mappingsOf('t82-Fanout');
    expect(others).toEqual([]);
    expect(mapping).toMatchObject({ EventSourceArn: streamArn('t82-mapped'), BatchSize: 100, StartingPosition: 'LATEST', State: 'Enabled' });
    expect(created.made.arn).toBe(mapping.EventSourceMappingArn);

    const second = stepContext(sandbox);
    expect((await runStep(fanoutMappingStep, second, mappingInputs('t82-Fanout', 't82-mapped'), records)).outcome).toBe('adopted');
    expect(operations(second).filter((op) => /Create|Update|Delete/.test(op))).toEqual([]);
    expect(records.get(second.targetKey, 'task-8-2/fanout-mapping:t82-Fanout ← t82-mapped')).toMatchObject({ origin: 'created', state: 'ready' });
  });

  test('a disabled mapping with another batch size is enabled and set to 100 on a re-run', async () => {
    await deployConsumer('t82-Disabled');
    await runStep(flightsStreamStep, stepContext(sandbox), streamInputs('t82-disabled'), madeRecords(memoryStorage()));
    const lambda = sandbox.client(LambdaClient);
    const { UUID } = await lambda.send(
      new CreateEventSourceMappingCommand({
        FunctionName: 't82-Disabled',
        EventSourceArn: streamArn('t82-disabled'),
        BatchSize: 10,
        StartingPosition: 'LATEST',
        Enabled: false,
      }),
    );
    const ctx = stepContext(sandbox);
    await expect
      .poll(async () => (await fanoutMappingStep.check(ctx, mappingInputs('t82-Disabled', 't82-disabled')))[0])
      .toEqual({
        label: 'Mapping t82-Disabled ← t82-disabled is Enabled',
        ok: false,
        detail: 'Its state is Disabled.',
      });
    expect((await fanoutMappingStep.check(ctx, mappingInputs('t82-Disabled', 't82-disabled')))[1]).toEqual({
      label: 'Batch size 100',
      ok: false,
      detail: 'The batch size is 10.',
    });

    holdClockUntil(ctx, { state: 'Enabling' });
    const result = await runStep(fanoutMappingStep, ctx, mappingInputs('t82-Disabled', 't82-disabled'), madeRecords(memoryStorage()));
    expect(result.outcome).toBe('updated');
    expect(ctx.updates).toContainEqual({ text: 'Mapping t82-Disabled ← t82-disabled is Enabling', state: 'Enabling', waitingFor: 'Enabling → Enabled' });
    expect(result.findings.every((f) => f.ok)).toBe(true);
    expect((await mappingsOf('t82-Disabled')).map((m) => [m.UUID, m.State, m.BatchSize])).toEqual([[UUID, 'Enabled', 100]]);
  });

  test('its check says when a mapping starts elsewhere, and when there is none', async () => {
    await deployConsumer('t82-Horizon');
    await runStep(flightsStreamStep, stepContext(sandbox), streamInputs('t82-horizon'), madeRecords(memoryStorage()));
    const ctx = stepContext(sandbox);
    expect(await fanoutMappingStep.check(ctx, mappingInputs('t82-Horizon', 't82-horizon'))).toEqual([
      {
        label: 'An event source mapping t82-Horizon ← t82-horizon',
        ok: false,
        detail: 'Function t82-Horizon has no event source mapping from the stream t82-horizon in us-east-1.',
      },
    ]);
    await runStep(fanoutMappingStep, ctx, mappingInputs('t82-Horizon', 't82-horizon', { startingPosition: 'TRIM_HORIZON' }), madeRecords(memoryStorage()));
    expect((await fanoutMappingStep.check(ctx, mappingInputs('t82-Horizon', 't82-horizon'))).find((f) => !f.ok)).toEqual({
      label: 'Starting position LATEST',
      ok: false,
      detail: 'It started reading at TRIM_HORIZON, which cannot be changed: remove the mapping and create it again.',
    });
  });

  test('a missing function fails with Lambda’s own error and a hint to create it first', async () => {
    await runStep(flightsStreamStep, stepContext(sandbox), streamInputs('t82-orphan'), madeRecords(memoryStorage()));
    const failure = await runStep(
      fanoutMappingStep,
      stepContext(sandbox),
      mappingInputs('t82-NoSuchFunction', 't82-orphan'),
      madeRecords(memoryStorage()),
    ).catch((e) => e);
    expect(explainFailure(failure)).toMatchObject({
      code: 'ResourceNotFoundException',
      hint: 'It does not exist (yet) in this account and region. Run the step that creates it first, and check the name.',
    });
  });

  test('remove waits while the mapping is still Creating, then until it is gone; removing again finds nothing', async () => {
    await deployConsumer('t82-Removed');
    await runStep(flightsStreamStep, stepContext(sandbox), streamInputs('t82-removed'), madeRecords(memoryStorage()));
    const records = madeRecords(memoryStorage());
    const ctx = stepContext(sandbox);
    // Creating and Deleting last half a second each: the held clock moves past Creating at its
    // refusal, and Deleting cannot end before the step has seen it.
    holdClockPast(ctx, { refusedWith: 'ResourceInUseException', ms: 500, untilState: 'Deleting' });
    await sandbox
      .client(LambdaClient)
      .send(new CreateEventSourceMappingCommand({ FunctionName: 't82-Removed', EventSourceArn: streamArn('t82-removed'), StartingPosition: 'LATEST' }));
    expect(await removeStep(fanoutMappingStep, ctx, mappingInputs('t82-Removed', 't82-removed'), records)).toBe(true);
    expect(ctx.calls.filter((call) => call.operation === 'DeleteEventSourceMapping').map((call) => call.error?.code ?? 'ok')).toEqual(
      expect.arrayContaining(['ResourceInUseException', 'ok']),
    );
    expect(ctx.updates).toContainEqual({ text: 'Deleting mapping t82-Removed ← t82-removed', state: 'Deleting', waitingFor: 'Deleting → gone' });
    expect(await mappingsOf('t82-Removed')).toEqual([]);
    expect(await removeStep(fanoutMappingStep, stepContext(sandbox), mappingInputs('t82-Removed', 't82-removed'), records)).toBe(false);
  });

  test('its CLI text creates the mapping with the stream’s ARN, and asks for its State until Enabled', async () => {
    await deployConsumer('t82-CliFanout');
    await runStep(flightsStreamStep, stepContext(sandbox), streamInputs('t82-cli-mapped'), madeRecords(memoryStorage()));
    const text = bash(fanoutMappingStep.cli(mappingInputs('t82-CliFanout', 't82-cli-mapped'), place()));
    expect(text).toBe(
      [
        'MAPPING_UUID=$(aws lambda create-event-source-mapping \\',
        '  --function-name t82-CliFanout \\',
        `  --event-source-arn ${streamArn('t82-cli-mapped')} \\`,
        '  --batch-size 100 \\',
        '  --starting-position LATEST \\',
        '  --query UUID \\',
        '  --output text \\',
        '  --region us-east-1 \\',
        `  --endpoint-url ${sandbox.url})`,
        '# Wait until its State is Enabled (it starts as Creating, for up to a few minutes):',
        '# with LATEST, records written to the stream before then are never delivered.',
        'until [ "$(aws lambda get-event-source-mapping \\',
        '  --uuid "$MAPPING_UUID" \\',
        '  --query State \\',
        '  --output text \\',
        '  --region us-east-1 \\',
        `  --endpoint-url ${sandbox.url})" = Enabled ]; do`,
        '  sleep 2',
        'done',
      ].join('\n'),
    );
    await runCliText(sandbox, text);
    expect((await mappingsOf('t82-CliFanout')).map((m) => [m.State, m.BatchSize, m.StartingPosition])).toEqual([['Enabled', 100, 'LATEST']]);
  });
});

describe('the mapping step’s CLI text under AWS’s timings', () => {
  const slow = useSandbox({ timings: AWS_TIMINGS_FAST });
  const slowPlace = () => ({ targetKey: `sandbox:${slow.accountId}`, account: slow.accountId, region: 'us-east-1', endpointUrl: slow.url });

  test('ends once the mapping is Enabled, so the producer a student starts next loses no records (LATEST)', async () => {
    // The connections table FlightFanout reads, FlightFanout and the stream, made as the steps before it make them.
    for (const step of [connectionsTableStep, flightFanoutStep, flightsStreamStep]) {
      await runStep(step, stepContext(slow), step.defaults(slowPlace()), madeRecords(memoryStorage()));
    }
    await runCliText(slow, bash(fanoutMappingStep.cli(fanoutMappingStep.defaults(slowPlace()), slowPlace())));

    await slow
      .client(KinesisClient)
      .send(new PutRecordCommand({ StreamName: 'ccbda-flights', PartitionKey: 'EC-ABC', Data: Buffer.from('{"registration":"EC-ABC"}') }));
    const lambda = slow.client(LambdaClient);
    await expect
      .poll(
        async () => (await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: 'FlightFanout' }))).EventSourceMappings?.[0]?.LastProcessingResult,
        {
          timeout: 20_000,
        },
      )
      .toBe('OK');
  }, 120_000);
});

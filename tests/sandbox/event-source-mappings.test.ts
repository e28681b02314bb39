// Lambda event source mappings for Kinesis in the sandbox, through the SDK v3:
// the API's answers and states, the Kinesis event a function receives, batch
// sizes and order per shard, starting positions, AWS's default retry (the
// same batch again, blocking the shard), the retry limits and bisection when
// asked for, updates, deletion, every error, and persistence across restarts.
import { CreateStreamCommand, DescribeStreamCommand, KinesisClient, PutRecordsCommand, waitUntilStreamExists } from '@aws-sdk/client-kinesis';
import {
  CreateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  GetEventSourceMappingCommand,
  LambdaClient,
  ListEventSourceMappingsCommand,
  UpdateEventSourceMappingCommand,
  type CreateEventSourceMappingCommandInput,
} from '@aws-sdk/client-lambda';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testSandbox, useSandbox, type TestSandbox } from './harness.ts';
import { holdClock } from './held-clock.ts';
import { deploy, labRole, uniqueName } from './lambda-helpers.ts';
import { failure, withDataDir } from './service-helpers.ts';

/**
 * Appends each event to RECORD_FILE. Fails the first FAIL_TIMES calls, and
 * every call whose batch holds a record whose data is "poison".
 */
const CONSUMER_PY = `
import base64, json, os

def handler(event, context):
    with open(os.environ['RECORD_FILE'], 'a') as f:
        f.write(json.dumps(event) + '\\n')
    failures = os.environ['RECORD_FILE'] + '.failures'
    failed = int(open(failures).read()) if os.path.exists(failures) else 0
    if failed < int(os.environ.get('FAIL_TIMES', '0')):
        open(failures, 'w').write(str(failed + 1))
        raise RuntimeError('failing on purpose, call %d' % (failed + 1))
    if any(base64.b64decode(r['kinesis']['data']) == b'poison' for r in event['Records']):
        raise RuntimeError('poison record')
    return {'handled': len(event['Records'])}
`;

const sandbox = useSandbox();
let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'labbook-esm-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Consumer {
  functionName: string;
  streamName: string;
  streamArn: string;
  recordFile: string;
}

/** A stream and a consumer function recording what it receives. */
async function consumer(target: TestSandbox, { shards = 1, failTimes = 0, dir = folder } = {}): Promise<Consumer> {
  const streamName = uniqueName('stream');
  const recordFile = join(dir, `${streamName}.jsonl`);
  const kinesis = target.client(KinesisClient);
  await kinesis.send(new CreateStreamCommand({ StreamName: streamName, ShardCount: shards }));
  await waitUntilStreamExists({ client: kinesis, maxWaitTime: 10, minDelay: 1 }, { StreamName: streamName });
  const functionName = await deploy(target.client(LambdaClient), target.accountId, {
    FunctionName: uniqueName('consumer'),
    files: { 'app.py': CONSUMER_PY },
    Environment: { Variables: { RECORD_FILE: recordFile, FAIL_TIMES: String(failTimes) } },
  });
  return { functionName, streamName, streamArn: `arn:aws:kinesis:us-east-1:${target.accountId}:stream/${streamName}`, recordFile };
}

async function createMapping(target: TestSandbox, c: Consumer, input: Partial<CreateEventSourceMappingCommandInput> = {}) {
  return target
    .client(LambdaClient)
    .send(new CreateEventSourceMappingCommand({ FunctionName: c.functionName, EventSourceArn: c.streamArn, StartingPosition: 'LATEST', ...input }));
}

async function waitForState(target: TestSandbox, uuid: string, state: string) {
  for (let i = 0; i < 300; i++) {
    const mapping = await target.client(LambdaClient).send(new GetEventSourceMappingCommand({ UUID: uuid }));
    if (mapping.State === state) return mapping;
    await sleep(100);
  }
  throw new Error(`mapping ${uuid} never reached ${state}`);
}

async function lastProcessingResult(target: TestSandbox, uuid: string) {
  return (await target.client(LambdaClient).send(new GetEventSourceMappingCommand({ UUID: uuid }))).LastProcessingResult;
}

async function put(target: TestSandbox, c: Consumer, texts: string[], partitionKey = (i: number) => `key-${i}`) {
  const { Records } = await target
    .client(KinesisClient)
    .send(new PutRecordsCommand({ StreamName: c.streamName, Records: texts.map((text, i) => ({ Data: Buffer.from(text), PartitionKey: partitionKey(i) })) }));
  return Records!;
}

interface KinesisEventRecord {
  kinesis: { kinesisSchemaVersion: string; partitionKey: string; sequenceNumber: string; data: string; approximateArrivalTimestamp: number };
  eventID: string;
  [member: string]: unknown;
}

async function invocations(c: Consumer): Promise<KinesisEventRecord[][]> {
  const text = await readFile(c.recordFile, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line).Records);
}

const dataOf = (records: KinesisEventRecord[]) => records.map((r) => Buffer.from(r.kinesis.data, 'base64').toString('utf8'));

/** Waits until the function has been called `count` times (or more). */
async function calls(c: Consumer, count: number, timeoutMs = 60_000): Promise<KinesisEventRecord[][]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = await invocations(c);
    if (seen.length >= count) return seen;
    if (Date.now() > deadline) throw new Error(`${seen.length} of ${count} invocations in ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** Waits until every one of `texts` has reached the function; returns the calls so far. */
async function delivered(c: Consumer, texts: string[], timeoutMs = 60_000): Promise<KinesisEventRecord[][]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = await invocations(c);
    const got = new Set(seen.flatMap(dataOf));
    if (texts.every((text) => got.has(text))) return seen;
    if (Date.now() > deadline) throw new Error(`not delivered in ${timeoutMs} ms: ${texts.filter((t) => !got.has(t)).join(', ')}`);
    await sleep(50);
  }
}

describe('the API', () => {
  test('CreateEventSourceMapping answers as AWS does: Creating, then Enabled; Get and List agree', async () => {
    const c = await consumer(sandbox);
    const created = await createMapping(sandbox, c, { BatchSize: 100 });
    const { $metadata, ...mapping } = created;
    expect($metadata.httpStatusCode).toBe(202);
    expect(mapping).toEqual({
      UUID: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      StartingPosition: 'LATEST',
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 0,
      ParallelizationFactor: 1,
      EventSourceArn: c.streamArn,
      FunctionArn: `arn:aws:lambda:us-east-1:${sandbox.accountId}:function:${c.functionName}`,
      LastModified: expect.any(Date),
      LastProcessingResult: 'No records processed',
      State: 'Creating',
      StateTransitionReason: 'USER_INITIATED',
      DestinationConfig: { OnFailure: {} },
      MaximumRecordAgeInSeconds: -1,
      BisectBatchOnFunctionError: false,
      MaximumRetryAttempts: -1,
      TumblingWindowInSeconds: 0,
      FunctionResponseTypes: [],
      EventSourceMappingArn: `arn:aws:lambda:us-east-1:${sandbox.accountId}:event-source-mapping:${created.UUID}`,
    });
    expect(Math.abs(created.LastModified!.getTime() - Date.now())).toBeLessThan(60_000);
    const enabled = await waitForState(sandbox, created.UUID!, 'Enabled');
    expect({ ...enabled, $metadata: undefined, State: 'Creating' }).toEqual({ ...mapping, $metadata: undefined });

    const lambda = sandbox.client(LambdaClient);
    const byName = await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: c.functionName }));
    expect(byName.EventSourceMappings!.map((m) => m.UUID)).toEqual([created.UUID]);
    const byArn = await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: created.FunctionArn, EventSourceArn: c.streamArn }));
    expect(byArn.EventSourceMappings!.map((m) => m.UUID)).toEqual([created.UUID]);
    const elsewhere = await lambda.send(new ListEventSourceMappingsCommand({ EventSourceArn: `${c.streamArn}-other` }));
    expect(elsewhere.EventSourceMappings).toEqual([]);
  });

  test('List pages with MaxItems and Marker', async () => {
    const lambda = sandbox.client(LambdaClient);
    const first = await consumer(sandbox);
    const second = await consumer(sandbox);
    await createMapping(sandbox, first);
    await createMapping(sandbox, second);
    const all = (await lambda.send(new ListEventSourceMappingsCommand({}))).EventSourceMappings!;
    const page = await lambda.send(new ListEventSourceMappingsCommand({ MaxItems: 1 }));
    expect(page.EventSourceMappings!.map((m) => m.UUID)).toEqual([all[0].UUID]);
    const rest = await lambda.send(new ListEventSourceMappingsCommand({ Marker: page.NextMarker }));
    expect(rest.EventSourceMappings!.map((m) => m.UUID)).toEqual(all.slice(1).map((m) => m.UUID));
    expect(rest.NextMarker).toBeUndefined();
  });

  test('bad input gets AWS’s error codes', async () => {
    const lambda = sandbox.client(LambdaClient);
    const c = await consumer(sandbox);
    const create = (input: Partial<CreateEventSourceMappingCommandInput>) =>
      failure(
        lambda.send(
          new CreateEventSourceMappingCommand({
            FunctionName: c.functionName,
            EventSourceArn: c.streamArn,
            StartingPosition: 'LATEST',
            ...input,
          }),
        ),
      );
    expect(await create({ FunctionName: undefined })).toMatchObject({
      name: 'ValidationException',
      message: "1 validation error detected: Value null at 'functionName' failed to satisfy constraint: Member must not be null",
    });
    expect(await create({ BatchSize: 0 })).toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining("at 'batchSize' failed to satisfy constraint: Member must have value greater than or equal to 1"),
    });
    expect(await create({ BatchSize: 10001 })).toMatchObject({ name: 'ValidationException' });
    expect(await create({ StartingPosition: 'SOMEWHERE' as 'LATEST' })).toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('[TRIM_HORIZON, LATEST, AT_TIMESTAMP]'),
    });
    expect(await create({ StartingPosition: undefined })).toMatchObject({ name: 'InvalidParameterValueException', status: 400 });
    expect(await create({ StartingPosition: 'AT_TIMESTAMP' })).toMatchObject({ name: 'InvalidParameterValueException' });
    expect(await create({ MaximumRecordAgeInSeconds: 30 })).toMatchObject({ name: 'InvalidParameterValueException' });
    expect(await create({ FunctionName: 'no-such-function' })).toMatchObject({
      name: 'ResourceNotFoundException',
      status: 404,
      message: `Function not found: arn:aws:lambda:us-east-1:${sandbox.accountId}:function:no-such-function`,
    });
    expect(await create({ EventSourceArn: `${c.streamArn}-missing` })).toMatchObject({
      name: 'InvalidParameterValueException',
      message: expect.stringMatching(/^Cannot access stream arn:aws:kinesis:.*-missing\. Please ensure the role can perform/),
    });
    expect(await create({ EventSourceArn: `arn:aws:sqs:us-east-1:${sandbox.accountId}:queue` })).toMatchObject({ name: 'InvalidParameterValueException' });
    expect(await create({ FilterCriteria: { Filters: [{ Pattern: '{}' }] } })).toMatchObject({
      name: 'InvalidParameterValueException',
      message: expect.stringContaining('FilterCriteria'),
    });

    const release = holdClock();
    const created = await createMapping(sandbox, c);
    expect(await create({})).toMatchObject({ name: 'ResourceConflictException', status: 409, message: expect.stringContaining(created.UUID!) });
    expect(await failure(lambda.send(new UpdateEventSourceMappingCommand({ UUID: created.UUID, BatchSize: 5 })))).toMatchObject({
      name: 'ResourceInUseException',
    });
    release();
    const unknown = '6a8f2e3c-0000-4000-8000-000000000000';
    for (const command of [new GetEventSourceMappingCommand({ UUID: unknown }), new DeleteEventSourceMappingCommand({ UUID: unknown })]) {
      expect(await failure(lambda.send(command))).toMatchObject({
        name: 'ResourceNotFoundException',
        status: 404,
        message: 'The resource you requested does not exist.',
      });
    }
  });
});

describe('delivery', () => {
  test('records arrive in the Kinesis event format, in order, at most BatchSize a call', async () => {
    const c = await consumer(sandbox);
    const { UUID } = await createMapping(sandbox, c, { BatchSize: 10 });
    await waitForState(sandbox, UUID!, 'Enabled');
    const texts = Array.from({ length: 25 }, (_, i) => JSON.stringify({ registration: `EC-${i}`, altitude: i * 100 }));
    const putAt = Date.now();
    const results = await put(sandbox, c, texts);
    const seen = await delivered(c, texts);
    expect(seen.every((batch) => batch.length <= 10)).toBe(true);
    const records = seen.flat();
    expect(dataOf(records)).toEqual(texts);
    expect(records[0]).toEqual({
      kinesis: {
        kinesisSchemaVersion: '1.0',
        partitionKey: 'key-0',
        sequenceNumber: results[0].SequenceNumber,
        data: Buffer.from(texts[0]).toString('base64'),
        approximateArrivalTimestamp: expect.any(Number),
      },
      eventSource: 'aws:kinesis',
      eventVersion: '1.0',
      eventID: `shardId-000000000000:${results[0].SequenceNumber}`,
      eventName: 'aws:kinesis:record',
      invokeIdentityArn: labRole(sandbox.accountId),
      awsRegion: 'us-east-1',
      eventSourceARN: c.streamArn,
    });
    expect(Math.abs(records[0].kinesis.approximateArrivalTimestamp * 1000 - putAt)).toBeLessThan(5000);
    const mapping = await sandbox.client(LambdaClient).send(new GetEventSourceMappingCommand({ UUID }));
    expect(mapping.LastProcessingResult).toBe('OK');
  });

  test('each shard is read in order; records of every shard arrive', async () => {
    const c = await consumer(sandbox, { shards: 3 });
    const { UUID } = await createMapping(sandbox, c, { BatchSize: 4 });
    await waitForState(sandbox, UUID!, 'Enabled');
    const texts = Array.from({ length: 30 }, (_, i) => `record-${String(i).padStart(2, '0')}`);
    await put(sandbox, c, texts, (i) => `aircraft-${i % 6}`);
    const records = (await delivered(c, texts)).flat();
    const shards = (await sandbox.client(KinesisClient).send(new DescribeStreamCommand({ StreamName: c.streamName }))).StreamDescription!.Shards!;
    const used = new Set(records.map((r) => r.eventID.split(':')[0]));
    expect(used.size).toBeGreaterThan(1);
    for (const shard of shards) {
      const ofShard = records.filter((r) => r.eventID.startsWith(`${shard.ShardId}:`)).map((r) => BigInt(r.kinesis.sequenceNumber));
      expect(ofShard).toEqual([...ofShard].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    // Per partition key, the order they were put in.
    for (let key = 0; key < 6; key++) {
      const ofKey = dataOf(records.filter((r) => r.kinesis.partitionKey === `aircraft-${key}`));
      expect(ofKey).toEqual(texts.filter((_, i) => i % 6 === key));
    }
  });

  test('LATEST skips what was put before the mapping was enabled; TRIM_HORIZON starts from the oldest record', async () => {
    const latest = await consumer(sandbox);
    await put(sandbox, latest, ['before']);
    const a = await createMapping(sandbox, latest);
    await waitForState(sandbox, a.UUID!, 'Enabled');
    await put(sandbox, latest, ['after']);
    expect(dataOf((await delivered(latest, ['after'])).flat())).toEqual(['after']);

    const oldest = await consumer(sandbox);
    await put(sandbox, oldest, ['first', 'second']);
    const b = await createMapping(sandbox, oldest, { StartingPosition: 'TRIM_HORIZON' });
    await waitForState(sandbox, b.UUID!, 'Enabled');
    await put(sandbox, oldest, ['third']);
    expect(dataOf((await delivered(oldest, ['first', 'second', 'third'])).flat())).toEqual(['first', 'second', 'third']);
  });

  test('AT_TIMESTAMP starts at the first record that arrived at or after the timestamp', async () => {
    const c = await consumer(sandbox);
    await put(sandbox, c, ['old']);
    await sleep(50);
    const from = new Date();
    await put(sandbox, c, ['new']);
    const { UUID } = await createMapping(sandbox, c, { StartingPosition: 'AT_TIMESTAMP', StartingPositionTimestamp: from });
    expect((await waitForState(sandbox, UUID!, 'Enabled')).StartingPositionTimestamp!.getTime()).toBe(from.getTime());
    expect(dataOf((await delivered(c, ['new'])).flat())).toEqual(['new']);
  });

  test('a failing batch is retried, whole, until it succeeds, and holds back the records behind it', async () => {
    const c = await consumer(sandbox, { failTimes: 2 });
    const { UUID } = await createMapping(sandbox, c, { BatchSize: 2 });
    await waitForState(sandbox, UUID!, 'Enabled');
    await put(sandbox, c, ['a', 'b']);
    await calls(c, 1);
    // The call is recorded before it fails; the mapping notes the failure once the call has returned
    // (the first retry comes a second later and fails too, so the result stands for seconds).
    await expect.poll(() => lastProcessingResult(sandbox, UUID!)).toBe('PROBLEM: Function call failed');
    await put(sandbox, c, ['c']);
    const seen = await delivered(c, ['c']);
    expect(seen.map(dataOf)).toEqual([['a', 'b'], ['a', 'b'], ['a', 'b'], ['c']]);
    expect(await lastProcessingResult(sandbox, UUID!)).toBe('OK');
  });

  test('MaximumRetryAttempts gives up on a batch; BisectBatchOnFunctionError isolates the record that fails', async () => {
    const limited = await consumer(sandbox, { failTimes: 5 });
    const a = await createMapping(sandbox, limited, { BatchSize: 2, MaximumRetryAttempts: 1 });
    await waitForState(sandbox, a.UUID!, 'Enabled');
    await put(sandbox, limited, ['x', 'y']);
    await calls(limited, 2);
    await put(sandbox, limited, ['z']);
    // x,y twice (the call and one retry), then z, which fails too and is tried twice.
    expect((await calls(limited, 4)).map(dataOf)).toEqual([['x', 'y'], ['x', 'y'], ['z'], ['z']]);

    const bisected = await consumer(sandbox);
    const b = await createMapping(sandbox, bisected, { BatchSize: 4, BisectBatchOnFunctionError: true, MaximumRetryAttempts: 0 });
    await waitForState(sandbox, b.UUID!, 'Enabled');
    await put(sandbox, bisected, ['ok-1', 'poison', 'ok-2', 'ok-3']);
    // ok-3 is in the first call, so waiting for it would not wait for the
    // bisection: a record put behind the batch is delivered only after it ends.
    await put(sandbox, bisected, ['next']);
    const seen = await delivered(bisected, ['next']);
    expect(seen.map(dataOf)).toEqual([['ok-1', 'poison', 'ok-2', 'ok-3'], ['ok-1', 'poison'], ['ok-1'], ['poison'], ['ok-2', 'ok-3'], ['next']]);
  });
});

describe('updates and deletion', () => {
  test('disabling stops delivery; enabling again resumes where it stopped; a new batch size applies', async () => {
    const lambda = sandbox.client(LambdaClient);
    const c = await consumer(sandbox);
    const { UUID } = await createMapping(sandbox, c);
    await waitForState(sandbox, UUID!, 'Enabled');
    await put(sandbox, c, ['one']);
    await delivered(c, ['one']);

    const disabling = await lambda.send(new UpdateEventSourceMappingCommand({ UUID, Enabled: false }));
    expect(disabling.State).toBe('Disabling');
    await waitForState(sandbox, UUID!, 'Disabled');
    await put(sandbox, c, ['two', 'three', 'four']);
    await sleep(700);
    expect((await invocations(c)).length).toBe(1);

    const enabling = await lambda.send(new UpdateEventSourceMappingCommand({ UUID, Enabled: true, BatchSize: 1 }));
    expect([enabling.State, enabling.BatchSize]).toEqual(['Enabling', 1]);
    expect((await delivered(c, ['two', 'three', 'four'])).map(dataOf)).toEqual([['one'], ['two'], ['three'], ['four']]);

    const updating = await lambda.send(new UpdateEventSourceMappingCommand({ UUID, BatchSize: 50 }));
    expect(updating.State).toBe('Updating');
    expect((await waitForState(sandbox, UUID!, 'Enabled')).BatchSize).toBe(50);
  });

  test('DeleteEventSourceMapping: Deleting, then gone, and nothing more is delivered', async () => {
    const lambda = sandbox.client(LambdaClient);
    const c = await consumer(sandbox);
    const { UUID } = await createMapping(sandbox, c);
    await waitForState(sandbox, UUID!, 'Enabled');
    const deleting = await lambda.send(new DeleteEventSourceMappingCommand({ UUID }));
    expect([deleting.$metadata.httpStatusCode, deleting.State]).toEqual([202, 'Deleting']);
    await put(sandbox, c, ['unheard']);
    await sleep(800);
    expect(await failure(lambda.send(new GetEventSourceMappingCommand({ UUID })))).toMatchObject({ name: 'ResourceNotFoundException' });
    expect(await invocations(c)).toEqual([]);
    // The stream and function can be mapped again.
    await createMapping(sandbox, c);
  });
});

describe('persistence', () => {
  test('a mapping survives a restart and resumes from its checkpoint: nothing lost, nothing delivered twice', async () => {
    await withDataDir(async (dataDir) => {
      const first = await testSandbox({ dataDir });
      let c: Consumer;
      let uuid: string;
      try {
        c = await consumer(first, { dir: dataDir });
        uuid = (await createMapping(first, c)).UUID!;
        await waitForState(first, uuid, 'Enabled');
        await put(first, c, ['before restart']);
        await delivered(c, ['before restart']);
        // The call is recorded before it returns; its checkpoint follows its result, so wait for that
        // before the restart, or the sandbox may rightly deliver the record again.
        await expect.poll(() => lastProcessingResult(first, uuid)).toBe('OK');
        await first.client(LambdaClient).send(new UpdateEventSourceMappingCommand({ UUID: uuid, Enabled: false }));
        await waitForState(first, uuid, 'Disabled');
        await put(first, c, ['while disabled']);
      } finally {
        await first.close();
      }
      const second = await testSandbox({ dataDir });
      try {
        const mapping = await second.client(LambdaClient).send(new GetEventSourceMappingCommand({ UUID: uuid }));
        expect(mapping).toMatchObject({ State: 'Disabled', FunctionArn: expect.stringContaining(c.functionName), LastProcessingResult: 'OK' });
        await second.client(LambdaClient).send(new UpdateEventSourceMappingCommand({ UUID: uuid, Enabled: true }));
        await put(second, c, ['after restart']);
        const seen = await delivered(c, ['while disabled', 'after restart']);
        expect(seen.flatMap(dataOf)).toEqual(['before restart', 'while disabled', 'after restart']);
      } finally {
        await second.close();
      }
    });
  });

  test('a LATEST mapping restarted before its first batch still delivers what is put after it was enabled', async () => {
    await withDataDir(async (dataDir) => {
      const first = await testSandbox({ dataDir });
      let c: Consumer;
      try {
        c = await consumer(first, { dir: dataDir });
        await waitForState(first, (await createMapping(first, c)).UUID!, 'Enabled');
      } finally {
        await first.close();
      }
      const second = await testSandbox({ dataDir });
      try {
        await put(second, c, ['first after restart']);
        expect((await delivered(c, ['first after restart'])).flatMap(dataOf)).toEqual(['first after restart']);
      } finally {
        await second.close();
      }
    });
  });
});

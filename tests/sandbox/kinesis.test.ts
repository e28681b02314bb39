// Kinesis Data Streams in the sandbox, driven by the SDK v3 client as it ships
// (HTTP/2 in Node.js), by the same client over HTTP/1.1 (as browsers talk),
// by the AWS CLI v2 and by Debian's boto3.
import {
  CreateStreamCommand,
  DeleteStreamCommand,
  DescribeStreamCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  type GetShardIteratorCommandInput,
  ListStreamsCommand,
  PutRecordCommand,
  PutRecordsCommand,
  waitUntilStreamExists,
  type Shard,
} from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { KinesisStreams } from '../../src/sandbox/kinesis/streams.ts';
import { memoryStore } from '../../src/sandbox/storage/document-store.ts';
import { testSandbox, useSandbox } from './harness.ts';
import { holdClock } from './held-clock.ts';
import { awsCli, failure, withDataDir } from './service-helpers.ts';

const run = promisify(execFile);
const sandbox = useSandbox();
const kinesis = () => sandbox.client(KinesisClient);
const text = (data: Uint8Array | undefined) => Buffer.from(data ?? []).toString('utf8');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function activeStream(client: KinesisClient, name: string, shards = 1): Promise<Shard[]> {
  await client.send(new CreateStreamCommand({ StreamName: name, ShardCount: shards }));
  await waitUntilStreamExists({ client, maxWaitTime: 10, minDelay: 1 }, { StreamName: name });
  return (await client.send(new DescribeStreamCommand({ StreamName: name }))).StreamDescription!.Shards!;
}

/** Which shard a partition key belongs to, computed here independently from the shards' hash key ranges. */
function shardFor(shards: Shard[], partitionKey: string): string {
  const hash = BigInt(`0x${createHash('md5').update(partitionKey).digest('hex')}`);
  return shards.find((s) => hash >= BigInt(s.HashKeyRange!.StartingHashKey!) && hash <= BigInt(s.HashKeyRange!.EndingHashKey!))!.ShardId!;
}

describe('streams', () => {
  test('a new stream is CREATING, then ACTIVE, with shards that split the hash key space evenly', async () => {
    const client = kinesis();
    const release = holdClock();
    await client.send(new CreateStreamCommand({ StreamName: 'flights', ShardCount: 3 }));
    const first = (await client.send(new DescribeStreamCommand({ StreamName: 'flights' }))).StreamDescription!;
    release();
    expect(first.StreamStatus).toBe('CREATING');
    await waitUntilStreamExists({ client, maxWaitTime: 10, minDelay: 1 }, { StreamName: 'flights' });
    const stream = (await client.send(new DescribeStreamCommand({ StreamName: 'flights' }))).StreamDescription!;
    expect(stream).toMatchObject({
      StreamName: 'flights',
      StreamARN: `arn:aws:kinesis:us-east-1:${sandbox.accountId}:stream/flights`,
      StreamStatus: 'ACTIVE',
      StreamModeDetails: { StreamMode: 'PROVISIONED' },
      HasMoreShards: false,
      RetentionPeriodHours: 24,
      EncryptionType: 'NONE',
      EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
    });
    expect(stream.StreamCreationTimestamp!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(stream.Shards!.map((s) => s.ShardId)).toEqual(['shardId-000000000000', 'shardId-000000000001', 'shardId-000000000002']);
    const ranges = stream.Shards!.map((s) => [BigInt(s.HashKeyRange!.StartingHashKey!), BigInt(s.HashKeyRange!.EndingHashKey!)]);
    expect(ranges[0][0]).toBe(0n);
    expect(ranges[2][1]).toBe((1n << 128n) - 1n);
    expect(ranges[1][0]).toBe(ranges[0][1] + 1n);
    expect(ranges[2][0]).toBe(ranges[1][1] + 1n);
    for (const shard of stream.Shards!) expect(shard.SequenceNumberRange!.StartingSequenceNumber).toMatch(/^\d{56}$/);
  });

  test('DescribeStreamSummary, and ON_DEMAND streams with four shards', async () => {
    const client = kinesis();
    await client.send(new CreateStreamCommand({ StreamName: 'on-demand', StreamModeDetails: { StreamMode: 'ON_DEMAND' } }));
    const summary = (await client.send(new DescribeStreamSummaryCommand({ StreamName: 'on-demand' }))).StreamDescriptionSummary!;
    expect(summary).toMatchObject({
      StreamName: 'on-demand',
      StreamStatus: 'CREATING',
      StreamModeDetails: { StreamMode: 'ON_DEMAND' },
      OpenShardCount: 4,
      ConsumerCount: 0,
      RetentionPeriodHours: 24,
    });
  });

  test('DescribeStream gives at most 100 shards a call, then continues after ExclusiveStartShardId', async () => {
    const client = kinesis();
    await activeStream(client, 'wide', 150);
    const first = (await client.send(new DescribeStreamCommand({ StreamName: 'wide' }))).StreamDescription!;
    expect([first.Shards!.length, first.HasMoreShards]).toEqual([100, true]);
    const rest = (await client.send(new DescribeStreamCommand({ StreamName: 'wide', ExclusiveStartShardId: first.Shards!.at(-1)!.ShardId })))
      .StreamDescription!;
    expect([rest.Shards!.length, rest.HasMoreShards, rest.Shards![0].ShardId]).toEqual([50, false, 'shardId-000000000100']);
    const few = (await client.send(new DescribeStreamCommand({ StreamName: 'wide', Limit: 3 }))).StreamDescription!;
    expect(few.Shards!.map((s) => s.ShardId)).toEqual(['shardId-000000000000', 'shardId-000000000001', 'shardId-000000000002']);
  });

  test('ListStreams pages with Limit, NextToken and ExclusiveStartStreamName', async () => {
    const client = kinesis();
    for (const name of ['list-a', 'list-b', 'list-c']) await client.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
    const all = await client.send(new ListStreamsCommand({}));
    expect(all.StreamNames).toEqual([...all.StreamNames!].sort());
    expect(all.StreamNames).toEqual(expect.arrayContaining(['list-a', 'list-b', 'list-c']));
    expect(all.StreamSummaries!.find((s) => s.StreamName === 'list-b')).toMatchObject({
      StreamARN: `arn:aws:kinesis:us-east-1:${sandbox.accountId}:stream/list-b`,
      StreamModeDetails: { StreamMode: 'PROVISIONED' },
    });
    const page = await client.send(new ListStreamsCommand({ ExclusiveStartStreamName: 'list-a', Limit: 1 }));
    expect(page).toMatchObject({ StreamNames: ['list-b'], HasMoreStreams: true });
    const next = await client.send(new ListStreamsCommand({ NextToken: page.NextToken, Limit: 1 }));
    expect(next.StreamNames).toEqual(['list-c']);
  });

  test('DeleteStream: DELETING, then gone; the name can be used again and old iterators are dead', async () => {
    const client = kinesis();
    const [shard] = await activeStream(client, 'short-lived');
    await client.send(new PutRecordCommand({ StreamName: 'short-lived', PartitionKey: 'k', Data: Buffer.from('old') }));
    const iterator = (await client.send(new GetShardIteratorCommand({ StreamName: 'short-lived', ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' })))
      .ShardIterator;
    await client.send(new DeleteStreamCommand({ StreamName: 'short-lived' }));
    const deleting = (await client.send(new DescribeStreamSummaryCommand({ StreamName: 'short-lived' }))).StreamDescriptionSummary!;
    expect(deleting.StreamStatus).toBe('DELETING');
    expect(await failure(client.send(new PutRecordCommand({ StreamName: 'short-lived', PartitionKey: 'k', Data: Buffer.from('x') })))).toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await sleep(600);
    expect(await failure(client.send(new DescribeStreamCommand({ StreamName: 'short-lived' })))).toEqual({
      name: 'ResourceNotFoundException',
      message: `Stream short-lived under account ${sandbox.accountId} not found.`,
      status: 400,
    });
    await activeStream(client, 'short-lived');
    const records = (
      await client.send(
        new GetRecordsCommand({
          ShardIterator: (
            await client.send(new GetShardIteratorCommand({ StreamName: 'short-lived', ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }))
          ).ShardIterator,
        }),
      )
    ).Records;
    expect(records).toEqual([]);
    expect(await failure(client.send(new GetRecordsCommand({ ShardIterator: iterator })))).toEqual({
      name: 'ResourceNotFoundException',
      message: `Shard shardId-000000000000 in stream short-lived under account ${sandbox.accountId} does not exist`,
      status: 400,
    });
  });

  test('a stream can be named by its ARN instead of its name', async () => {
    const client = kinesis();
    await activeStream(client, 'by-arn');
    const arn = `arn:aws:kinesis:us-east-1:${sandbox.accountId}:stream/by-arn`;
    const put = await client.send(new PutRecordCommand({ StreamARN: arn, PartitionKey: 'p', Data: Buffer.from('via arn') }));
    expect(put.ShardId).toBe('shardId-000000000000');
    const summary = await client.send(new DescribeStreamSummaryCommand({ StreamARN: arn }));
    expect(summary.StreamDescriptionSummary!.StreamName).toBe('by-arn');
  });
});

describe('records', () => {
  test('PutRecord sends a key to the shard its MD5 hash falls in, with growing 56-digit sequence numbers', async () => {
    const client = kinesis();
    const shards = await activeStream(client, 'routing', 4);
    const seen = new Map<string, bigint>();
    for (let i = 0; i < 40; i++) {
      const key = `aircraft-${i}`;
      const put = await client.send(new PutRecordCommand({ StreamName: 'routing', PartitionKey: key, Data: Buffer.from(String(i)) }));
      expect(put.ShardId).toBe(shardFor(shards, key));
      expect(put.SequenceNumber).toMatch(/^\d{56}$/);
      const sequence = BigInt(put.SequenceNumber!);
      expect(sequence).toBeGreaterThan(seen.get(put.ShardId!) ?? 0n);
      seen.set(put.ShardId!, sequence);
    }
    expect(seen.size).toBe(4);
    const explicit = await client.send(
      new PutRecordCommand({ StreamName: 'routing', PartitionKey: 'x', ExplicitHashKey: shards[2].HashKeyRange!.StartingHashKey, Data: Buffer.from('') }),
    );
    expect(explicit.ShardId).toBe('shardId-000000000002');
  });

  test('PutRecords keeps the request order, per shard, and GetRecords reads it back with its data intact', async () => {
    const client = kinesis();
    const shards = await activeStream(client, 'batch', 2);
    const records = Array.from({ length: 500 }, (_, i) => ({ PartitionKey: `key-${i % 7}`, Data: Buffer.from(JSON.stringify({ i, bytes: [0, 255] })) }));
    const put = await client.send(new PutRecordsCommand({ StreamName: 'batch', Records: records }));
    expect(put.FailedRecordCount).toBe(0);
    expect(put.Records!.map((r) => r.ShardId)).toEqual(records.map((r) => shardFor(shards, r.PartitionKey)));
    for (const shard of shards) {
      const iterator = (await client.send(new GetShardIteratorCommand({ StreamName: 'batch', ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' })))
        .ShardIterator;
      const read = await client.send(new GetRecordsCommand({ ShardIterator: iterator }));
      const expected = put.Records!.flatMap((r, i) => (r.ShardId === shard.ShardId ? [{ i, sequence: r.SequenceNumber }] : []));
      expect(read.Records!.map((r) => JSON.parse(text(r.Data)).i)).toEqual(expected.map((e) => e.i));
      expect(read.Records!.map((r) => r.SequenceNumber)).toEqual(expected.map((e) => e.sequence));
      expect(read.Records!.every((r) => r.PartitionKey!.startsWith('key-') && r.ApproximateArrivalTimestamp instanceof Date)).toBe(true);
      expect(read.MillisBehindLatest).toBe(0);
    }
  });

  test('shard iterators: TRIM_HORIZON, LATEST, AT_ and AFTER_SEQUENCE_NUMBER, AT_TIMESTAMP, and paging with Limit', async () => {
    const client = kinesis();
    const [shard] = await activeStream(client, 'iterators');
    const base = { StreamName: 'iterators', ShardId: shard.ShardId };
    const put = async (data: string) =>
      (await client.send(new PutRecordCommand({ StreamName: 'iterators', PartitionKey: 'p', Data: Buffer.from(data) }))).SequenceNumber!;
    const read = async (iterator: string | undefined, Limit?: number) => client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit }));
    const iteratorFor = async (input: Partial<GetShardIteratorCommandInput>) =>
      (await client.send(new GetShardIteratorCommand({ ...base, ShardIteratorType: 'TRIM_HORIZON', ...input }))).ShardIterator;

    const first = await put('one');
    await sleep(1100);
    const between = new Date();
    const second = await put('two');
    const latest = await iteratorFor({ ShardIteratorType: 'LATEST' });
    const third = await put('three');

    expect((await read(await iteratorFor({}))).Records!.map((r) => text(r.Data))).toEqual(['one', 'two', 'three']);
    expect((await read(latest)).Records!.map((r) => text(r.Data))).toEqual(['three']);
    expect(
      (await read(await iteratorFor({ ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: second }))).Records!.map((r) => r.SequenceNumber),
    ).toEqual([second, third]);
    expect(
      (await read(await iteratorFor({ ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', StartingSequenceNumber: first }))).Records!.map((r) => r.SequenceNumber),
    ).toEqual([second, third]);
    expect((await read(await iteratorFor({ ShardIteratorType: 'AT_TIMESTAMP', Timestamp: between }))).Records!.map((r) => text(r.Data))).toEqual([
      'two',
      'three',
    ]);

    await sleep(50);
    const page1 = await read(await iteratorFor({}), 2);
    expect(page1.Records!.map((r) => text(r.Data))).toEqual(['one', 'two']);
    expect(page1.MillisBehindLatest).toBeGreaterThanOrEqual(50);
    const page2 = await read(page1.NextShardIterator, 2);
    expect(page2.Records!.map((r) => text(r.Data))).toEqual(['three']);
    expect(page2.MillisBehindLatest).toBe(0);
    const page3 = await read(page2.NextShardIterator);
    expect(page3.Records).toEqual([]);
    await put('four');
    expect((await read(page3.NextShardIterator)).Records!.map((r) => text(r.Data))).toEqual(['four']);
  });

  test('the same client over HTTP/1.1 (as a browser talks) works too', async () => {
    const client = new KinesisClient({ ...sandbox.clientConfig(), requestHandler: new NodeHttpHandler() });
    const [shard] = await activeStream(client, 'http1');
    await client.send(new PutRecordCommand({ StreamName: 'http1', PartitionKey: 'p', Data: Buffer.from('over http/1.1') }));
    const iterator = (await client.send(new GetShardIteratorCommand({ StreamName: 'http1', ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' })))
      .ShardIterator;
    expect((await client.send(new GetRecordsCommand({ ShardIterator: iterator }))).Records!.map((r) => text(r.Data))).toEqual(['over http/1.1']);
  });
});

describe('errors, as AWS words them', () => {
  test('unknown streams and shards', async () => {
    const client = kinesis();
    expect(await failure(client.send(new DescribeStreamSummaryCommand({ StreamName: 'missing' })))).toEqual({
      name: 'ResourceNotFoundException',
      message: `Stream missing under account ${sandbox.accountId} not found.`,
      status: 400,
    });
    expect(await failure(client.send(new PutRecordCommand({ StreamName: 'missing', PartitionKey: 'p', Data: Buffer.from('x') })))).toMatchObject({
      name: 'ResourceNotFoundException',
    });
    expect(await failure(client.send(new DeleteStreamCommand({ StreamName: 'missing' })))).toMatchObject({ name: 'ResourceNotFoundException' });
    await activeStream(client, 'one-shard');
    expect(
      await failure(client.send(new GetShardIteratorCommand({ StreamName: 'one-shard', ShardId: 'shardId-000000000007', ShardIteratorType: 'LATEST' }))),
    ).toEqual({
      name: 'ResourceNotFoundException',
      message: `Shard shardId-000000000007 in stream one-shard under account ${sandbox.accountId} does not exist`,
      status: 400,
    });
    expect(await failure(client.send(new DescribeStreamCommand({})))).toEqual({
      name: 'InvalidArgumentException',
      message: 'Either StreamName or StreamARN should be provided.',
      status: 400,
    });
  });

  test('streams in use: a name taken, a stream still being created', async () => {
    const client = kinesis();
    holdClock();
    await client.send(new CreateStreamCommand({ StreamName: 'busy', ShardCount: 1 }));
    expect(await failure(client.send(new DeleteStreamCommand({ StreamName: 'busy' })))).toEqual({
      name: 'ResourceInUseException',
      message: 'Attempt to change a resource which is still in use: Stream is being created: busy',
      status: 400,
    });
    expect(await failure(client.send(new CreateStreamCommand({ StreamName: 'busy', ShardCount: 1 })))).toEqual({
      name: 'ResourceInUseException',
      message: `Stream busy under account ${sandbox.accountId} already exists.`,
      status: 400,
    });
  });

  test('input the validator refuses', async () => {
    const client = kinesis();
    expect(await failure(client.send(new CreateStreamCommand({ StreamName: 'bad name!', ShardCount: 0 })))).toEqual({
      name: 'ValidationException',
      message:
        "2 validation errors detected: Value 'bad name!' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
        "Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1",
      status: 400,
    });
    await activeStream(client, 'validated');
    const tooLong = await failure(
      client.send(new PutRecordCommand({ StreamName: 'validated', PartitionKey: 'k'.repeat(257), Data: Buffer.alloc(1024 * 1024 + 1) })),
    );
    expect(tooLong.name).toBe('ValidationException');
    expect(tooLong.message).toContain("at 'partitionKey' failed to satisfy constraint: Member must have length less than or equal to 256");
    expect(tooLong.message).toContain(
      "Value 'java.nio.HeapByteBuffer[pos=0 lim=1048577 cap=1048577]' at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048576",
    );
    const batch = await failure(client.send(new PutRecordsCommand({ StreamName: 'validated', Records: [{ PartitionKey: '', Data: Buffer.from('x') }] })));
    expect(batch.message).toBe(
      "1 validation error detected: Value '' at 'records.1.member.partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    expect(
      await failure(
        client.send(new PutRecordCommand({ StreamName: 'validated', PartitionKey: 'p', ExplicitHashKey: (1n << 128n).toString(), Data: Buffer.from('x') })),
      ),
    ).toEqual({
      name: 'InvalidArgumentException',
      message: `Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${1n << 128n}`,
      status: 400,
    });
  });

  test('iterators: made up, mismatched with their type, from another shard or stream, in the future', async () => {
    const client = kinesis();
    const shards = await activeStream(client, 'strict', 2);
    const other = await activeStream(client, 'strict-other', 1);
    const putTo = async (stream: string, hashKey: string) =>
      (await client.send(new PutRecordCommand({ StreamName: stream, PartitionKey: 'p', ExplicitHashKey: hashKey, Data: Buffer.from('x') }))).SequenceNumber!;
    const onShard1 = await putTo('strict', shards[1].HashKeyRange!.StartingHashKey!);
    const elsewhere = await putTo('strict-other', other[0].HashKeyRange!.StartingHashKey!);
    const iterator = (input: Record<string, unknown>) =>
      failure(
        client.send(new GetShardIteratorCommand({ StreamName: 'strict', ShardId: 'shardId-000000000000', ShardIteratorType: 'AT_SEQUENCE_NUMBER', ...input })),
      );

    expect(await failure(client.send(new GetRecordsCommand({ ShardIterator: 'AAAAAAAAAAE=' })))).toEqual({
      name: 'InvalidArgumentException',
      message: 'Invalid ShardIterator.',
      status: 400,
    });
    expect((await iterator({ ShardIteratorType: 'LATEST', StartingSequenceNumber: onShard1 })).message).toBe(
      'Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified LATEST and also a StartingSequenceNumber.',
    );
    expect((await iterator({})).message).toMatch(/Request specified AT_SEQUENCE_NUMBER and no StartingSequenceNumber\.$/);
    expect(await iterator({ StartingSequenceNumber: onShard1 })).toEqual({
      name: 'InvalidArgumentException',
      message: 'Invalid StartingSequenceNumber. It encodes shardId-000000000001, while it was used in a call to a shard with shardId-000000000000',
      status: 400,
    });
    expect((await iterator({ StartingSequenceNumber: elsewhere })).message).toBe(
      `StartingSequenceNumber ${elsewhere} used in GetShardIterator on shard shardId-000000000000 in stream strict under account ${sandbox.accountId} is invalid because it did not come from this stream.`,
    );
    expect((await iterator({ StartingSequenceNumber: '12345' })).message).toBe(
      `StartingSequenceNumber 12345 used in GetShardIterator on shard shardId-000000000000 in stream strict under account ${sandbox.accountId} is invalid.`,
    );
    expect((await iterator({ ShardIteratorType: 'AT_TIMESTAMP' })).message).toBe(
      'Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.',
    );
    expect((await iterator({ ShardIteratorType: 'AT_TIMESTAMP', Timestamp: new Date(Date.now() + 3_600_000) })).message).toMatch(
      /^The timestampInMillis parameter cannot be greater than the currentTimestampInMillis\. timestampInMillis: \d+, currentTimestampInMillis: \d+$/,
    );
  });
});

describe('the engine under a controlled clock', () => {
  async function engineAt(start: number) {
    const clock = { now: start };
    const store = memoryStore();
    const engine = await KinesisStreams.open(store, { accountId: '123456789012', now: () => clock.now });
    return { clock, store, engine };
  }

  test('an iterator expires after five minutes with ExpiredIteratorException', async () => {
    const { clock, engine } = await engineAt(Date.UTC(2025, 3, 3, 15, 25, 33));
    await engine.create('us-east-1', 's', 'PROVISIONED', 1);
    clock.now += 1000;
    const iterator = engine.shardIterator('us-east-1', 's', 'shardId-000000000000', { type: 'LATEST' });
    clock.now += 300_001;
    expect(() => engine.getRecords(iterator)).toThrow(
      'Iterator expired. The iterator was created at time Thu Apr 03 15:25:34 UTC 2025 while right now it is Thu Apr 03 15:30:34 UTC 2025 ' +
        'which is further in the future than the tolerated delay of 300000 milliseconds.',
    );
    engine.close();
  });

  test('records older than the 24-hour retention are trimmed, and sequence numbers keep growing after', async () => {
    const { clock, store, engine } = await engineAt(Date.now());
    await engine.create('us-east-1', 's', 'PROVISIONED', 1);
    clock.now += 1000;
    const [old] = await engine.put('us-east-1', 's', [{ partitionKey: 'p', data: Buffer.from('old') }]);
    clock.now += 23 * 3_600_000;
    const [recent] = await engine.put('us-east-1', 's', [{ partitionKey: 'p', data: Buffer.from('recent') }]);
    clock.now += 2 * 3_600_000;
    await engine.trimAll();
    const horizon = engine.shardIterator('us-east-1', 's', 'shardId-000000000000', { type: 'TRIM_HORIZON' });
    expect(engine.getRecords(horizon).records.map((r) => Buffer.from(r.data, 'base64').toString())).toEqual(['recent']);
    clock.now += 24 * 3_600_000;
    await engine.trimAll();
    engine.close();
    // Everything trimmed, then a restart: the counter must not start over.
    const reopened = await KinesisStreams.open(store, { accountId: '123456789012', now: () => clock.now });
    const [next] = await reopened.put('us-east-1', 's', [{ partitionKey: 'p', data: Buffer.from('next') }]);
    expect(BigInt(next.sequenceNumber)).toBeGreaterThan(BigInt(recent.sequenceNumber));
    expect(BigInt(recent.sequenceNumber)).toBeGreaterThan(BigInt(old.sequenceNumber));
    reopened.close();
  });

  test('onRecords tells a subscriber which shard got records; unsubscribing stops it', async () => {
    const { clock, engine } = await engineAt(Date.now());
    await engine.create('us-east-1', 's', 'PROVISIONED', 2);
    clock.now += 1000;
    const heard: string[] = [];
    const stop = engine.onRecords(engine.arnOf('us-east-1', 's'), (shardId) => heard.push(shardId));
    await engine.put('us-east-1', 's', [{ partitionKey: 'p', data: Buffer.from('a'), explicitHashKey: 0n }]);
    await engine.put('us-east-1', 's', [{ partitionKey: 'p', data: Buffer.from('b'), explicitHashKey: (1n << 128n) - 1n }]);
    stop();
    await engine.put('us-east-1', 's', [{ partitionKey: 'p', data: Buffer.from('c'), explicitHashKey: 0n }]);
    expect(heard).toEqual(['shardId-000000000000', 'shardId-000000000001']);
    engine.close();
  });

  test('a deletion interrupted by a crash is finished at the next start', async () => {
    const { clock, store, engine } = await engineAt(Date.now());
    await engine.create('us-east-1', 's', 'PROVISIONED', 1);
    clock.now += 1000;
    await engine.put('us-east-1', 's', [{ partitionKey: 'p', data: Buffer.from('x') }]);
    engine.close();
    // What a crash right after DeleteStream marked the stream leaves behind.
    const doc = (await store.read<Record<string, unknown>>('streams/us-east-1:s'))!;
    await store.write('streams/us-east-1:s', { ...doc, deletingSince: clock.now });
    const reopened = await KinesisStreams.open(store, { accountId: '123456789012', now: () => clock.now });
    expect(reopened.list('us-east-1')).toEqual([]);
    expect(await store.list('streams')).toEqual([]);
    expect(await store.list(`records/us-east-1:s:${String(doc.createdAt)}/shardId-000000000000`)).toEqual([]);
    reopened.close();
  });
});

test('streams, records and iterators survive a restart of the sandbox', async () => {
  await withDataDir(async (dataDir) => {
    const before = await testSandbox({ dataDir });
    const client = before.client(KinesisClient);
    const [shard] = await activeStream(client, 'durable');
    const put = await client.send(
      new PutRecordsCommand({
        StreamName: 'durable',
        Records: [
          { PartitionKey: 'a', Data: Buffer.from('first') },
          { PartitionKey: 'b', Data: Buffer.from('second') },
        ],
      }),
    );
    const iterator = (await client.send(new GetShardIteratorCommand({ StreamName: 'durable', ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' })))
      .ShardIterator;
    client.destroy();
    await before.close();

    const after = await testSandbox({ dataDir });
    const again = after.client(KinesisClient);
    const read = await again.send(new GetRecordsCommand({ ShardIterator: iterator }));
    expect(read.Records!.map((r) => [text(r.Data), r.SequenceNumber])).toEqual([
      ['first', put.Records![0].SequenceNumber],
      ['second', put.Records![1].SequenceNumber],
    ]);
    const later = await again.send(new PutRecordCommand({ StreamName: 'durable', PartitionKey: 'c', Data: Buffer.from('third') }));
    expect(BigInt(later.SequenceNumber!)).toBeGreaterThan(BigInt(put.Records![1].SequenceNumber!));
    expect((await again.send(new DescribeStreamSummaryCommand({ StreamName: 'durable' }))).StreamDescriptionSummary!.StreamStatus).toBe('ACTIVE');
    again.destroy();
    await after.close();
  });
});

describe('clients labbook did not write', () => {
  const aws = (...args: string[]) => awsCli(sandbox)(...args);

  test('AWS CLI v2: create-stream, put-record, get-shard-iterator, get-records', async () => {
    await aws('kinesis', 'create-stream', '--stream-name', 'cli-stream', '--shard-count', '1');
    let summary = await aws('kinesis', 'describe-stream-summary', '--stream-name', 'cli-stream');
    while (summary.StreamDescriptionSummary.StreamStatus !== 'ACTIVE') {
      await sleep(200);
      summary = await aws('kinesis', 'describe-stream-summary', '--stream-name', 'cli-stream');
    }
    // The CLI v2 takes blobs as base64 unless told otherwise.
    const put = await aws(
      'kinesis',
      'put-record',
      '--stream-name',
      'cli-stream',
      '--partition-key',
      'EC-AAA',
      '--data',
      Buffer.from('{"flying": true}').toString('base64'),
    );
    expect(Object.keys(put).sort()).toEqual(['SequenceNumber', 'ShardId']);
    expect(put.ShardId).toBe('shardId-000000000000');
    const raw = await aws(
      'kinesis',
      'put-record',
      '--stream-name',
      'cli-stream',
      '--partition-key',
      'EC-BBB',
      '--cli-binary-format',
      'raw-in-base64-out',
      '--data',
      'plain text',
    );
    const iterator = await aws(
      'kinesis',
      'get-shard-iterator',
      '--stream-name',
      'cli-stream',
      '--shard-id',
      'shardId-000000000000',
      '--shard-iterator-type',
      'TRIM_HORIZON',
    );
    expect(iterator.ShardIterator).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const records = await aws('kinesis', 'get-records', '--shard-iterator', iterator.ShardIterator);
    expect(records.Records.map((r: { Data: string }) => Buffer.from(r.Data, 'base64').toString())).toEqual(['{"flying": true}', 'plain text']);
    expect(records.Records[1]).toMatchObject({ SequenceNumber: raw.SequenceNumber, PartitionKey: 'EC-BBB' });
    expect(typeof records.Records[0].ApproximateArrivalTimestamp).toBe('string');
    expect(records).toMatchObject({ MillisBehindLatest: 0, NextShardIterator: expect.any(String) });
  });

  test("Debian's boto3: put_records and get_records", async () => {
    const script = `
import json, os, time, boto3
k = boto3.client('kinesis', endpoint_url=os.environ['AWS_ENDPOINT_URL'])
k.create_stream(StreamName='boto-stream', ShardCount=1)
while k.describe_stream_summary(StreamName='boto-stream')['StreamDescriptionSummary']['StreamStatus'] != 'ACTIVE':
    time.sleep(0.2)
put = k.put_records(StreamName='boto-stream', Records=[{'Data': json.dumps({'n': n}).encode(), 'PartitionKey': 'p'} for n in range(3)])
it = k.get_shard_iterator(StreamName='boto-stream', ShardId='shardId-000000000000', ShardIteratorType='TRIM_HORIZON')['ShardIterator']
got = k.get_records(ShardIterator=it)
print(json.dumps({'failed': put['FailedRecordCount'], 'data': [json.loads(r['Data']) for r in got['Records']],
                  'arrival': type(got['Records'][0]['ApproximateArrivalTimestamp']).__name__}))
`;
    const { stdout } = await run('/usr/bin/python3', ['-c', script], { env: sandbox.awsEnv() });
    expect(JSON.parse(stdout)).toEqual({ failed: 0, data: [{ n: 0 }, { n: 1 }, { n: 2 }], arrival: 'datetime' });
  });
});

// The flight feed's calls against the sandbox: a batch put with PutRecords lands on the
// stream as producer.py's records would; Kinesis's partial failures are counted and grouped;
// and the two terminal equivalents the widget shows really do the same (the AWS CLI v2's
// put-record, and producer.py from lambda/flight-producer).
import { CreateStreamCommand, GetRecordsCommand, GetShardIteratorCommand, KinesisClient, waitUntilStreamExists } from '@aws-sdk/client-kinesis';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, test } from 'vitest';
import { EXAMPLE_POSITION, producerCommand, putFlightBatch, putRecordCli } from '../../src/steps/actions/flight-feed.ts';
import { positionOf, startFleet } from '../../src/steps/actions/flight-simulation.ts';
import type { StepContext } from '../../src/steps/model.ts';
import { useSandbox } from './harness.ts';
import { operations, stepContext } from './step-helpers.ts';
import { renderScript, type Script } from '../../src/steps/shells.ts';

const bash = (script: Script) => renderScript(script, 'bash');

const run = promisify(execFile);
const sandbox = useSandbox();
const STREAM = 'feed-test-flights';
const place = () => ({ targetKey: `sandbox:${sandbox.accountId}`, account: sandbox.accountId, region: 'us-east-1', endpointUrl: sandbox.url });

/** Every record on the stream's one shard so far, decoded. */
async function recordsOnStream(): Promise<{ key: string; data: unknown }[]> {
  const kinesis = sandbox.client(KinesisClient);
  const { ShardIterator } = await kinesis.send(
    new GetShardIteratorCommand({ StreamName: STREAM, ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }),
  );
  const { Records } = await kinesis.send(new GetRecordsCommand({ ShardIterator }));
  return (Records ?? []).map((r) => ({ key: r.PartitionKey!, data: JSON.parse(Buffer.from(r.Data!).toString('utf8')) }));
}

beforeAll(async () => {
  const kinesis = sandbox.client(KinesisClient);
  await kinesis.send(new CreateStreamCommand({ StreamName: STREAM, ShardCount: 1 }));
  await waitUntilStreamExists({ client: kinesis, maxWaitTime: 10, minDelay: 1 }, { StreamName: STREAM });
});

describe('the flight feed', () => {
  test('puts one batch in one PutRecords call, each aircraft a JSON record keyed by its registration', async () => {
    const ctx = stepContext(sandbox);
    const positions = startFleet(12, Math.random).map((flight) => positionOf(flight));
    expect(await putFlightBatch(ctx, STREAM, positions)).toEqual({ records: 12, failed: 0, failures: [] });
    expect(operations(ctx)).toEqual(['Kinesis.PutRecords']);
    expect(await recordsOnStream()).toEqual(positions.map((p) => ({ key: p.registration, data: p })));
  });

  test('a stream that does not exist is Kinesis’s ResourceNotFoundException', async () => {
    const ctx = stepContext(sandbox);
    await expect(putFlightBatch(ctx, 'feed-test-missing', [EXAMPLE_POSITION])).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect(ctx.calls[0].error?.code).toBe('ResourceNotFoundException');
  });

  test('counts the records Kinesis failed and groups them by error code and message', async () => {
    const answer = {
      FailedRecordCount: 3,
      Records: [
        { SequenceNumber: '1', ShardId: 'shardId-000000000000' },
        { ErrorCode: 'ProvisionedThroughputExceededException', ErrorMessage: 'Rate exceeded for shard shardId-000000000000.' },
        { ErrorCode: 'ProvisionedThroughputExceededException', ErrorMessage: 'Rate exceeded for shard shardId-000000000000.' },
        { ErrorCode: 'InternalFailure', ErrorMessage: 'Internal service failure.' },
      ],
    };
    const ctx: StepContext = { ...place(), client: () => ({ send: async () => answer }) as never, record: () => {}, progress: () => {} };
    const positions = startFleet(4, Math.random).map((flight) => positionOf(flight));
    expect(await putFlightBatch(ctx, STREAM, positions)).toEqual({
      records: 4,
      failed: 3,
      failures: [
        { code: 'ProvisionedThroughputExceededException', message: 'Rate exceeded for shard shardId-000000000000.', count: 2 },
        { code: 'InternalFailure', message: 'Internal service failure.', count: 1 },
      ],
    });
  });
});

describe('the terminal equivalents it shows', () => {
  test('the AWS CLI v2 put-record puts the aircraft as the same JSON record', async () => {
    const before = (await recordsOnStream()).length;
    const command = bash(putRecordCli(place(), STREAM, EXAMPLE_POSITION));
    await run('bash', ['-c', command.replace(/^aws /, '/usr/bin/aws ')], { env: sandbox.awsEnv() });
    const records = await recordsOnStream();
    expect(records.slice(before)).toEqual([{ key: 'EC-KLM', data: EXAMPLE_POSITION }]);
  });

  test('producer.py with the options shown puts batches of that size on that stream', async () => {
    const command = bash(producerCommand(place(), STREAM, 5, 1));
    // As shown it runs until Ctrl+C; here it stops after two batches.
    const { stdout } = await run('bash', ['-c', `${command} --batches 2`], { cwd: 'lambda/flight-producer', env: sandbox.awsEnv() });
    expect(stdout).toBe('put 5 positions, 0 failed\nput 5 positions, 0 failed\n');
  });
});

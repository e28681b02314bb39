// The flight feed's wait before its first batch, against a sandbox with AWS's timings (a
// fiftieth of them): while the stream's mapping is Creating it says which and for how long,
// and it lets the feed go once the mapping reads; a stream nobody maps is not waited for.
import { CreateStreamCommand, KinesisClient, waitUntilStreamExists } from '@aws-sdk/client-kinesis';
import { CreateEventSourceMappingCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { streamReaders, untilStreamIsRead } from '../../src/steps/actions/stream-readers.ts';
import { testSandbox } from './harness.ts';
import { deploy } from './lambda-helpers.ts';
import { stepContext } from './step-helpers.ts';

let sandbox: Awaited<ReturnType<typeof testSandbox>>;
beforeAll(async () => {
  sandbox = await testSandbox({ timings: { profile: 'aws', scale: 0.02, seed: 3 } });
});
afterAll(() => sandbox.close());

async function stream(name: string): Promise<void> {
  const kinesis = sandbox.client(KinesisClient);
  await kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
  await waitUntilStreamExists({ client: kinesis, maxWaitTime: 30, minDelay: 1 }, { StreamName: name });
}

test('a stream nobody maps is not waited for', async () => {
  await stream('unread');
  const told: Array<string | undefined> = [];
  await untilStreamIsRead(
    stepContext(sandbox),
    'unread',
    (text) => told.push(text),
    () => Promise.resolve(),
  );
  expect(told).toEqual([undefined]);
});

test('a mapping still Creating holds the first batch back, saying so, until it reads', async () => {
  await stream('flights');
  const lambda = sandbox.client(LambdaClient);
  const fn = await deploy(lambda, sandbox.accountId, { FunctionName: 'Fanout', files: { 'app.py': 'def handler(event, context):\n    return None\n' } });
  await lambda.send(
    new CreateEventSourceMappingCommand({
      FunctionName: fn,
      EventSourceArn: `arn:aws:kinesis:us-east-1:${sandbox.accountId}:stream/flights`,
      StartingPosition: 'LATEST',
    }),
  );
  const ctx = stepContext(sandbox);
  expect(await streamReaders(ctx, 'flights')).toEqual({ mappings: 1, notReading: ['Fanout is Creating'] });

  const told: Array<string | undefined> = [];
  await untilStreamIsRead(
    ctx,
    'flights',
    (text) => told.push(text),
    (ms) => new Promise((resolve) => setTimeout(resolve, ms / 10)),
  );
  expect(told[0]).toMatch(
    /^Waiting before the first batch: Fanout is Creating \(0 s\)\. A mapping reading from LATEST never receives records put before it is Enabled\.$/,
  );
  expect(told.at(-1)).toBeUndefined();
  expect(await streamReaders(ctx, 'flights')).toEqual({ mappings: 1, notReading: [] });
});

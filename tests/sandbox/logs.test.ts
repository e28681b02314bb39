// CloudWatch Logs with the SDK: the log groups and streams Lambda writes, read
// the ways the lab and the Logs widget read them.
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { InvokeCommand, LambdaClient, UpdateFunctionConfigurationCommand, waitUntilFunctionUpdatedV2 } from '@aws-sdk/client-lambda';
import { beforeAll, describe, expect, test } from 'vitest';
import { useSandbox } from './harness.ts';
import { deploy } from './lambda-helpers.ts';

const sandbox = useSandbox();
const logs = () => sandbox.client(CloudWatchLogsClient);

const APP = `
import logging
logging.getLogger().setLevel(logging.INFO)
def handler(event, context):
    print("printed", event["n"])
    logging.warning("careful %s", event["n"])
    return event["n"]
`;

describe('the logs of a Lambda function', () => {
  let name: string;
  let group: string;
  const requestIds: string[] = [];

  beforeAll(async () => {
    const lambda = sandbox.client(LambdaClient);
    name = await deploy(lambda, sandbox.accountId, { files: { 'app.py': APP } });
    group = `/aws/lambda/${name}`;
    for (const n of [1, 2]) {
      requestIds.push((await lambda.send(new InvokeCommand({ FunctionName: name, Payload: JSON.stringify({ n }) }))).$metadata.requestId!);
    }
    // A configuration change means a new execution environment, so a second stream.
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Timeout: 5 }));
    await waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 30, minDelay: 1 }, { FunctionName: name });
    requestIds.push((await lambda.send(new InvokeCommand({ FunctionName: name, Payload: JSON.stringify({ n: 3 }) }))).$metadata.requestId!);
  });

  test('DescribeLogGroups finds /aws/lambda/<function>, by prefix too', async () => {
    const { logGroups } = await logs().send(new DescribeLogGroupsCommand({ logGroupNamePrefix: group }));
    expect(logGroups).toHaveLength(1);
    expect(logGroups![0]).toMatchObject({
      logGroupName: group,
      arn: `arn:aws:logs:us-east-1:${sandbox.accountId}:log-group:${group}:*`,
      logGroupArn: `arn:aws:logs:us-east-1:${sandbox.accountId}:log-group:${group}`,
      storedBytes: 0,
    });
    expect(logGroups![0].creationTime).toBeGreaterThan(Date.now() - 60_000);
  });

  test('DescribeLogStreams: one stream per environment, newest first when asked', async () => {
    const { logStreams } = await logs().send(new DescribeLogStreamsCommand({ logGroupName: group, orderBy: 'LastEventTime', descending: true }));
    expect(logStreams).toHaveLength(2);
    for (const stream of logStreams!) expect(stream.logStreamName).toMatch(/^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(logStreams![0].lastEventTimestamp!).toBeGreaterThanOrEqual(logStreams![1].lastEventTimestamp!);
    const newest = await logs().send(new GetLogEventsCommand({ logGroupName: group, logStreamName: logStreams![0].logStreamName!, startFromHead: true }));
    expect(newest.events!.map((e) => e.message).join('')).toContain(`START RequestId: ${requestIds[2]}`);
    const refused = await logs()
      .send(new DescribeLogStreamsCommand({ logGroupName: group, orderBy: 'LastEventTime', logStreamNamePrefix: '2' }))
      .catch((e) => e);
    expect(refused.name).toBe('InvalidParameterException');
    expect(refused.message).toBe('Cannot order by LastEventTime with a logStreamNamePrefix.');
  });

  test('GetLogEvents: the invocations in order, START to REPORT', async () => {
    const { logStreams } = await logs().send(new DescribeLogStreamsCommand({ logGroupName: group, orderBy: 'LastEventTime' }));
    const { events } = await logs().send(new GetLogEventsCommand({ logGroupName: group, logStreamName: logStreams![0].logStreamName!, startFromHead: true }));
    const messages = events!.map((e) => e.message!);
    const [first, second] = requestIds;
    expect(messages[0]).toMatch(/^INIT_START Runtime Version: python3\.13/);
    const start = messages.indexOf(`START RequestId: ${first} Version: $LATEST\n`);
    expect(start).toBeGreaterThan(0);
    expect(messages.slice(start + 1, start + 3)).toEqual([
      'printed 1\n',
      expect.stringMatching(new RegExp(`^\\[WARNING\\]\\t\\S+Z\\t${first}\\tcareful 1\\n$`)),
    ]);
    expect(messages[start + 3]).toBe(`END RequestId: ${first}\n`);
    expect(messages[start + 4]).toMatch(new RegExp(`^REPORT RequestId: ${first}\\tDuration: .*\\tInit Duration: [\\d.]+ ms\\t\\n$`));
    expect(messages).toContain(`START RequestId: ${second} Version: $LATEST\n`);
    for (let i = 1; i < events!.length; i++) expect(events![i].timestamp!).toBeGreaterThanOrEqual(events![i - 1].timestamp!);
  });

  test('GetLogEvents pages with forward and backward tokens, and repeats the token at the end', async () => {
    const { logStreams } = await logs().send(new DescribeLogStreamsCommand({ logGroupName: group, orderBy: 'LastEventTime' }));
    const stream = { logGroupName: group, logStreamName: logStreams![0].logStreamName! };
    const all = (await logs().send(new GetLogEventsCommand({ ...stream, startFromHead: true }))).events!;
    const paged = [];
    let token: string | undefined;
    for (;;) {
      const page = await logs().send(new GetLogEventsCommand({ ...stream, startFromHead: true, limit: 3, nextToken: token }));
      paged.push(...page.events!);
      if (page.nextForwardToken === token) break;
      token = page.nextForwardToken;
    }
    expect(paged.map((e) => e.message)).toEqual(all.map((e) => e.message));
    // Without startFromHead, the newest events come first and the backward token reads older ones.
    const latest = await logs().send(new GetLogEventsCommand({ ...stream, limit: 2 }));
    expect(latest.events!.map((e) => e.message)).toEqual(all.slice(-2).map((e) => e.message));
    const older = await logs().send(new GetLogEventsCommand({ ...stream, limit: 2, nextToken: latest.nextBackwardToken }));
    expect(older.events!.map((e) => e.message)).toEqual(all.slice(-4, -2).map((e) => e.message));
    const bad = await logs()
      .send(new GetLogEventsCommand({ ...stream, nextToken: 'nonsense' }))
      .catch((e) => e);
    expect(bad.name).toBe('InvalidParameterException');
  });

  test('FilterLogEvents: terms, phrases, alternatives and exclusions across streams', async () => {
    const filter = async (filterPattern: string) =>
      (await logs().send(new FilterLogEventsCommand({ logGroupName: group, filterPattern }))).events!.map((e) => e.message!);
    expect(await filter('REPORT')).toHaveLength(3);
    expect(await filter('"printed 2"')).toEqual(['printed 2\n']);
    expect(await filter('printed -2')).toEqual(['printed 1\n', 'printed 3\n']);
    expect((await filter('?careful ?printed')).length).toBe(6);
    expect(await filter('Printed')).toEqual([]);
    const everything = await logs().send(new FilterLogEventsCommand({ logGroupName: group }));
    expect(new Set(everything.events!.map((e) => e.logStreamName)).size).toBe(2);
    expect(everything.events!.every((e) => typeof e.eventId === 'string')).toBe(true);
  });

  test('DeleteLogGroup removes the group; reading it then is ResourceNotFoundException', async () => {
    await logs().send(new DeleteLogGroupCommand({ logGroupName: group }));
    const { logGroups } = await logs().send(new DescribeLogGroupsCommand({ logGroupNamePrefix: group }));
    expect(logGroups).toEqual([]);
    const error = await logs()
      .send(new GetLogEventsCommand({ logGroupName: group, logStreamName: 'x' }))
      .catch((e) => e);
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.message).toBe('The specified log group does not exist.');
    const again = await logs()
      .send(new DeleteLogGroupCommand({ logGroupName: group }))
      .catch((e) => e);
    expect(again.name).toBe('ResourceNotFoundException');
    // The next invocation brings the group back, as Lambda recreates it on AWS.
    await sandbox.client(LambdaClient).send(new InvokeCommand({ FunctionName: name, Payload: '{"n": 4}' }));
    expect((await logs().send(new DescribeLogGroupsCommand({ logGroupNamePrefix: group }))).logGroups).toHaveLength(1);
  });
});

describe('log groups and streams made by hand', () => {
  test('create, write, read; duplicates and missing names answer as AWS', async () => {
    await logs().send(new CreateLogGroupCommand({ logGroupName: 'manual' }));
    const dup = await logs()
      .send(new CreateLogGroupCommand({ logGroupName: 'manual' }))
      .catch((e) => e);
    expect(dup.name).toBe('ResourceAlreadyExistsException');
    await logs().send(new CreateLogStreamCommand({ logGroupName: 'manual', logStreamName: 's' }));
    const now = Date.now();
    await logs().send(
      new PutLogEventsCommand({
        logGroupName: 'manual',
        logStreamName: 's',
        logEvents: [
          { timestamp: now, message: 'one' },
          { timestamp: now + 1, message: 'two' },
        ],
      }),
    );
    const { events } = await logs().send(new GetLogEventsCommand({ logGroupName: 'manual', logStreamName: 's', startFromHead: true }));
    expect(events!.map((e) => [e.timestamp, e.message])).toEqual([
      [now, 'one'],
      [now + 1, 'two'],
    ]);
    const unordered = await logs()
      .send(
        new PutLogEventsCommand({
          logGroupName: 'manual',
          logStreamName: 's',
          logEvents: [
            { timestamp: 2, message: 'b' },
            { timestamp: 1, message: 'a' },
          ],
        }),
      )
      .catch((e) => e);
    expect(unordered.name).toBe('InvalidParameterException');
    expect(unordered.message).toBe('Log events in a single PutLogEvents request must be in chronological order.');
    const noStream = await logs()
      .send(new GetLogEventsCommand({ logGroupName: 'manual', logStreamName: 'nope' }))
      .catch((e) => e);
    expect(noStream.name).toBe('ResourceNotFoundException');
    expect(noStream.message).toBe('The specified log stream does not exist.');
  });

  test('constraint failures are InvalidParameterException with the validator’s message', async () => {
    const error = await logs()
      .send(new DescribeLogGroupsCommand({ limit: 0 }))
      .catch((e) => e);
    expect(error.name).toBe('InvalidParameterException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe(
      "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    const missing = await logs()
      .send(new GetLogEventsCommand({ logGroupName: 'manual' } as never))
      .catch((e) => e);
    expect(missing.name).toBe('InvalidParameterException');
    expect(missing.message).toBe("1 validation error detected: Value null at 'logStreamName' failed to satisfy constraint: Member must not be null");
  });

  test('DescribeLogGroups pages with nextToken', async () => {
    for (const n of [1, 2, 3]) await logs().send(new CreateLogGroupCommand({ logGroupName: `paged-${n}` }));
    const first = await logs().send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'paged-', limit: 2 }));
    expect(first.logGroups!.map((g) => g.logGroupName)).toEqual(['paged-1', 'paged-2']);
    const second = await logs().send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'paged-', limit: 2, nextToken: first.nextToken }));
    expect(second.logGroups!.map((g) => g.logGroupName)).toEqual(['paged-3']);
    expect(second.nextToken).toBeUndefined();
  });
});

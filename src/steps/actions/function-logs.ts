// A function's CloudWatch Logs: its log streams (one per execution environment) and their
// events, newest first, as the Logs widget shows and follows them.
import { CloudWatchLogsClient, DescribeLogStreamsCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { send } from '../calls.ts';
import { awsCommand } from '../cli.ts';
import type { Place, StepContext } from '../model.ts';
import { logGroupExists, logGroupOf } from '../resources/lambda-function.ts';

export interface LogStream {
  name: string;
  /** Milliseconds since the epoch; undefined for a stream without events yet. */
  lastEventAt?: number;
}

export interface LogEvent {
  at: number;
  message: string;
}

/** How many streams and events the widget shows; older ones are in the console or the CLI. */
const STREAM_LIMIT = 20;
const EVENT_LIMIT = 200;

/** The function's streams, most recently written first; none when it has never run. */
export async function listLogStreams(ctx: StepContext, functionName: string): Promise<LogStream[]> {
  // Asked first because DescribeLogStreams on a missing group is an error the browser would print.
  if (!(await logGroupExists(ctx, functionName))) return [];
  const { logStreams } = await send(
    ctx,
    ctx.client(CloudWatchLogsClient),
    new DescribeLogStreamsCommand({ logGroupName: logGroupOf(functionName), orderBy: 'LastEventTime', descending: true, limit: STREAM_LIMIT }),
  );
  return (logStreams ?? []).map((stream) => ({ name: stream.logStreamName!, lastEventAt: stream.lastEventTimestamp }));
}

/** The stream's latest events, newest first. */
export async function latestLogEvents(ctx: StepContext, functionName: string, streamName: string): Promise<LogEvent[]> {
  const { events } = await send(
    ctx,
    ctx.client(CloudWatchLogsClient),
    new GetLogEventsCommand({ logGroupName: logGroupOf(functionName), logStreamName: streamName, startFromHead: false, limit: EVENT_LIMIT }),
  );
  return (events ?? []).map((event) => ({ at: event.timestamp ?? 0, message: event.message ?? '' })).reverse();
}

export const logsCli = {
  streams: (place: Place, functionName: string) =>
    awsCommand(place, 'logs', 'describe-log-streams', [['--log-group-name', logGroupOf(functionName)], ['--order-by', 'LastEventTime'], ['--descending']]),
  follow: (place: Place, functionName: string) => awsCommand(place, 'logs', `tail ${logGroupOf(functionName)}`, [['--follow']]),
};

// A function's CloudWatch Logs: its log streams (one per execution environment) and their
// events, newest first, as the Logs widget shows and follows them.
import { CloudWatchLogsClient, DescribeLogStreamsCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { send } from '../calls.ts';
import { awsCommand } from '../cli.ts';
import { run } from '../shells.ts';
import type { Place, StepContext } from '../model.ts';
import { logGroupExists, logGroupOf } from '../resources/lambda-function.ts';
import { hasName, pollUntil } from '../waiting.ts';

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

export interface StreamView {
  streams: LogStream[];
  /** The stream shown; undefined when there are none. */
  stream?: string;
  events: LogEvent[];
}

/** The streams and one stream's events: `wanted` if given, else the newest. */
export async function viewLogs(ctx: StepContext, functionName: string, wanted?: string): Promise<StreamView> {
  const streams = await listLogStreams(ctx, functionName);
  const stream = wanted ?? streams[0]?.name;
  return { streams, stream, events: stream ? await latestLogEvents(ctx, functionName, stream) : [] };
}

/** How long an invocation's log may take to arrive: on AWS, usually a few seconds. */
const INVOCATION_LOG_WAIT_MS = 30_000;

/**
 * The stream holding one invocation's log (its `START RequestId: <id>` line), waited for,
 * since CloudWatch Logs receives a function's output a moment after the invoke returns.
 * The newest stream is where a new invocation usually writes; when the log has not come
 * within the wait, the newest stream is shown anyway.
 */
export async function viewInvocationLogs(ctx: StepContext, functionName: string, requestId: string): Promise<StreamView> {
  const hasInvocation = (view: StreamView) => view.events.some((event) => event.message.includes(`RequestId: ${requestId}`));
  try {
    return await pollUntil(ctx, {
      read: () => viewLogs(ctx, functionName),
      done: hasInvocation,
      describe: () => ({ text: `Waiting for the log of request ${requestId}`, waitingFor: 'the invocation’s log' }),
      timeoutMs: INVOCATION_LOG_WAIT_MS,
    });
  } catch (error) {
    if (!hasName('WaitTimedOut')(error)) throw error;
    return viewLogs(ctx, functionName);
  }
}

export const logsCli = {
  streams: (place: Place, functionName: string) => [
    run(awsCommand(place, 'logs', 'describe-log-streams', [['--log-group-name', logGroupOf(functionName)], ['--order-by', 'LastEventTime'], ['--descending']])),
  ],
  follow: (place: Place, functionName: string) => [run(awsCommand(place, 'logs', `tail ${logGroupOf(functionName)}`, [['--follow']]))],
};

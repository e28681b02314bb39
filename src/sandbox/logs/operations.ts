import { Constraints } from '../protocol/constraints.ts';
import { AwsError } from '../protocol/errors.ts';
import { invalid, logsTypeError, notFound } from './errors.ts';
import type { SandboxRequest } from '../protocol/service.ts';
import type {
  DescribeLogGroupsOutput,
  DescribeLogStreamsOutput,
  FilterLogEventsOutput,
  GetLogEventsOutput,
  PutLogEventsOutput,
} from '../protocol/generated/logs.ts';
import { compileFilterPattern } from './filter-pattern.ts';
import type { LogEvent, LogGroupRecord, LogStore, LogStreamRecord } from './log-store.ts';
import { decodeToken, encodeToken, pageOf } from '../protocol/paging.ts';

/**
 * The CloudWatch Logs operations the lab uses, plus the few that make them
 * testable. The protocol layer has checked each input against the Logs model
 * (and validation-rules.ts); here members are read as their JSON types.
 */

/** CloudWatch Logs refuses events older than this (the PutLogEvents API reference). */
const MAX_EVENT_AGE_MS = 14 * 86_400_000;

function constraints(): Constraints {
  return new Constraints(logsTypeError);
}

export interface LogsContext {
  store: LogStore;
  accountId: string;
}

function groupArn(ctx: LogsContext, req: SandboxRequest, group: string): string {
  return `arn:aws:logs:${req.region}:${ctx.accountId}:log-group:${group}`;
}

function requireGroup(ctx: LogsContext, name: string): LogGroupRecord {
  const group = ctx.store.group(name);
  if (!group) throw notFound('log group');
  return group;
}

function requireStream(group: LogGroupRecord, name: string): LogStreamRecord {
  const stream = group.streams.get(name);
  if (!stream) throw notFound('log stream');
  return stream;
}

/** logGroupName, or the name inside a logGroupIdentifier (which may be an ARN). */
function groupNameOf(input: Record<string, unknown>, c: Constraints): string {
  const identifier = c.string(input.logGroupIdentifier, 'logGroupIdentifier');
  const name = c.string(input.logGroupName, 'logGroupName');
  if (name !== undefined && identifier !== undefined) {
    // With this code, unlike the other exclusive pairs (test_logs_streams.snapshot.json in localstack/localstack,
    // test_describe_log_streams_with_log_group_identifier › error-both-name-and-identifier, recorded on AWS).
    throw new AwsError('ValidationException', 'LogGroup name and LogGroup ARN are mutually exclusive parameters.');
  }
  return name ?? identifier!.replace(/^arn:[^:]+:logs:[^:]*:\d*:log-group:/, '').replace(/:\*$/, '');
}

function streamSummary(ctx: LogsContext, req: SandboxRequest, group: LogGroupRecord, stream: LogStreamRecord) {
  const first = stream.events[0];
  const last = stream.events.at(-1);
  return {
    logStreamName: stream.logStreamName,
    creationTime: stream.creationTime,
    ...(first ? { firstEventTimestamp: first.timestamp } : {}),
    ...(last ? { lastEventTimestamp: last.timestamp, lastIngestionTime: last.ingestionTime } : {}),
    arn: `${groupArn(ctx, req, group.logGroupName)}:log-stream:${stream.logStreamName}`,
    storedBytes: 0,
  };
}

export function logsOperations(ctx: LogsContext) {
  return {
    async CreateLogGroup(input: Record<string, unknown>) {
      const c = constraints();
      const name = c.string(input.logGroupName, 'logGroupName')!;
      if (ctx.store.group(name)) {
        throw new AwsError('ResourceAlreadyExistsException', 'The specified log group already exists');
      }
      await ctx.store.createGroup(name);
      return {};
    },

    async DeleteLogGroup(input: Record<string, unknown>) {
      const c = constraints();
      const name = c.string(input.logGroupName, 'logGroupName')!;
      requireGroup(ctx, name);
      await ctx.store.deleteGroup(name);
      return {};
    },

    async DescribeLogGroups(input: Record<string, unknown>, req: SandboxRequest): Promise<DescribeLogGroupsOutput> {
      const c = constraints();
      const prefix = c.string(input.logGroupNamePrefix, 'logGroupNamePrefix');
      const pattern = c.string(input.logGroupNamePattern, 'logGroupNamePattern');
      const limit = c.integer(input.limit, 'limit') ?? 50;
      const token = c.string(input.nextToken, 'nextToken');
      if (prefix !== undefined && pattern !== undefined) {
        throw invalid('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
      }
      const groups = ctx.store
        .allGroups()
        .filter((g) => (prefix === undefined || g.logGroupName.startsWith(prefix)) && (!pattern || g.logGroupName.includes(pattern)))
        .sort((a, b) => a.logGroupName.localeCompare(b.logGroupName));
      const page = pageOf(groups, limit, token);
      return {
        logGroups: page.items.map((group) => {
          const arn = groupArn(ctx, req, group.logGroupName);
          return {
            logGroupName: group.logGroupName,
            creationTime: group.creationTime,
            metricFilterCount: 0,
            arn: `${arn}:*`,
            storedBytes: 0,
            logGroupClass: 'STANDARD',
            logGroupArn: arn,
          };
        }),
        ...(page.nextToken ? { nextToken: page.nextToken } : {}),
      };
    },

    async CreateLogStream(input: Record<string, unknown>) {
      const c = constraints();
      const groupName = c.string(input.logGroupName, 'logGroupName')!;
      const streamName = c.string(input.logStreamName, 'logStreamName')!;
      const group = requireGroup(ctx, groupName);
      if (group.streams.has(streamName)) {
        throw new AwsError('ResourceAlreadyExistsException', 'The specified log stream already exists');
      }
      ctx.store.createStream(group, streamName);
      return {};
    },

    async DeleteLogStream(input: Record<string, unknown>) {
      const c = constraints();
      const groupName = c.string(input.logGroupName, 'logGroupName')!;
      const streamName = c.string(input.logStreamName, 'logStreamName')!;
      const group = requireGroup(ctx, groupName);
      requireStream(group, streamName);
      await ctx.store.deleteStream(group, streamName);
      return {};
    },

    async DescribeLogStreams(input: Record<string, unknown>, req: SandboxRequest): Promise<DescribeLogStreamsOutput> {
      const c = constraints();
      const prefix = c.string(input.logStreamNamePrefix, 'logStreamNamePrefix');
      const orderBy = c.string(input.orderBy, 'orderBy') ?? 'LogStreamName';
      const descending = c.boolean(input.descending, 'descending') ?? false;
      const limit = c.integer(input.limit, 'limit') ?? 50;
      const token = c.string(input.nextToken, 'nextToken');
      const group = requireGroup(ctx, groupNameOf(input, c));
      if (prefix !== undefined && orderBy === 'LastEventTime') {
        throw invalid('Cannot order by LastEventTime with a logStreamNamePrefix.');
      }
      const lastEvent = (s: LogStreamRecord) => s.events.at(-1)?.timestamp ?? s.creationTime;
      const streams = [...group.streams.values()]
        .filter((s) => prefix === undefined || s.logStreamName.startsWith(prefix))
        .sort((a, b) => (orderBy === 'LastEventTime' ? lastEvent(a) - lastEvent(b) : a.logStreamName.localeCompare(b.logStreamName)));
      if (descending) streams.reverse();
      const page = pageOf(streams, limit, token);
      return {
        logStreams: page.items.map((stream) => streamSummary(ctx, req, group, stream)),
        ...(page.nextToken ? { nextToken: page.nextToken } : {}),
      };
    },

    async PutLogEvents(input: Record<string, unknown>): Promise<PutLogEventsOutput> {
      const c = constraints();
      const groupName = c.string(input.logGroupName, 'logGroupName')!;
      const streamName = c.string(input.logStreamName, 'logStreamName')!;
      const events = c.list(input.logEvents, 'logEvents');
      const parsed = (events ?? []).map((event, i) => {
        const e = c.object(event, `logEvents.${i + 1}.member`) ?? {};
        const timestamp = c.integer(e.timestamp, `logEvents.${i + 1}.member.timestamp`);
        const message = c.string(e.message, `logEvents.${i + 1}.member.message`);
        return { timestamp: timestamp ?? 0, message: message ?? '' };
      });
      if (parsed.some((e, i) => i > 0 && e.timestamp < parsed[i - 1].timestamp)) {
        throw invalid('Log events in a single PutLogEvents request must be in chronological order.');
      }
      const group = requireGroup(ctx, groupName);
      const stream = requireStream(group, streamName);
      // Events over 14 days old are refused, not stored; in chronological order they are the first few, and
      // AWS names where they end (test_logs_events.snapshot.json in localstack/localstack, test_put_log_events_too_old).
      const oldest = Date.now() - MAX_EVENT_AGE_MS;
      const tooOld = parsed.findIndex((e) => e.timestamp >= oldest);
      const tooOldEnd = tooOld === -1 ? parsed.length : tooOld;
      ctx.store.append(group, stream, parsed.slice(tooOldEnd));
      return {
        nextSequenceToken: String(stream.events.length + 1).padStart(56, '4'),
        ...(tooOldEnd > 0 ? { rejectedLogEventsInfo: { tooOldLogEventEndIndex: tooOldEnd } } : {}),
      };
    },

    async GetLogEvents(input: Record<string, unknown>): Promise<GetLogEventsOutput> {
      const c = constraints();
      const streamName = c.string(input.logStreamName, 'logStreamName')!;
      const startTime = c.integer(input.startTime, 'startTime');
      const endTime = c.integer(input.endTime, 'endTime');
      const token = c.string(input.nextToken, 'nextToken');
      const limit = c.integer(input.limit, 'limit') ?? 10000;
      const startFromHead = c.boolean(input.startFromHead, 'startFromHead') ?? false;
      const group = requireGroup(ctx, groupNameOf(input, c));
      const stream = requireStream(group, streamName);
      const events = stream.events.filter((e) => (startTime === undefined || e.timestamp >= startTime) && (endTime === undefined || e.timestamp < endTime));
      // A token is a position between events: forward tokens read on from it, backward tokens read up to it.
      const position = token === undefined ? undefined : decodeToken(token, ['f', 'b']);
      if (token !== undefined && !position) throw invalid('The specified nextToken is invalid.');
      const forward = position ? position.direction === 'f' : startFromHead;
      const at = Math.min(position?.index ?? (forward ? 0 : events.length), events.length);
      const [from, to] = forward ? [at, Math.min(at + limit, events.length)] : [Math.max(at - limit, 0), at];
      return {
        events: events.slice(from, to).map((e: LogEvent) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime })),
        nextForwardToken: encodeToken('f', to),
        nextBackwardToken: encodeToken('b', from),
      };
    },

    async FilterLogEvents(input: Record<string, unknown>): Promise<FilterLogEventsOutput> {
      const c = constraints();
      const names = c.list(input.logStreamNames, 'logStreamNames')?.map((n, i) => c.string(n, `logStreamNames.${i + 1}.member`));
      const prefix = c.string(input.logStreamNamePrefix, 'logStreamNamePrefix');
      const startTime = c.integer(input.startTime, 'startTime');
      const endTime = c.integer(input.endTime, 'endTime');
      const pattern = c.string(input.filterPattern, 'filterPattern');
      const token = c.string(input.nextToken, 'nextToken');
      const limit = c.integer(input.limit, 'limit') ?? 10000;
      const group = requireGroup(ctx, groupNameOf(input, c));
      if (names && prefix !== undefined) {
        throw invalid('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
      }
      const matches = compileFilterPattern(pattern);
      const streams = [...group.streams.values()].filter(
        (s) => (!names || names.includes(s.logStreamName)) && (prefix === undefined || s.logStreamName.startsWith(prefix)),
      );
      const found = streams
        .flatMap((stream) => stream.events.map((event, index) => ({ stream, event, index })))
        .filter(
          ({ event }) =>
            (startTime === undefined || event.timestamp >= startTime) && (endTime === undefined || event.timestamp <= endTime) && matches(event.message),
        )
        .sort((a, b) => a.event.timestamp - b.event.timestamp || a.event.ingestionTime - b.event.ingestionTime);
      const page = pageOf(found, limit, token);
      return {
        events: page.items.map(({ stream, event, index }) => ({
          logStreamName: stream.logStreamName,
          timestamp: event.timestamp,
          message: event.message,
          ingestionTime: event.ingestionTime,
          eventId: `${event.timestamp}${String(index).padStart(20, '0')}`,
        })),
        searchedLogStreams: streams.map((s) => ({ logStreamName: s.logStreamName, searchedCompletely: true })),
        ...(page.nextToken ? { nextToken: page.nextToken } : {}),
      };
    },
  };
}

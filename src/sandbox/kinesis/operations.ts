// Kinesis operations on the wire (awsJson 1.1, X-Amz-Target Kinesis_20131202.*):
// the protocol layer has checked the input against Kinesis's model; each reads
// its members as their JSON types, applies Kinesis's own rules, then asks the engine.
// Blobs travel as base64 strings and timestamps as epoch seconds.
import { Constraints } from '../protocol/constraints.ts';
import type { AwsJsonOperation } from '../protocol/aws-json.ts';
import { AwsError } from '../protocol/errors.ts';
import type { SandboxRequest } from '../protocol/service.ts';
import type {
  DescribeStreamOutput,
  DescribeStreamSummaryOutput,
  GetRecordsOutput,
  GetShardIteratorOutput,
  ListStreamsOutput,
  ListTagsForStreamOutput,
  PutRecordOutput,
  PutRecordsOutput,
} from '../protocol/generated/kinesis.ts';
import { withoutTags, withTags, type TagMap } from '../tags.ts';
import { invalidArgument, streamNotFound, tooManyTags } from './errors.ts';
import { HASH_KEY_LIMIT } from './hash-keys.ts';
import type { IteratorStart, KinesisStreams, PutEntry, StreamMode, StreamView } from './streams.ts';

type IteratorType = 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER' | 'TRIM_HORIZON' | 'LATEST' | 'AT_TIMESTAMP';
const ON_DEMAND_SHARDS = 4;
/** DescribeStream and ListStreams return at most 100 shards or streams per call, whatever the Limit. */
const LIST_PAGE_MAX = 100;
/** ListTagsForStream's Limit goes up to 50 (the model); AWS documents no default, so one page holds all a stream may carry. */
const TAG_PAGE_MAX = 50;

/** A member of the wrong JSON type: the body could not be read into the operation's input. */
export const kinesisTypeError = (member: string, expected: string) => new AwsError('SerializationException', `Expected ${expected} for '${member}'.`);

function constraints(): Constraints {
  return new Constraints(kinesisTypeError);
}

/** A base64 blob member: Data in PutRecord and PutRecords (its size is checked in validation-rules.ts). */
function blob(value: unknown, member: string): Buffer | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new AwsError('SerializationException', `Expected base64 text for '${member}'.`);
  const bytes = Buffer.from(value, 'base64');
  if (bytes.toString('base64') !== value) {
    throw new AwsError('SerializationException', `'${value.slice(0, 64)}' can not be converted to a Blob: it is not valid base64`);
  }
  return bytes;
}

function explicitHashKey(value: string | undefined): bigint | undefined {
  if (value === undefined) return undefined;
  const key = BigInt(value);
  if (key >= HASH_KEY_LIMIT) {
    throw invalidArgument(`Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${value}`);
  }
  return key;
}

const seconds = (ms: number) => ms / 1000;

function enhancedMonitoring() {
  return [{ ShardLevelMetrics: [] }];
}

export function kinesisOperations(engine: KinesisStreams): Record<string, AwsJsonOperation> {
  /** The stream a request names, by StreamARN or by StreamName in the request's region. */
  function target(check: Constraints, input: Record<string, unknown>, req: SandboxRequest): { region: string; name: string } {
    const name = check.string(input.StreamName, 'streamName');
    const arn = check.string(input.StreamARN, 'streamARN');
    if (arn !== undefined) {
      const [, region, account, arnName] = /^arn:[^:]+:kinesis:([^:]*):(\d{12}):stream\/(.+)$/.exec(arn) ?? [];
      if (account !== engine.accountId) throw streamNotFound(arnName ?? arn, account ?? engine.accountId);
      return { region, name: arnName };
    }
    if (name === undefined) throw invalidArgument('Either StreamName or StreamARN should be provided.');
    return { region: req.region, name };
  }

  function summary(view: StreamView) {
    return {
      StreamName: view.name,
      StreamARN: view.arn,
      StreamStatus: view.status,
      StreamModeDetails: { StreamMode: view.mode },
      StreamCreationTimestamp: seconds(view.createdAt),
    };
  }

  /** Reads one record's members; `prefix` is '' for PutRecord and 'records.N.member.' for PutRecords. Call `toEntry` once the checks pass. */
  function readEntry(check: Constraints, entry: Record<string, unknown>, prefix: string) {
    const partitionKey = check.string(entry.PartitionKey, `${prefix}partitionKey`) ?? '';
    const hashKey = check.string(entry.ExplicitHashKey, `${prefix}explicitHashKey`);
    const data = blob(entry.Data, `${prefix}data`) ?? Buffer.alloc(0);
    return { toEntry: (): PutEntry => ({ data, partitionKey, explicitHashKey: explicitHashKey(hashKey) }) };
  }

  return {
    async CreateStream(input, req) {
      const check = constraints();
      const name = check.string(input.StreamName, 'streamName')!;
      const shardCount = check.integer(input.ShardCount, 'shardCount');
      const details = check.object(input.StreamModeDetails, 'streamModeDetails');
      const mode = details ? (check.string(details.StreamMode, 'streamModeDetails.streamMode') as StreamMode) : 'PROVISIONED';
      if (mode === 'PROVISIONED' && shardCount === undefined) {
        throw invalidArgument('ShardCount is required for a stream in PROVISIONED mode.');
      }
      if (mode === 'ON_DEMAND' && shardCount !== undefined) {
        throw invalidArgument('ShardCount is not supported for a stream in ON_DEMAND mode.');
      }
      const tags = withTags({}, (check.object(input.Tags, 'tags') ?? {}) as TagMap);
      if (!tags) throw tooManyTags(name, engine.accountId);
      await engine.create(req.region, name, mode, shardCount ?? ON_DEMAND_SHARDS, tags);
      return {};
    },

    async AddTagsToStream(input, req) {
      const check = constraints();
      const added = (check.object(input.Tags, 'tags') ?? {}) as TagMap;
      const { region, name } = target(check, input, req);
      const tags = withTags(engine.tagsOf(region, name), added);
      if (!tags) throw tooManyTags(name, engine.accountId);
      await engine.setTags(region, name, tags);
      return {};
    },

    async RemoveTagsFromStream(input, req) {
      const check = constraints();
      const keys = (check.list(input.TagKeys, 'tagKeys') ?? []) as string[];
      const { region, name } = target(check, input, req);
      await engine.setTags(region, name, withoutTags(engine.tagsOf(region, name), keys));
      return {};
    },

    async ListTagsForStream(input, req): Promise<ListTagsForStreamOutput> {
      const check = constraints();
      const limit = check.integer(input.Limit, 'limit') ?? TAG_PAGE_MAX;
      const after = check.string(input.ExclusiveStartTagKey, 'exclusiveStartTagKey');
      const { region, name } = target(check, input, req);
      const all = Object.entries(engine.tagsOf(region, name))
        .filter(([key]) => after === undefined || key > after)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return { Tags: all.slice(0, limit).map(([Key, Value]) => ({ Key, Value })), HasMoreTags: all.length > limit };
    },

    async DeleteStream(input, req) {
      const { region, name } = target(constraints(), input, req);
      await engine.delete(region, name);
      return {};
    },

    async DescribeStream(input, req): Promise<DescribeStreamOutput> {
      const check = constraints();
      const limit = check.integer(input.Limit, 'limit') ?? LIST_PAGE_MAX;
      const after = check.string(input.ExclusiveStartShardId, 'exclusiveStartShardId');
      const { region, name } = target(check, input, req);
      const view = engine.describe(region, name);
      const start = after === undefined ? 0 : view.shards.findIndex((s) => s.shardId > after);
      const shards = start === -1 ? [] : view.shards.slice(start, start + Math.min(limit, LIST_PAGE_MAX));
      return {
        StreamDescription: {
          ...summary(view),
          Shards: shards.map((shard) => ({
            ShardId: shard.shardId,
            HashKeyRange: { StartingHashKey: shard.startingHashKey, EndingHashKey: shard.endingHashKey },
            SequenceNumberRange: { StartingSequenceNumber: shard.startingSequenceNumber },
          })),
          HasMoreShards: start !== -1 && start + shards.length < view.shards.length,
          RetentionPeriodHours: view.retentionHours,
          EnhancedMonitoring: enhancedMonitoring(),
          EncryptionType: 'NONE',
        },
      };
    },

    async DescribeStreamSummary(input, req): Promise<DescribeStreamSummaryOutput> {
      const { region, name } = target(constraints(), input, req);
      const view = engine.describe(region, name);
      return {
        StreamDescriptionSummary: {
          ...summary(view),
          RetentionPeriodHours: view.retentionHours,
          EnhancedMonitoring: enhancedMonitoring(),
          EncryptionType: 'NONE',
          OpenShardCount: view.shards.length,
          ConsumerCount: 0,
        },
      };
    },

    async ListStreams(input, req): Promise<ListStreamsOutput> {
      const check = constraints();
      const limit = Math.min(check.integer(input.Limit, 'limit') ?? LIST_PAGE_MAX, LIST_PAGE_MAX);
      const exclusiveStart = check.string(input.ExclusiveStartStreamName, 'exclusiveStartStreamName');
      const token = check.string(input.NextToken, 'nextToken');
      if (token !== undefined && exclusiveStart !== undefined) {
        throw invalidArgument('NextToken and ExclusiveStartStreamName cannot be provided together.');
      }
      // The token is the last name of the page before, in base64.
      const after = token !== undefined ? Buffer.from(token, 'base64').toString('utf8') : exclusiveStart;
      if (token !== undefined && !/^[a-zA-Z0-9_.-]{1,128}$/.test(after!)) throw invalidArgument(`Invalid NextToken.`);
      const all = engine.list(req.region).filter((view) => after === undefined || view.name > after);
      const page = all.slice(0, limit);
      const more = all.length > page.length;
      return {
        StreamNames: page.map((view) => view.name),
        HasMoreStreams: more,
        ...(more ? { NextToken: Buffer.from(page.at(-1)!.name).toString('base64') } : {}),
        StreamSummaries: page.map(summary),
      };
    },

    async PutRecord(input, req): Promise<PutRecordOutput> {
      const check = constraints();
      const entry = readEntry(check, input, '');
      check.string(input.SequenceNumberForOrdering, 'sequenceNumberForOrdering');
      const { region, name } = target(check, input, req);
      const [result] = await engine.put(region, name, [entry.toEntry()]);
      return { ShardId: result.shardId, SequenceNumber: result.sequenceNumber };
    },

    async PutRecords(input, req): Promise<PutRecordsOutput> {
      const check = constraints();
      const records = check.list(input.Records, 'records');
      const entries = (records ?? []).map((record, i) => readEntry(check, check.object(record, `records.${i + 1}.member`) ?? {}, `records.${i + 1}.member.`));
      const { region, name } = target(check, input, req);
      const results = await engine.put(
        region,
        name,
        entries.map((entry) => entry.toEntry()),
      );
      return {
        FailedRecordCount: 0,
        Records: results.map((result) => ({ SequenceNumber: result.sequenceNumber, ShardId: result.shardId })),
      };
    },

    async GetShardIterator(input, req): Promise<GetShardIteratorOutput> {
      const check = constraints();
      const shardId = check.string(input.ShardId, 'shardId')!;
      const type = check.string(input.ShardIteratorType, 'shardIteratorType') as IteratorType;
      const sequenceNumber = check.string(input.StartingSequenceNumber, 'startingSequenceNumber');
      if (input.Timestamp !== undefined && input.Timestamp !== null && typeof input.Timestamp !== 'number') {
        throw new AwsError('SerializationException', `Expected epoch seconds for 'timestamp'.`);
      }
      const timestamp = typeof input.Timestamp === 'number' ? Math.round(input.Timestamp * 1000) : undefined;
      const { region, name } = target(check, input, req);
      return { ShardIterator: engine.shardIterator(region, name, shardId, iteratorStart(type, sequenceNumber, timestamp)) };
    },

    async GetRecords(input): Promise<GetRecordsOutput> {
      const check = constraints();
      const iterator = check.string(input.ShardIterator, 'shardIterator')!;
      const limit = check.integer(input.Limit, 'limit');
      check.string(input.StreamARN, 'streamARN');
      const page = engine.getRecords(iterator, limit);
      return {
        Records: page.records.map((record) => ({
          SequenceNumber: record.sequenceNumber,
          ApproximateArrivalTimestamp: seconds(record.arrivedAt),
          Data: record.data,
          PartitionKey: record.partitionKey,
        })),
        NextShardIterator: page.nextShardIterator,
        MillisBehindLatest: page.millisBehindLatest,
      };
    },
  };
}

/** Where an iterator starts; the type and the parameters must go together as AWS requires. */
function iteratorStart(type: IteratorType, sequenceNumber: string | undefined, timestamp: number | undefined): IteratorStart {
  const bySequence = type === 'AT_SEQUENCE_NUMBER' || type === 'AFTER_SEQUENCE_NUMBER';
  if (type === 'AT_TIMESTAMP') {
    if (timestamp === undefined) {
      throw invalidArgument('Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.');
    }
    const now = Date.now();
    if (timestamp > now) {
      throw invalidArgument(
        `The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. timestampInMillis: ${timestamp}, currentTimestampInMillis: ${now}`,
      );
    }
    return { type, timestamp };
  }
  if (bySequence !== (sequenceNumber !== undefined)) {
    throw invalidArgument(
      'Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or ' +
        '(2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. ' +
        `Request specified ${type} and ${sequenceNumber === undefined ? 'no' : 'also a'} StartingSequenceNumber.`,
    );
  }
  return bySequence ? { type, sequenceNumber: sequenceNumber! } : { type };
}

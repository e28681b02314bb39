// Kinesis errors with AWS's wording. Kinesis sends every client error as
// HTTP 400 with a bare `__type` (no namespace).
import { AwsError } from '../protocol/errors.ts';

export function streamNotFound(name: string, accountId: string): AwsError {
  return new AwsError('ResourceNotFoundException', `Stream ${name} under account ${accountId} not found.`);
}

export function streamExists(name: string, accountId: string): AwsError {
  return new AwsError('ResourceInUseException', `Stream ${name} under account ${accountId} already exists.`);
}

export function streamBeingCreated(name: string): AwsError {
  return new AwsError('ResourceInUseException', `Attempt to change a resource which is still in use: Stream is being created: ${name}`);
}

export function shardNotFound(shardId: string, streamName: string, accountId: string): AwsError {
  return new AwsError('ResourceNotFoundException', `Shard ${shardId} in stream ${streamName} under account ${accountId} does not exist`);
}

export const invalidArgument = (message: string) => new AwsError('InvalidArgumentException', message);

/** A stream carries at most 50 tags (the model's AddTagsToStream documentation). */
export const tooManyTags = (name: string, accountId: string) =>
  invalidArgument(`Failed to add tags to stream ${name} under account ${accountId} because a given stream cannot have more than 50 tags.`);

export const invalidShardIterator = () => invalidArgument('Invalid ShardIterator.');

/** AWS prints times in these messages like `date -u`: "Thu Jan 22 01:22:02 UTC 2015". */
function unixDate(ms: number): string {
  const [weekday, day, month, year, time] = new Date(ms).toUTCString().replace(',', '').split(' ');
  return `${weekday} ${month} ${day} ${time} UTC ${year}`;
}

export function iteratorExpired(issuedAt: number, now: number, toleratedMs: number): AwsError {
  return new AwsError(
    'ExpiredIteratorException',
    `Iterator expired. The iterator was created at time ${unixDate(issuedAt)} while right now it is ${unixDate(now)} ` +
      `which is further in the future than the tolerated delay of ${toleratedMs} milliseconds.`,
  );
}

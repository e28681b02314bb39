// The event Lambda hands a function for a batch of Kinesis records, field by
// field as in "Using Lambda with Kinesis Data Streams" (Lambda developer guide).
import type { ReadRecord } from '../../kinesis/index.ts';

export interface RecordSource {
  shardId: string;
  streamArn: string;
  /** The stream's region. */
  region: string;
  /** The function's execution role, which Lambda reads the stream as. */
  roleArn: string;
}

export function kinesisEvent(records: ReadRecord[], source: RecordSource) {
  return {
    Records: records.map((record) => ({
      kinesis: {
        kinesisSchemaVersion: '1.0',
        partitionKey: record.partitionKey,
        sequenceNumber: record.sequenceNumber,
        data: record.data,
        // Seconds, with the milliseconds as a fraction.
        approximateArrivalTimestamp: record.arrivedAt / 1000,
      },
      eventSource: 'aws:kinesis',
      eventVersion: '1.0',
      eventID: `${source.shardId}:${record.sequenceNumber}`,
      eventName: 'aws:kinesis:record',
      invokeIdentityArn: source.roleArn,
      awsRegion: source.region,
      eventSourceARN: source.streamArn,
    })),
  };
}

// Reads one shard of a Kinesis stream for an event source mapping and hands
// its records to the function in order, at most BatchSize at a time. What
// AWS does by default when the function fails: the same batch again, with
// growing pauses, until it succeeds or its records expire from the stream,
// and nothing after it on the shard meanwhile. MaximumRetryAttempts and
// MaximumRecordAgeInSeconds end that sooner (the batch is then skipped);
// BisectBatchOnFunctionError splits a failing batch in two and tries each half.
import type { IteratorStart, KinesisStreams, ReadRecord } from '../../kinesis/index.ts';
import type { MappingSettings } from './input.ts';

/** With no new records, look again this often even if no put wakes the poller. */
const IDLE_POLL_MS = 1000;
/** Pauses between retries of a failed batch: 1 s, doubling, at most 30 s. */
const FIRST_RETRY_MS = 1000;
const LONGEST_RETRY_MS = 30_000;
/** A batch stays under Lambda's 6 MB synchronous payload, with room for the event's own fields. */
const MAX_BATCH_DATA_BYTES = 5 * 1024 * 1024;

export interface ShardPollerOptions {
  streams: KinesisStreams;
  stream: { region: string; name: string; arn: string; retentionHours: number };
  shardId: string;
  /** Where reading starts: after the last record handled, or the mapping's starting position. */
  start: IteratorStart;
  settings: MappingSettings;
  /** Invokes the function with a batch; true when it succeeded. */
  invoke(records: ReadRecord[], shardId: string): Promise<boolean>;
  /** The shard has been handled up to here (written before the next batch is read). */
  checkpoint(shardId: string, position: IteratorStart): Promise<void>;
}

/** The records of a batch that fit in one invocation's payload (always at least one). */
function withinPayloadLimit(records: ReadRecord[]): ReadRecord[] {
  let bytes = 0;
  const fitting = records.findIndex((record, i) => {
    bytes += record.data.length + 512;
    return i > 0 && bytes > MAX_BATCH_DATA_BYTES;
  });
  return fitting === -1 ? records : records.slice(0, fitting);
}

export class ShardPoller {
  private readonly options: ShardPollerOptions;
  private position: IteratorStart;
  private stopped = false;
  private wake?: () => void;
  private readonly unsubscribe: () => void;
  /** Settles when the poller has finished its last batch after stop(). */
  readonly finished: Promise<void>;

  constructor(options: ShardPollerOptions) {
    this.options = options;
    this.position = options.start;
    this.unsubscribe = options.streams.onRecords(options.stream.arn, (shardId) => {
      if (shardId === options.shardId) this.wake?.();
    });
    this.finished = this.run().finally(() => this.unsubscribe());
  }

  /** No new batch starts; a batch being delivered still completes (and is checkpointed if it succeeds). */
  stop(): void {
    this.stopped = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    const { shardId, settings } = this.options;
    while (!this.stopped) {
      let records: ReadRecord[];
      try {
        records = this.read();
        if (records.length > 0 && records.length < settings.batchSize && settings.maximumBatchingWindowInSeconds > 0) {
          // Wait for a fuller batch, for at most the batching window.
          await this.pause(settings.maximumBatchingWindowInSeconds * 1000, false);
          records = this.read();
        }
      } catch {
        // The stream is being created, was deleted, or is gone: look again later.
        await this.pause(IDLE_POLL_MS);
        continue;
      }
      if (records.length === 0) {
        await this.pause(IDLE_POLL_MS);
        continue;
      }
      const batch = withinPayloadLimit(records);
      if (!(await this.settle(batch))) return;
      this.position = { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: batch.at(-1)!.sequenceNumber };
      await this.options.checkpoint(shardId, this.position);
    }
  }

  private read(): ReadRecord[] {
    const { streams, stream, shardId, settings } = this.options;
    const iterator = streams.shardIterator(stream.region, stream.name, shardId, this.position);
    return streams.getRecords(iterator, settings.batchSize).records;
  }

  /** Delivers a batch until it succeeds, expires or runs out of retries: true; false if the poller was stopped first. */
  private async settle(records: ReadRecord[]): Promise<boolean> {
    const { settings } = this.options;
    for (let attempt = 0; ; attempt++) {
      if (this.stopped) return false;
      const live = records.filter((record) => !this.expired(record));
      if (live.length === 0) return true;
      if (await this.options.invoke(live, this.options.shardId)) return true;
      if (settings.bisectBatchOnFunctionError && live.length > 1) {
        const half = Math.ceil(live.length / 2);
        return (await this.settle(live.slice(0, half))) && (await this.settle(live.slice(half)));
      }
      if (settings.maximumRetryAttempts !== -1 && attempt >= settings.maximumRetryAttempts) return true;
      await this.pause(Math.min(FIRST_RETRY_MS * 2 ** attempt, LONGEST_RETRY_MS));
    }
  }

  private expired(record: ReadRecord, now = Date.now()): boolean {
    const age = now - record.arrivedAt;
    const { maximumRecordAgeInSeconds } = this.options.settings;
    return age > this.options.stream.retentionHours * 3_600_000 || (maximumRecordAgeInSeconds !== -1 && age > maximumRecordAgeInSeconds * 1000);
  }

  /** Waits `ms`, or less if stopped (or, when `wakeOnRecords`, when records land on the shard). */
  private pause(ms: number, wakeOnRecords = true): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms).unref();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        if (wakeOnRecords || this.stopped) done();
      };
    });
  }
}

// The Kinesis engine: streams, their shards and records, kept in memory and
// written through to the document store. Every acknowledged put is on disk
// first (one document per put and shard, written atomically), so a crash
// loses nothing that a client saw succeed. Records older than the retention
// window are trimmed, a batch document at a time.
import { SerialQueue } from '../serial-queue.ts';
import type { DocumentStore } from '../storage/document-store.ts';
import { iteratorExpired, invalidArgument, invalidShardIterator, shardNotFound, streamBeingCreated, streamExists, streamNotFound } from './errors.ts';
import { evenHashKeyRanges, hashKeyOf, rangeIndexOf, type HashKeyRange } from './hash-keys.ts';
import { decodeSequenceNumber, encodeSequenceNumber } from './sequence-numbers.ts';
import { openShardIteratorCodec, type IteratorPosition, type ShardIteratorCodec } from './shard-iterators.ts';
import { INSTANT_TIMINGS } from '../timings/timings.ts';

export type StreamMode = 'PROVISIONED' | 'ON_DEMAND';
export type StreamStatus = 'CREATING' | 'ACTIVE' | 'DELETING';

const DEFAULT_RETENTION_HOURS = 24;
/** A shard iterator is good for five minutes after it is issued. */
const ITERATOR_LIFETIME_MS = 300_000;
/** GetRecords returns at most 10 MiB of data per call. */
const MAX_READ_BYTES = 10 * 1024 * 1024;
const TRIM_INTERVAL_MS = 60_000;
const INSTANT_CREATING_MS = INSTANT_TIMINGS.durationMs('kinesis.stream-creating');
const INSTANT_DELETING_MS = INSTANT_TIMINGS.durationMs('kinesis.stream-deleting');

interface ShardDocument extends HashKeyRange {
  shardId: string;
}

interface StreamDocument {
  name: string;
  region: string;
  createdAt: number;
  /** How long it stays CREATING, drawn when it was created (older documents: the instant default). */
  creatingMs?: number;
  /** How long it stays DELETING, drawn when DeleteStream began. */
  deletingMs?: number;
  mode: StreamMode;
  retentionHours: number;
  shards: ShardDocument[];
  /** Per shard, the counter after the last record retention removed, so counters never go back after a trim. */
  trimmedTo: Record<string, number>;
  /** Set when DeleteStream began; a restart finishes a deletion it interrupted. */
  deletingSince?: number;
  /** Absent in documents written before the sandbox kept tags. */
  tags?: Record<string, string>;
}

/** One record as stored: counter, arrival time (ms), partition key, data (base64). */
interface StoredRecord {
  c: number;
  t: number;
  k: string;
  d: string;
}

interface Batch {
  key: string;
  lastCounter: number;
  lastArrival: number;
}

interface Shard {
  index: number;
  doc: ShardDocument;
  records: StoredRecord[];
  batches: Batch[];
  nextCounter: number;
}

interface Stream {
  doc: StreamDocument;
  arn: string;
  shards: Shard[];
  /** Puts, trims and the deletion of one stream run one after another. */
  queue: SerialQueue;
}

export interface ShardView extends HashKeyRange {
  shardId: string;
  startingSequenceNumber: string;
}

export interface StreamView {
  name: string;
  arn: string;
  status: StreamStatus;
  mode: StreamMode;
  createdAt: number;
  retentionHours: number;
  shards: ShardView[];
}

export interface PutEntry {
  data: Buffer;
  partitionKey: string;
  explicitHashKey?: bigint;
}

export interface PutResult {
  shardId: string;
  sequenceNumber: string;
}

export type IteratorStart =
  | { type: 'TRIM_HORIZON' | 'LATEST' }
  | { type: 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER'; sequenceNumber: string }
  | { type: 'AT_TIMESTAMP'; timestamp: number };

export interface ReadRecord {
  sequenceNumber: string;
  /** ms */
  arrivedAt: number;
  /** base64, as the wire and Lambda's Kinesis event carry it */
  data: string;
  partitionKey: string;
}

export interface RecordsPage {
  records: ReadRecord[];
  nextShardIterator: string;
  millisBehindLatest: number;
}

export interface KinesisOptions {
  accountId: string;
  /** How long a new stream stays CREATING, and a deleted one DELETING (the sandbox's timings). */
  durationMs?: (transition: 'kinesis.stream-creating' | 'kinesis.stream-deleting') => number;
  now?: () => number;
}

const streamKey = (region: string, name: string) => `${region}:${name}`;
const shardIdOf = (index: number) => `shardId-${String(index).padStart(12, '0')}`;
const batchFolder = (doc: StreamDocument, shardId: string) => `records/${streamKey(doc.region, doc.name)}:${doc.createdAt}/${shardId}`;

/** First index in `records` (sorted by counter) whose counter is at least `counter`. */
function firstAtOrAfter(records: StoredRecord[], counter: number): number {
  let low = 0;
  let high = records.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (records[middle].c < counter) low = middle + 1;
    else high = middle;
  }
  return low;
}

export class KinesisStreams {
  readonly accountId: string;
  private readonly store: DocumentStore;
  private readonly iterators: ShardIteratorCodec;
  private readonly durationMs: NonNullable<KinesisOptions['durationMs']>;
  private readonly now: () => number;
  private readonly streams = new Map<string, Stream>();
  private readonly listeners = new Map<string, Set<(shardId: string) => void>>();
  private readonly trimTimer: NodeJS.Timeout;

  private constructor(store: DocumentStore, iterators: ShardIteratorCodec, options: KinesisOptions) {
    this.store = store;
    this.iterators = iterators;
    this.accountId = options.accountId;
    this.durationMs = options.durationMs ?? ((transition) => INSTANT_TIMINGS.durationMs(transition));
    // Date.now looked up at each call, as the other services do, so a test that holds Date holds streams too.
    this.now = options.now ?? (() => Date.now());
    this.trimTimer = setInterval(() => void this.trimAll(), TRIM_INTERVAL_MS);
    this.trimTimer.unref();
  }

  static async open(store: DocumentStore, options: KinesisOptions): Promise<KinesisStreams> {
    const engine = new KinesisStreams(store, await openShardIteratorCodec(store), options);
    for (const key of await store.list('streams')) {
      const doc = await store.read<StreamDocument>(`streams/${key}`);
      if (!doc) continue;
      if (doc.deletingSince !== undefined) await engine.purge(doc);
      else engine.streams.set(key, await engine.load(doc));
    }
    await engine.trimAll();
    return engine;
  }

  arnOf(region: string, name: string): string {
    return `arn:aws:kinesis:${region}:${this.accountId}:stream/${name}`;
  }

  async create(region: string, name: string, mode: StreamMode, shardCount: number, tags: Record<string, string> = {}): Promise<void> {
    const key = streamKey(region, name);
    if (this.find(key)) throw streamExists(name, this.accountId);
    const doc: StreamDocument = {
      name,
      region,
      createdAt: this.now(),
      creatingMs: this.durationMs('kinesis.stream-creating'),
      mode,
      retentionHours: DEFAULT_RETENTION_HOURS,
      shards: evenHashKeyRanges(shardCount).map((range, i) => ({ shardId: shardIdOf(i), ...range })),
      trimmedTo: {},
      tags,
    };
    const stream = this.assemble(doc);
    this.streams.set(key, stream);
    try {
      await this.store.write(`streams/${key}`, doc);
    } catch (error) {
      this.streams.delete(key);
      throw error;
    }
  }

  async delete(region: string, name: string): Promise<void> {
    const stream = this.find(streamKey(region, name));
    if (!stream || stream.doc.deletingSince !== undefined) throw streamNotFound(name, this.accountId);
    if (this.statusOf(stream) === 'CREATING') throw streamBeingCreated(name);
    await stream.queue.run(async () => {
      stream.doc.deletingSince = this.now();
      stream.doc.deletingMs = this.durationMs('kinesis.stream-deleting');
      await this.store.write(`streams/${streamKey(region, name)}`, stream.doc);
      this.listeners.delete(stream.arn);
      await this.purge(stream.doc);
    });
  }

  describe(region: string, name: string): StreamView {
    const stream = this.find(streamKey(region, name));
    if (!stream) throw streamNotFound(name, this.accountId);
    return this.view(stream);
  }

  list(region: string): StreamView[] {
    return [...this.streams.keys()]
      .map((key) => this.find(key))
      .filter((stream): stream is Stream => stream !== undefined && stream.doc.region === region)
      .map((stream) => this.view(stream))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  tagsOf(region: string, name: string): Record<string, string> {
    const stream = this.find(streamKey(region, name));
    if (!stream) throw streamNotFound(name, this.accountId);
    return stream.doc.tags ?? {};
  }

  /** Replaces the stream's tags, on disk before it resolves. */
  async setTags(region: string, name: string, tags: Record<string, string>): Promise<void> {
    const stream = this.find(streamKey(region, name));
    if (!stream) throw streamNotFound(name, this.accountId);
    await stream.queue.run(async () => {
      if (stream.doc.deletingSince !== undefined) throw streamNotFound(name, this.accountId);
      stream.doc.tags = tags;
      await this.store.write(`streams/${streamKey(region, name)}`, stream.doc);
    });
  }

  /** Appends records in order; resolves once they are on disk. */
  async put(region: string, name: string, entries: PutEntry[]): Promise<PutResult[]> {
    const stream = this.activeStream(region, name);
    const ranges = stream.doc.shards;
    const targets = entries.map((entry) => stream.shards[rangeIndexOf(ranges, entry.explicitHashKey ?? hashKeyOf(entry.partitionKey))]);
    return stream.queue.run(async () => {
      if (stream.doc.deletingSince !== undefined) throw streamNotFound(name, this.accountId);
      const arrivedAt = this.now();
      const written = new Map<Shard, StoredRecord[]>();
      const results = entries.map((entry, i) => {
        const shard = targets[i];
        const record: StoredRecord = { c: shard.nextCounter++, t: arrivedAt, k: entry.partitionKey, d: entry.data.toString('base64') };
        const batch = written.get(shard);
        if (batch) batch.push(record);
        else written.set(shard, [record]);
        return { shardId: shard.doc.shardId, sequenceNumber: this.sequenceNumber(stream, shard, record) };
      });
      const batches = [...written].map(([shard, records]) => ({
        shard,
        records,
        key: `${batchFolder(stream.doc, shard.doc.shardId)}/${String(records[0].c).padStart(16, '0')}`,
      }));
      await Promise.all(batches.map(({ key, records }) => this.store.write(key, { records })));
      for (const { shard, records, key } of batches) {
        shard.records.push(...records);
        shard.batches.push({ key, lastCounter: records.at(-1)!.c, lastArrival: arrivedAt });
      }
      for (const { shard } of batches) this.notify(stream.arn, shard.doc.shardId);
      return results;
    });
  }

  shardIterator(region: string, name: string, shardId: string, start: IteratorStart): string {
    const stream = this.find(streamKey(region, name));
    const shard = stream && this.statusOf(stream) === 'ACTIVE' ? this.shardOf(stream, shardId) : undefined;
    if (!stream || !shard) throw shardNotFound(shardId, name, this.accountId);
    const position: IteratorPosition = {
      stream: streamKey(region, name),
      streamCreatedAt: stream.doc.createdAt,
      shardId: shard.doc.shardId,
      next: stream.doc.trimmedTo[shard.doc.shardId] ?? 0,
      issuedAt: this.now(),
    };
    if (start.type === 'LATEST') position.next = shard.nextCounter;
    if (start.type === 'AT_TIMESTAMP') position.notBefore = start.timestamp;
    if (start.type === 'AT_SEQUENCE_NUMBER' || start.type === 'AFTER_SEQUENCE_NUMBER') {
      const counter = this.counterOf(stream, shard, start.sequenceNumber);
      position.next = start.type === 'AT_SEQUENCE_NUMBER' ? counter : counter + 1;
    }
    return this.iterators.seal(position);
  }

  getRecords(shardIterator: string, limit = 10_000): RecordsPage {
    const position = this.iterators.open(shardIterator);
    if (!position) throw invalidShardIterator();
    const now = this.now();
    if (now - position.issuedAt > ITERATOR_LIFETIME_MS) throw iteratorExpired(position.issuedAt, now, ITERATOR_LIFETIME_MS);
    const stream = this.find(position.stream);
    const usable = stream && stream.doc.createdAt === position.streamCreatedAt && stream.doc.deletingSince === undefined;
    const shard = usable ? this.shardOf(stream, position.shardId) : undefined;
    if (!stream || !shard) {
      throw shardNotFound(position.shardId, position.stream.slice(position.stream.indexOf(':') + 1), this.accountId);
    }
    const records: ReadRecord[] = [];
    let index = firstAtOrAfter(shard.records, position.next);
    let next = position.next;
    let bytes = 0;
    for (; index < shard.records.length && records.length < limit; index++) {
      const record = shard.records[index];
      next = record.c + 1;
      if (position.notBefore !== undefined && record.t < position.notBefore) continue;
      bytes += Buffer.byteLength(record.d, 'base64');
      if (bytes > MAX_READ_BYTES && records.length > 0) {
        next = record.c;
        break;
      }
      records.push({ sequenceNumber: this.sequenceNumber(stream, shard, record), arrivedAt: record.t, data: record.d, partitionKey: record.k });
    }
    const unread = shard.records[firstAtOrAfter(shard.records, next)];
    return {
      records,
      nextShardIterator: this.iterators.seal({ ...position, next, issuedAt: now }),
      millisBehindLatest: unread ? Math.max(0, now - unread.t) : 0,
    };
  }

  /** Calls `listener` with the shard id whenever records land on a shard of the stream; returns the unsubscribe function. */
  onRecords(streamArn: string, listener: (shardId: string) => void): () => void {
    let set = this.listeners.get(streamArn);
    if (!set) this.listeners.set(streamArn, (set = new Set()));
    set.add(listener);
    return () => void set.delete(listener);
  }

  close(): void {
    clearInterval(this.trimTimer);
  }

  /** Drops batches whose newest record is past the retention window. */
  async trimAll(): Promise<void> {
    await Promise.all([...this.streams.values()].map((stream) => stream.queue.run(() => this.trim(stream))));
  }

  private async trim(stream: Stream): Promise<void> {
    if (stream.doc.deletingSince !== undefined) return;
    const cutoff = this.now() - stream.doc.retentionHours * 3_600_000;
    const expired = stream.shards.flatMap((shard) => {
      const old = shard.batches.filter((batch) => batch.lastArrival < cutoff);
      return old.length ? [{ shard, old }] : [];
    });
    if (expired.length === 0) return;
    // The new trim horizon reaches the disk before the batches go, so counters never restart.
    for (const { shard, old } of expired) stream.doc.trimmedTo[shard.doc.shardId] = old.at(-1)!.lastCounter + 1;
    await this.store.write(`streams/${streamKey(stream.doc.region, stream.doc.name)}`, stream.doc);
    for (const { shard, old } of expired) {
      await Promise.all(old.map((batch) => this.store.delete(batch.key)));
      shard.batches.splice(0, old.length);
      shard.records.splice(0, firstAtOrAfter(shard.records, old.at(-1)!.lastCounter + 1));
    }
  }

  private async load(doc: StreamDocument): Promise<Stream> {
    const stream = this.assemble(doc);
    for (const shard of stream.shards) {
      const folder = batchFolder(doc, shard.doc.shardId);
      for (const name of await this.store.list(folder)) {
        const key = `${folder}/${name}`;
        const batch = await this.store.read<{ records: StoredRecord[] }>(key);
        if (!batch?.records.length) continue;
        shard.records.push(...batch.records);
        const last = batch.records.at(-1)!;
        shard.batches.push({ key, lastCounter: last.c, lastArrival: last.t });
      }
      shard.nextCounter = Math.max(shard.nextCounter, (shard.records.at(-1)?.c ?? -1) + 1);
    }
    return stream;
  }

  private assemble(doc: StreamDocument): Stream {
    return {
      doc,
      arn: this.arnOf(doc.region, doc.name),
      shards: doc.shards.map((shardDoc, index) => ({
        index,
        doc: shardDoc,
        records: [],
        batches: [],
        nextCounter: doc.trimmedTo[shardDoc.shardId] ?? 0,
      })),
      queue: new SerialQueue(),
    };
  }

  /** Removes a stream's records, then the stream itself (in that order, so a crash leaves it to be finished at the next start). */
  private async purge(doc: StreamDocument): Promise<void> {
    for (const { shardId } of doc.shards) {
      const folder = batchFolder(doc, shardId);
      for (const name of await this.store.list(folder)) await this.store.delete(`${folder}/${name}`);
    }
    await this.store.delete(`streams/${streamKey(doc.region, doc.name)}`);
  }

  /** The stream under `key` unless it has finished being deleted (then it is forgotten). */
  private find(key: string): Stream | undefined {
    const stream = this.streams.get(key);
    if (stream?.doc.deletingSince !== undefined && this.now() - stream.doc.deletingSince >= (stream.doc.deletingMs ?? INSTANT_DELETING_MS)) {
      this.streams.delete(key);
      return undefined;
    }
    return stream;
  }

  private activeStream(region: string, name: string): Stream {
    const stream = this.find(streamKey(region, name));
    if (!stream || this.statusOf(stream) !== 'ACTIVE') throw streamNotFound(name, this.accountId);
    return stream;
  }

  private statusOf(stream: Stream): StreamStatus {
    if (stream.doc.deletingSince !== undefined) return 'DELETING';
    return this.now() - stream.doc.createdAt < (stream.doc.creatingMs ?? INSTANT_CREATING_MS) ? 'CREATING' : 'ACTIVE';
  }

  /** Accepts `shardId-000000000001` and the short forms AWS also takes (`shardId-1`, `1`). */
  private shardOf(stream: Stream, shardId: string): Shard | undefined {
    const digits = /^(?:shardId-)?(\d{1,12})$/.exec(shardId)?.[1];
    return digits === undefined ? undefined : stream.shards[Number(digits)];
  }

  private sequenceNumber(stream: Stream, shard: Shard, record: StoredRecord): string {
    return encodeSequenceNumber({ shardCreatedAt: stream.doc.createdAt, shardIndex: shard.index, counter: record.c, arrivedAt: record.t });
  }

  /** The counter a sequence number names, checked against the shard it is used with, with AWS's complaints. */
  private counterOf(stream: Stream, shard: Shard, sequenceNumber: string): number {
    const where = `used in GetShardIterator on shard ${shard.doc.shardId} in stream ${stream.doc.name} under account ${this.accountId}`;
    const parts = decodeSequenceNumber(sequenceNumber);
    if (!parts) throw invalidArgument(`StartingSequenceNumber ${sequenceNumber} ${where} is invalid.`);
    if (parts.shardIndex !== shard.index) {
      throw invalidArgument(
        `Invalid StartingSequenceNumber. It encodes ${shardIdOf(parts.shardIndex)}, while it was used in a call to a shard with ${shard.doc.shardId}`,
      );
    }
    if (parts.shardCreatedAt !== Math.floor(stream.doc.createdAt / 1000) * 1000) {
      throw invalidArgument(`StartingSequenceNumber ${sequenceNumber} ${where} is invalid because it did not come from this stream.`);
    }
    return parts.counter;
  }

  private view(stream: Stream): StreamView {
    const { doc } = stream;
    return {
      name: doc.name,
      arn: stream.arn,
      status: this.statusOf(stream),
      mode: doc.mode,
      createdAt: doc.createdAt,
      retentionHours: doc.retentionHours,
      shards: stream.shards.map((shard) => ({
        shardId: shard.doc.shardId,
        startingHashKey: shard.doc.startingHashKey,
        endingHashKey: shard.doc.endingHashKey,
        startingSequenceNumber: encodeSequenceNumber({ shardCreatedAt: doc.createdAt, shardIndex: shard.index, counter: 0, arrivedAt: doc.createdAt }),
      })),
    };
  }

  private notify(streamArn: string, shardId: string): void {
    for (const listener of this.listeners.get(streamArn) ?? []) {
      try {
        listener(shardId);
      } catch {
        // A listener's failure is its own; the put has succeeded.
      }
    }
  }
}

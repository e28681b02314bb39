// Lambda's event source mappings for Kinesis streams: their configuration and
// states as the API reports them (Creating → Enabled, Enabling, Disabling,
// Updating, Deleting, each transition taking a moment as on AWS), one poller
// per shard while a mapping is enabled, and where each shard was last read
// up to. Every mapping is one document (`event-source-mappings/<uuid>`) that
// carries its shards' checkpoints, so a restarted sandbox resumes where it
// stopped, with nothing skipped.
import { randomUUID } from 'node:crypto';
import type { SandboxContext } from '../../context.ts';
import type { IteratorStart, KinesisStreams, ReadRecord } from '../../kinesis/index.ts';
import { AwsError } from '../../protocol/errors.ts';
import { SerialQueue } from '../../serial-queue.ts';
import type { DocumentStore } from '../../storage/document-store.ts';
import {
  KINESIS_STREAM_ARN,
  type CreateMappingInput,
  type MappingSettings,
  type StartingPosition,
  type UpdateMappingInput,
} from './input.ts';
import { kinesisEvent } from './kinesis-event.ts';
import { ShardPoller } from './kinesis-shard-poller.ts';
import type { LambdaEngine } from '../engine.ts';
import { resourceNotFound } from '../errors.ts';

/** A stream that cannot be read (yet, or any more) is looked for again this often. */
const STREAM_RETRY_MS = 2000;

type TransitionState = 'Creating' | 'Enabling' | 'Disabling' | 'Updating';

interface MappingDocument {
  uuid: string;
  functionArn: string;
  eventSourceArn: string;
  startingPosition: StartingPosition;
  /** ms */
  startingPositionTimestamp?: number;
  settings: MappingSettings;
  enabled: boolean;
  /** ms */
  lastModified: number;
  transition?: { state: TransitionState; until: number };
  stateTransitionReason: string;
  lastProcessingResult: string;
  /** Per shard, where reading resumes. */
  positions: Record<string, IteratorStart>;
  /** Set by DeleteEventSourceMapping; the document goes once the deletion has finished. */
  deletingSince?: number;
}

interface Held {
  /** Changed in place, never replaced, so pollers always write into the current document. */
  readonly doc: MappingDocument;
  pollers: ShardPoller[];
  timer?: NodeJS.Timeout;
  /** Pollers of the previous configuration still finishing their batch. */
  stopping: Promise<unknown>;
}

const inUse = (state: string) =>
  new AwsError('ResourceInUseException', `Cannot modify the event source mapping because it is in use. It is currently in the ${state} state.`);

function streamOf(arn: string): { region: string; name: string } {
  const [, region, , name] = KINESIS_STREAM_ARN.exec(arn)!;
  return { region, name };
}

export class EventSourceMappings {
  private readonly ctx: SandboxContext;
  private readonly engine: LambdaEngine;
  private readonly streams: KinesisStreams;
  private readonly store: DocumentStore;
  private readonly mappings = new Map<string, Held>();
  private readonly writes = new SerialQueue();
  private closed = false;

  private constructor(ctx: SandboxContext, engine: LambdaEngine, streams: KinesisStreams) {
    this.ctx = ctx;
    this.engine = engine;
    this.streams = streams;
    this.store = ctx.storage.scope('lambda');
  }

  /** Loads the mappings on disk; the enabled ones poll again once `resume` is called. */
  /** How long the transition that starts now lasts: Creating, or Enabling, Updating, Disabling and Deleting. */
  private transitionMs(state: TransitionState | 'Deleting'): number {
    return this.ctx.timings.durationMs(state === 'Creating' ? 'lambda.mapping-creating' : 'lambda.mapping-transition');
  }

  static async open(ctx: SandboxContext, engine: LambdaEngine, streams: KinesisStreams): Promise<EventSourceMappings> {
    const mappings = new EventSourceMappings(ctx, engine, streams);
    for (const uuid of await mappings.store.list('event-source-mappings')) {
      const doc = await mappings.store.read<MappingDocument>(`event-source-mappings/${uuid}`);
      if (!doc) continue;
      if (doc.deletingSince !== undefined) await mappings.store.delete(`event-source-mappings/${uuid}`);
      else mappings.hold(doc);
    }
    return mappings;
  }

  /**
   * Sets the mappings loaded from disk polling. The sandbox calls it once it
   * listens: a batch starts a function, whose SDK calls need the sandbox's address.
   */
  resume(): void {
    for (const held of this.mappings.values()) this.schedule(held);
  }

  async create(input: CreateMappingInput, region: string): Promise<Record<string, unknown>> {
    const fn = this.engine.find(input.functionName, region);
    const { region: streamRegion, name } = streamOf(input.eventSourceArn);
    try {
      this.streams.describe(streamRegion, name);
    } catch {
      throw new AwsError(
        'InvalidParameterValueException',
        `Cannot access stream ${input.eventSourceArn}. Please ensure the role can perform the GetRecords, GetShardIterator, DescribeStream, and ListShards Actions on your stream.`,
      );
    }
    const existing = [...this.mappings.values()].find(
      ({ doc }) => doc.functionArn === fn.arn && doc.eventSourceArn === input.eventSourceArn && doc.deletingSince === undefined,
    );
    if (existing) {
      throw new AwsError(
        'ResourceConflictException',
        `The event source arn (" ${input.eventSourceArn} ") and function (" ${fn.name} ") provided mapping already exists. ` +
          `Please update or delete the existing mapping with UUID ${existing.doc.uuid}`,
        409,
      );
    }
    const now = Date.now();
    const doc: MappingDocument = {
      uuid: randomUUID(),
      functionArn: fn.arn,
      eventSourceArn: input.eventSourceArn,
      startingPosition: input.startingPosition,
      ...(input.startingPositionTimestamp !== undefined ? { startingPositionTimestamp: input.startingPositionTimestamp } : {}),
      settings: input.settings,
      enabled: input.enabled,
      lastModified: now,
      transition: { state: 'Creating', until: now + this.transitionMs('Creating') },
      stateTransitionReason: 'USER_INITIATED',
      lastProcessingResult: 'No records processed',
      positions: {},
    };
    await this.save(doc);
    this.schedule(this.hold(doc));
    return this.configuration(doc);
  }

  get(uuid: string, region: string): Record<string, unknown> {
    return this.configuration(this.find(uuid, region).doc);
  }

  list(region: string, filter: { functionArn?: string; eventSourceArn?: string }): Record<string, unknown>[] {
    return [...this.mappings.values()]
      .map(({ doc }) => doc)
      .filter((doc) => this.regionOf(doc) === region)
      .filter((doc) => (filter.functionArn === undefined || doc.functionArn === filter.functionArn) && (filter.eventSourceArn === undefined || doc.eventSourceArn === filter.eventSourceArn))
      .sort((a, b) => a.lastModified - b.lastModified || a.uuid.localeCompare(b.uuid))
      .map((doc) => this.configuration(doc));
  }

  async update(uuid: string, input: UpdateMappingInput, region: string): Promise<Record<string, unknown>> {
    const held = this.find(uuid, region);
    const state = this.stateOf(held.doc);
    if (state !== 'Enabled' && state !== 'Disabled') throw inUse(state);
    const functionArn = input.functionName === undefined ? held.doc.functionArn : this.engine.find(input.functionName, region).arn;
    const enabled = input.enabled ?? held.doc.enabled;
    const now = Date.now();
    const transition: TransitionState = enabled === held.doc.enabled ? 'Updating' : enabled ? 'Enabling' : 'Disabling';
    const next: MappingDocument = {
      ...held.doc,
      functionArn,
      enabled,
      settings: { ...held.doc.settings, ...input.settings },
      lastModified: now,
      transition: { state: transition, until: now + this.transitionMs(transition) },
      stateTransitionReason: 'USER_INITIATED',
    };
    await this.save(next);
    this.stopPolling(held);
    // In place: a batch still finishing checkpoints into the same document.
    Object.assign(held.doc, next);
    this.schedule(held);
    return this.configuration(held.doc);
  }

  async delete(uuid: string, region: string): Promise<Record<string, unknown>> {
    const held = this.find(uuid, region);
    const state = this.stateOf(held.doc);
    if (state === 'Deleting' || state === 'Creating') throw inUse(state);
    const deletingSince = Date.now();
    const deletingMs = this.transitionMs('Deleting');
    const next: MappingDocument = { ...held.doc, deletingSince, stateTransitionReason: 'USER_INITIATED' };
    await this.save(next);
    this.stopPolling(held);
    Object.assign(held.doc, next);
    clearTimeout(held.timer);
    // Gone once Deleting has lasted its time on the sandbox's clock (Date), as the other states end.
    const removeWhenDue = () => {
      const wait = deletingSince + deletingMs - Date.now();
      if (wait > 0) {
        held.timer = setTimeout(removeWhenDue, wait).unref();
        return;
      }
      this.mappings.delete(uuid);
      void this.writes.run(() => this.store.delete(`event-source-mappings/${uuid}`));
    };
    held.timer = setTimeout(removeWhenDue, deletingMs).unref();
    return this.configuration(held.doc);
  }

  /** Stops every poller; batches in flight finish on their own, and nothing more is written. */
  close(): void {
    this.closed = true;
    for (const held of this.mappings.values()) {
      clearTimeout(held.timer);
      this.stopPolling(held);
    }
  }

  private find(uuid: string, region: string): Held {
    const held = this.mappings.get(uuid);
    if (!held || this.regionOf(held.doc) !== region) throw resourceNotFound();
    return held;
  }

  private regionOf(doc: MappingDocument): string {
    return doc.functionArn.split(':')[3];
  }

  private stateOf(doc: MappingDocument, now = Date.now()): string {
    if (doc.deletingSince !== undefined) return 'Deleting';
    if (doc.transition && now < doc.transition.until) return doc.transition.state;
    return doc.enabled ? 'Enabled' : 'Disabled';
  }

  /** The EventSourceMappingConfiguration AWS answers with, Kinesis members only. */
  private configuration(doc: MappingDocument): Record<string, unknown> {
    const { settings } = doc;
    return {
      UUID: doc.uuid,
      StartingPosition: doc.startingPosition,
      ...(doc.startingPositionTimestamp !== undefined ? { StartingPositionTimestamp: doc.startingPositionTimestamp / 1000 } : {}),
      BatchSize: settings.batchSize,
      MaximumBatchingWindowInSeconds: settings.maximumBatchingWindowInSeconds,
      ParallelizationFactor: settings.parallelizationFactor,
      EventSourceArn: doc.eventSourceArn,
      FunctionArn: doc.functionArn,
      LastModified: doc.lastModified / 1000,
      LastProcessingResult: doc.lastProcessingResult,
      State: this.stateOf(doc),
      StateTransitionReason: doc.stateTransitionReason,
      DestinationConfig: { OnFailure: {} },
      MaximumRecordAgeInSeconds: settings.maximumRecordAgeInSeconds,
      BisectBatchOnFunctionError: settings.bisectBatchOnFunctionError,
      MaximumRetryAttempts: settings.maximumRetryAttempts,
      TumblingWindowInSeconds: 0,
      FunctionResponseTypes: [],
      EventSourceMappingArn: `arn:aws:lambda:${this.regionOf(doc)}:${this.ctx.accountId}:event-source-mapping:${doc.uuid}`,
    };
  }

  private hold(doc: MappingDocument): Held {
    const held: Held = { doc, pollers: [], stopping: Promise.resolve() };
    this.mappings.set(doc.uuid, held);
    return held;
  }

  /** Starts polling once the mapping's transition is over, if it is enabled. */
  private schedule(held: Held): void {
    clearTimeout(held.timer);
    const wait = Math.max(0, (held.doc.transition?.until ?? 0) - Date.now());
    held.timer = setTimeout(() => void held.stopping.then(() => this.startPolling(held)), wait).unref();
  }

  private stopPolling(held: Held): void {
    for (const poller of held.pollers) poller.stop();
    held.stopping = Promise.allSettled(held.pollers.map((poller) => poller.finished));
    held.pollers = [];
  }

  private startPolling(held: Held): void {
    const doc = held.doc;
    if (this.closed || !doc.enabled || doc.deletingSince !== undefined || held.pollers.length > 0 || this.mappings.get(doc.uuid) !== held) return;
    const { region, name } = streamOf(doc.eventSourceArn);
    let retentionHours: number;
    let shardIds: string[];
    try {
      const view = this.streams.describe(region, name);
      if (view.status !== 'ACTIVE') throw new Error(`stream ${name} is ${view.status}`);
      retentionHours = view.retentionHours;
      shardIds = view.shards.map((shard) => shard.shardId);
    } catch {
      held.timer = setTimeout(() => this.startPolling(held), STREAM_RETRY_MS).unref();
      return;
    }
    const now = Date.now();
    const fresh = shardIds.filter((shardId) => !doc.positions[shardId]);
    for (const shardId of fresh) doc.positions[shardId] = this.startOf(doc, now);
    if (fresh.length) void this.save(doc);
    held.pollers = shardIds.map(
      (shardId) =>
        new ShardPoller({
          streams: this.streams,
          stream: { region, name, arn: doc.eventSourceArn, retentionHours },
          shardId,
          start: doc.positions[shardId],
          settings: doc.settings,
          invoke: (records, shard) => this.invoke(held, records, shard),
          checkpoint: async (shard, position) => {
            doc.positions[shard] = position;
            await this.save(doc);
          },
        }),
    );
  }

  /**
   * Where a shard with no checkpoint starts. LATEST is kept as "at the time
   * polling began", so a restart before the first batch still skips exactly
   * the records written before the mapping was ready.
   */
  private startOf(doc: MappingDocument, now: number): IteratorStart {
    if (doc.startingPosition === 'TRIM_HORIZON') return { type: 'TRIM_HORIZON' };
    return { type: 'AT_TIMESTAMP', timestamp: doc.startingPositionTimestamp ?? now };
  }

  private async invoke(held: Held, records: ReadRecord[], shardId: string): Promise<boolean> {
    const { doc } = held;
    const { region } = streamOf(doc.eventSourceArn);
    let ok = false;
    try {
      const fn = this.engine.find(doc.functionArn, this.regionOf(doc));
      const event = kinesisEvent(records, { shardId, streamArn: doc.eventSourceArn, region, roleArn: fn.current.settings.role });
      const result = await this.engine.invoke(doc.functionArn, this.regionOf(doc), Buffer.from(JSON.stringify(event)));
      ok = result.functionError === undefined;
    } catch {
      // Not found, Pending, throttled: a failed call, retried like a function error.
    }
    const result = ok ? 'OK' : 'PROBLEM: Function call failed';
    if (doc.lastProcessingResult !== result) {
      doc.lastProcessingResult = result;
      if (!ok) await this.save(doc);
    }
    return ok;
  }

  /** Writes one mapping, in order with every other write; nothing once the sandbox is closing. */
  private save(doc: MappingDocument): Promise<void> {
    if (this.closed) return Promise.resolve();
    const snapshot = structuredClone(doc);
    return this.writes.run(() => this.store.write(`event-source-mappings/${doc.uuid}`, snapshot));
  }
}

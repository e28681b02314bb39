import type { SandboxContext } from '../context.ts';
import type { DocumentStore } from '../storage/document-store.ts';

/**
 * CloudWatch Logs state: log groups, their streams and events, in memory and
 * on disk. Each stream is one document, rewritten (atomically, by the store)
 * shortly after it changes, so a burst of log lines costs one write. Lambda
 * writes here directly; the Logs API reads.
 */

export interface LogEvent {
  timestamp: number;
  message: string;
  ingestionTime: number;
}

export interface LogStreamRecord {
  logStreamName: string;
  creationTime: number;
  events: LogEvent[];
}

export interface LogGroupRecord {
  logGroupName: string;
  creationTime: number;
  streams: Map<string, LogStreamRecord>;
}

interface StoredGroup {
  logGroupName: string;
  creationTime: number;
}

/** How long a changed stream waits before it is written, gathering more lines. */
const WRITE_DELAY_MS = 200;

// Names may hold '/', which the document store treats as a separator.
const keyPart = (name: string) => encodeURIComponent(name);
const groupKey = (group: string) => `groups/${keyPart(group)}`;
const streamKey = (group: string, stream: string) => `streams/${keyPart(group)}/${keyPart(stream)}`;
const dirtyKey = (group: string, stream: string) => `${group}\n${stream}`;

export class LogStore {
  private readonly storage: DocumentStore;
  private readonly groups = new Map<string, LogGroupRecord>();
  private readonly dirty = new Map<string, { group: string; stream: string }>();
  private writeTimer?: NodeJS.Timeout;
  /** Every storage operation, in order, so a late write never undoes a delete. */
  private writing: Promise<void> = Promise.resolve();

  private constructor(storage: DocumentStore) {
    this.storage = storage;
  }

  static async open(storage: DocumentStore): Promise<LogStore> {
    const store = new LogStore(storage);
    for (const encoded of await storage.list('groups')) {
      const saved = await storage.read<StoredGroup>(`groups/${encoded}`);
      if (!saved) continue;
      const group: LogGroupRecord = { ...saved, streams: new Map() };
      for (const streamName of await storage.list(`streams/${encoded}`)) {
        const stream = await storage.read<LogStreamRecord>(`streams/${encoded}/${streamName}`);
        if (stream) group.streams.set(stream.logStreamName, stream);
      }
      store.groups.set(group.logGroupName, group);
    }
    return store;
  }

  group(name: string): LogGroupRecord | undefined {
    return this.groups.get(name);
  }

  allGroups(): LogGroupRecord[] {
    return [...this.groups.values()];
  }

  createGroup(name: string): Promise<void> {
    const group: LogGroupRecord = { logGroupName: name, creationTime: Date.now(), streams: new Map() };
    this.groups.set(name, group);
    return this.queue(() => this.storage.write(groupKey(name), { logGroupName: name, creationTime: group.creationTime }));
  }

  deleteGroup(name: string): Promise<void> {
    const group = this.groups.get(name);
    if (!group) return Promise.resolve();
    this.groups.delete(name);
    const streams = [...group.streams.keys()];
    for (const stream of streams) this.dirty.delete(dirtyKey(name, stream));
    return this.queue(async () => {
      await this.storage.delete(groupKey(name));
      for (const stream of streams) await this.storage.delete(streamKey(name, stream));
    });
  }

  createStream(group: LogGroupRecord, name: string): LogStreamRecord {
    const stream: LogStreamRecord = { logStreamName: name, creationTime: Date.now(), events: [] };
    group.streams.set(name, stream);
    this.markDirty(group.logGroupName, name);
    return stream;
  }

  deleteStream(group: LogGroupRecord, name: string): Promise<void> {
    group.streams.delete(name);
    this.dirty.delete(dirtyKey(group.logGroupName, name));
    return this.queue(() => this.storage.delete(streamKey(group.logGroupName, name)));
  }

  append(group: LogGroupRecord, stream: LogStreamRecord, events: Array<{ timestamp: number; message: string }>): void {
    const ingestionTime = Date.now();
    const firstNew = stream.events.length;
    for (const { timestamp, message } of events) stream.events.push({ timestamp, message, ingestionTime });
    // CloudWatch returns a stream's events in time order.
    const outOfOrder = stream.events.slice(Math.max(firstNew - 1, 0)).some((e, i, all) => i > 0 && e.timestamp < all[i - 1].timestamp);
    if (outOfOrder) stream.events.sort((a, b) => a.timestamp - b.timestamp);
    this.markDirty(group.logGroupName, stream.logStreamName);
  }

  /** A writer for one stream, creating its group and the stream on first use (what Lambda does). */
  writer(groupName: string, streamName: string): { put(message: string): void } {
    return {
      put: (message) => {
        let group = this.groups.get(groupName);
        if (!group) {
          void this.createGroup(groupName);
          group = this.groups.get(groupName)!;
        }
        const stream = group.streams.get(streamName) ?? this.createStream(group, streamName);
        this.append(group, stream, [{ timestamp: Date.now(), message }]);
      },
    };
  }

  /** Writes every pending change now. */
  flush(): Promise<void> {
    clearTimeout(this.writeTimer);
    this.writeTimer = undefined;
    const pending = [...this.dirty.values()];
    this.dirty.clear();
    return this.queue(async () => {
      for (const { group, stream } of pending) {
        const record = this.groups.get(group)?.streams.get(stream);
        if (record) await this.storage.write(streamKey(group, stream), record);
      }
    });
  }

  private queue(operation: () => Promise<void>): Promise<void> {
    // A failed write fails its own caller, not every write after it.
    this.writing = this.writing.catch(() => undefined).then(operation);
    return this.writing;
  }

  private markDirty(group: string, stream: string): void {
    this.dirty.set(dirtyKey(group, stream), { group, stream });
    this.writeTimer ??= setTimeout(() => void this.flush(), WRITE_DELAY_MS);
  }
}

/** One log store per sandbox, shared by the Logs service and Lambda. */
const stores = new WeakMap<SandboxContext, Promise<LogStore>>();

export function logStoreFor(ctx: SandboxContext): Promise<LogStore> {
  let store = stores.get(ctx);
  if (!store) {
    store = LogStore.open(ctx.storage.scope('logs'));
    stores.set(ctx, store);
  }
  return store;
}

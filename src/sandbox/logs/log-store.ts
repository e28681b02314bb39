import { SerialQueue } from '../serial-queue.ts';
import type { DocumentStore } from '../storage/document-store.ts';

/**
 * CloudWatch Logs state: log groups, their streams and events, in memory and
 * on disk. A stream's events are stored in chunks of CHUNK_EVENTS; a change
 * rewrites (atomically, through the store) only the chunks it touched, a short
 * while after it happens, so a burst of log lines costs one small write and a
 * long stream is never rewritten whole. Lambda writes here directly; the Logs
 * API reads.
 *
 * On disk: `groups/<group>` {name, creation time}; `streams/<group>/<stream>`
 * {name, creation time, chunk count}, written after its chunks;
 * `events/<group>/<stream>/<n>` the events of chunk n.
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

interface StoredStream {
  logStreamName: string;
  creationTime: number;
  chunks: number;
}

/** How long a changed stream waits before it is written, gathering more lines. */
const WRITE_DELAY_MS = 200;
// Every dirty stream's last chunk is serialised again at each write: with many warm Lambda
// environments logging at once, a small chunk keeps that cost near the new lines' own.
const CHUNK_EVENTS = 100;

// Names may hold '/', which the document store treats as a separator.
const keyPart = (name: string) => encodeURIComponent(name);
const groupKey = (group: string) => `groups/${keyPart(group)}`;
const streamKey = (group: string, stream: string) => `streams/${keyPart(group)}/${keyPart(stream)}`;
const chunksKey = (group: string, stream: string) => `events/${keyPart(group)}/${keyPart(stream)}`;
const dirtyKey = (group: string, stream: string) => `${group}\n${stream}`;

interface DirtyStream {
  group: string;
  stream: string;
  /** Index of the earliest event that changed since the last write. */
  from: number;
}

export class LogStore {
  private readonly storage: DocumentStore;
  private readonly groups = new Map<string, LogGroupRecord>();
  private readonly dirty = new Map<string, DirtyStream>();
  private writeTimer?: NodeJS.Timeout;
  /** Every storage operation, in order, so a late write never undoes a delete. */
  private readonly writes = new SerialQueue();

  private constructor(storage: DocumentStore) {
    this.storage = storage;
  }

  static async open(storage: DocumentStore): Promise<LogStore> {
    const store = new LogStore(storage);
    for (const group of await storage.list('groups')) {
      const saved = await storage.read<StoredGroup>(`groups/${group}`);
      if (!saved) continue;
      const record: LogGroupRecord = { ...saved, streams: new Map() };
      for (const stream of await storage.list(`streams/${group}`)) {
        const meta = await storage.read<StoredStream>(`streams/${group}/${stream}`);
        if (!meta) continue;
        const events: LogEvent[] = [];
        for (let chunk = 0; chunk < meta.chunks; chunk++) {
          events.push(...((await storage.read<LogEvent[]>(`events/${group}/${stream}/${chunk}`)) ?? []));
        }
        record.streams.set(meta.logStreamName, { logStreamName: meta.logStreamName, creationTime: meta.creationTime, events });
      }
      store.groups.set(record.logGroupName, record);
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
    return this.writes.run(() => this.storage.write(groupKey(name), { logGroupName: name, creationTime: group.creationTime }));
  }

  deleteGroup(name: string): Promise<void> {
    const group = this.groups.get(name);
    if (!group) return Promise.resolve();
    this.groups.delete(name);
    const streams = [...group.streams.keys()];
    for (const stream of streams) this.dirty.delete(dirtyKey(name, stream));
    return this.writes.run(async () => {
      await this.storage.delete(groupKey(name));
      for (const stream of streams) await this.removeStream(name, stream);
    });
  }

  createStream(group: LogGroupRecord, name: string): LogStreamRecord {
    const stream: LogStreamRecord = { logStreamName: name, creationTime: Date.now(), events: [] };
    group.streams.set(name, stream);
    this.markDirty(group.logGroupName, name, 0);
    return stream;
  }

  deleteStream(group: LogGroupRecord, name: string): Promise<void> {
    group.streams.delete(name);
    this.dirty.delete(dirtyKey(group.logGroupName, name));
    return this.writes.run(() => this.removeStream(group.logGroupName, name));
  }

  append(group: LogGroupRecord, stream: LogStreamRecord, events: Array<{ timestamp: number; message: string }>): void {
    const ingestionTime = Date.now();
    let from = stream.events.length;
    for (const { timestamp, message } of events) stream.events.push({ timestamp, message, ingestionTime });
    // CloudWatch returns a stream's events in time order; an older event moves back, and so does what needs writing.
    const last = stream.events.length - 1;
    for (let i = from; i <= last; i++) {
      let j = i;
      const event = stream.events[i];
      while (j > 0 && stream.events[j - 1].timestamp > event.timestamp) {
        stream.events[j] = stream.events[j - 1];
        j -= 1;
      }
      stream.events[j] = event;
      from = Math.min(from, j);
    }
    this.markDirty(group.logGroupName, stream.logStreamName, from);
  }

  /** A writer for one stream, creating its group and the stream on first use (what Lambda does). */
  writer(groupName: string, streamName: string): { put(message: string): void } {
    return {
      put: (message) => {
        if (!this.groups.has(groupName)) void this.createGroup(groupName);
        const group = this.groups.get(groupName)!;
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
    return this.writes.run(async () => {
      for (const change of pending) await this.writeStream(change);
    });
  }

  private async writeStream({ group, stream, from }: DirtyStream): Promise<void> {
    const record = this.groups.get(group)?.streams.get(stream);
    if (!record) return;
    const chunks = Math.ceil(record.events.length / CHUNK_EVENTS);
    for (let chunk = Math.floor(from / CHUNK_EVENTS); chunk < chunks; chunk++) {
      const events = record.events.slice(chunk * CHUNK_EVENTS, (chunk + 1) * CHUNK_EVENTS);
      await this.storage.write(`${chunksKey(group, stream)}/${chunk}`, events);
    }
    const meta: StoredStream = { logStreamName: stream, creationTime: record.creationTime, chunks };
    await this.storage.write(streamKey(group, stream), meta);
  }

  private async removeStream(group: string, stream: string): Promise<void> {
    await this.storage.delete(streamKey(group, stream));
    for (const chunk of await this.storage.list(chunksKey(group, stream))) {
      await this.storage.delete(`${chunksKey(group, stream)}/${chunk}`);
    }
  }

  private markDirty(group: string, stream: string, from: number): void {
    const key = dirtyKey(group, stream);
    const earlier = this.dirty.get(key)?.from ?? from;
    this.dirty.set(key, { group, stream, from: Math.min(earlier, from) });
    this.writeTimer ??= setTimeout(() => void this.flush(), WRITE_DELAY_MS);
  }
}

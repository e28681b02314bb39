// What the WebSocket console keeps of its last sessions on this device, for the lab report:
// where it connected (without what would make the URL a credential), when it opened and
// closed, how many messages went each way and the close code. Never a message's content.
import { urlWithoutCredentials } from '../shared/url-without-credentials.ts';

export interface SessionRecord {
  url: string;
  /** ISO times; connectedAt is unset when the handshake failed. */
  startedAt: string;
  connectedAt?: string;
  closedAt?: string;
  sent: number;
  received: number;
  closeCode?: number;
}

const RECORDS_KEY = 'labbook:websocket-sessions';
export const RECORDS_KEPT = 5;

export function loadSessionRecords(storage: Storage | undefined = globalThis.localStorage): SessionRecord[] {
  try {
    const value: unknown = JSON.parse(storage?.getItem(RECORDS_KEY) ?? '[]');
    return Array.isArray(value) ? (value as SessionRecord[]) : [];
  } catch {
    return [];
  }
}

/** Keeps `record` in place of the one that began at the same time (the same session, further on), or as the newest. */
export function keepSessionRecord(record: SessionRecord, storage: Storage | undefined = globalThis.localStorage): void {
  const kept = { ...record, url: urlWithoutCredentials(record.url) };
  const records = loadSessionRecords(storage);
  const same = records.findIndex((old) => old.startedAt === record.startedAt);
  const next = same === -1 ? [kept, ...records] : records.with(same, kept);
  try {
    storage?.setItem(RECORDS_KEY, JSON.stringify(next.slice(0, RECORDS_KEPT)));
  } catch {
    // Storage full or refused: the report then has no summary of this session.
  }
}

// A session's timeline: every frame sent and received, and what happened to the
// connection, with the time since the session began, the size on the wire and the
// content as text (indented when it is JSON). Pure, so the widget only draws it.
import { closeCodeMeaning } from './close-codes.ts';

export type Direction = 'sent' | 'received' | 'system';

export interface TimelineEntry {
  id: number;
  direction: Direction;
  /** Milliseconds since the epoch. */
  at: number;
  /** A message's text, or what happened (for system entries). */
  text: string;
  /** A message's payload size in bytes (UTF-8 for text). */
  bytes?: number;
  /** Set for binary messages, which are shown as hex. */
  binary?: boolean;
  /** Set when the connection closed. */
  close?: { code: number; reason: string; wasClean: boolean };
}

/** A busy API (a flight every second) would grow a timeline without end: the oldest entries go first. */
export const MAX_TIMELINE_ENTRIES = 500;

let nextId = 1;

export function timelineEntry(direction: Direction, text: string, extra: Partial<Omit<TimelineEntry, 'id' | 'direction' | 'text'>> = {}): TimelineEntry {
  return { id: nextId++, direction, text, at: Date.now(), ...extra };
}

/** A message frame as the timeline keeps it: text as is, binary as its bytes. */
export function messageEntry(direction: 'sent' | 'received', data: string | ArrayBuffer): TimelineEntry {
  if (typeof data === 'string') return timelineEntry(direction, data, { bytes: utf8Bytes(data) });
  return timelineEntry(direction, hexPreview(new Uint8Array(data)), { bytes: data.byteLength, binary: true });
}

export function closeEntry(code: number, reason: string, wasClean: boolean): TimelineEntry {
  const how = wasClean ? 'Closed' : 'Closed without a closing handshake';
  return timelineEntry('system', `${how}: ${code}${reason ? ` “${reason}”` : ''}. ${closeCodeMeaning(code)}`, { close: { code, reason, wasClean } });
}

/** Adds an entry, dropping the oldest beyond the limit. */
export function appended(entries: TimelineEntry[], entry: TimelineEntry): TimelineEntry[] {
  const next = [...entries, entry];
  return next.length > MAX_TIMELINE_ENTRIES ? next.slice(next.length - MAX_TIMELINE_ENTRIES) : next;
}

export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** "+0.000 s", "+12.345 s", "+2 min 03.5 s": time since the session began. */
export function relativeTime(at: number, start: number): string {
  const ms = Math.max(0, at - start);
  if (ms < 60_000) return `+${(ms / 1000).toFixed(3)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = ((ms % 60_000) / 1000).toFixed(1).padStart(4, '0');
  return `+${minutes} min ${seconds} s`;
}

/** "0 B", "7 B", "1.5 KB", "2.0 MB": sizes as API Gateway's limits are written (1 KB = 1024 B). */
export function byteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** What the timeline shows for a message: indented JSON when it is a JSON object or array, else the text itself. */
export function shownContent(entry: Pick<TimelineEntry, 'text' | 'binary'>): { text: string; json: boolean } {
  if (entry.binary || !/^\s*[[{]/.test(entry.text)) return { text: entry.text, json: false };
  try {
    return { text: JSON.stringify(JSON.parse(entry.text), null, 2), json: true };
  } catch {
    return { text: entry.text, json: false };
  }
}

const HEX_PREVIEW_BYTES = 64;

function hexPreview(bytes: Uint8Array): string {
  const shown = [...bytes.subarray(0, HEX_PREVIEW_BYTES)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  return bytes.length > HEX_PREVIEW_BYTES ? `${shown} …` : shown;
}

// The Request client's recent requests, for this tab only (sessionStorage), newest first, and
// the request being written, kept on this device per page (localStorage) so a reload or the
// next day brings it back. Headers that carry credentials are never kept in either.
import type { RequestDraft } from './http-request.ts';

export interface HistoryEntry {
  draft: RequestDraft;
  /** The status it got, or the error code when it got none. */
  outcome: string;
  sentAt: number;
}

const HISTORY_KEY = 'labbook:request-client:history';
export const HISTORY_LENGTH = 20;

const SECRET_HEADER = /^(?:authorization|proxy-authorization|cookie|x-api-key|x-amz-security-token|x-amz-date|x-amz-content-sha256)$/i;

/** The draft without the headers that would carry credentials. */
function withoutSecrets(draft: RequestDraft): RequestDraft {
  return { ...draft, headers: draft.headers.filter((row) => !SECRET_HEADER.test(row.name.trim())) };
}

/** The history with this request added first; the same request sent again moves up instead of repeating. */
export function addToHistory(history: readonly HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  const kept = { ...entry, draft: withoutSecrets(entry.draft) };
  const same = JSON.stringify(kept.draft);
  return [kept, ...history.filter((old) => JSON.stringify(old.draft) !== same)].slice(0, HISTORY_LENGTH);
}

export function loadHistory(storage: Storage | undefined = globalThis.sessionStorage): HistoryEntry[] {
  try {
    const value: unknown = JSON.parse(storage?.getItem(HISTORY_KEY) ?? '[]');
    return Array.isArray(value) ? (value as HistoryEntry[]) : [];
  } catch {
    return [];
  }
}

export function saveHistory(history: readonly HistoryEntry[], storage: Storage | undefined = globalThis.sessionStorage): void {
  try {
    storage?.setItem(HISTORY_KEY, JSON.stringify(history));
  } catch {
    // Storage full or refused: the history lasts as long as the page instead.
  }
}

const DRAFT_PREFIX = 'labbook:request-client:draft:';

export function loadDraft(page: string, storage: Storage | undefined = globalThis.localStorage): RequestDraft | undefined {
  try {
    const value = JSON.parse(storage?.getItem(DRAFT_PREFIX + page) ?? 'null') as RequestDraft | null;
    return value && typeof value.method === 'string' && typeof value.url === 'string' && Array.isArray(value.headers) && typeof value.body === 'string'
      ? value
      : undefined;
  } catch {
    return undefined;
  }
}

export function saveDraft(page: string, draft: RequestDraft, storage: Storage | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(DRAFT_PREFIX + page, JSON.stringify(withoutSecrets(draft)));
  } catch {
    // Storage full or refused: the draft lasts as long as the page instead.
  }
}

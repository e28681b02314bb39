// The request client's recent requests as the lab report lists them: method, URL, status
// and time, and the first characters of the body. No header is taken (some carry
// credentials), and the URL loses what would make it presigned.
import { hasBody } from '../widgets/request-client/http-request.ts';
import type { HistoryEntry } from '../widgets/request-client/request-history.ts';
import { urlWithoutCredentials } from '../widgets/shared/url-without-credentials.ts';

export interface ReportRequest {
  method: string;
  url: string;
  /** The HTTP status, or why there was none. */
  status: string;
  at: string;
  /** The body's first BODY_PREVIEW characters, on one line; absent when it had none. */
  bodyPreview?: string;
}

export const REQUESTS_LISTED = 10;
export const BODY_PREVIEW = 80;

function preview(body: string): string | undefined {
  const flat = body.replace(/\s+/g, ' ').trim();
  if (!flat) return undefined;
  return flat.length > BODY_PREVIEW ? `${flat.slice(0, BODY_PREVIEW)}…` : flat;
}

/** The newest requests first, as the history keeps them. */
export function reportRequests(history: readonly HistoryEntry[]): ReportRequest[] {
  return history.slice(0, REQUESTS_LISTED).map(({ draft, outcome, sentAt }) => ({
    method: draft.method,
    url: urlWithoutCredentials(draft.url),
    status: outcome,
    at: new Date(sentAt).toISOString(),
    // A GET keeps the body typed before the method changed, but never sends it.
    bodyPreview: hasBody(draft.method) ? preview(draft.body) : undefined,
  }));
}

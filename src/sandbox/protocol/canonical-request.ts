// SigV4's canonical request for a request as it arrived: its method, path, query, the
// headers it listed as signed and its payload hash, each in canonical form and in the
// order AWS gives: https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
// ("Create a canonical request"). Built with plain string work, once per request: this is
// on every signed call's path.
import type { IncomingHttpHeaders } from 'node:http';

export interface RequestToCanonicalise {
  method: string;
  /** As sent, percent-encoded, without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

/** A header's value as one string; a repeated header is its values joined with commas. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** RFC 3986 percent-encoding: encodeURIComponent, with the !'()* it leaves as they are encoded too. */
const escapeUri = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The path with empty, `.` and `..` segments resolved, encoded once more (it arrived encoded:
 * every service but S3 signs it encoded twice); a trailing slash is kept.
 */
function canonicalPath(path: string): string {
  if (path === '/') return path;
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '..') segments.pop();
    else if (segment !== '' && segment !== '.') segments.push(segment);
  }
  const trailing = segments.length > 0 && path.endsWith('/') ? '/' : '';
  return `${path.startsWith('/') ? '/' : ''}${segments.map(escapeUri).join('/')}${trailing}`;
}

const byNameThenPair = (a: [string, string], b: [string, string]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);

/** Each parameter as `name=value`, both encoded, sorted by name and then by value; a presigned URL's own signature left out. */
function canonicalQuery(query: URLSearchParams): string {
  if (query.size === 0) return '';
  const pairs: Array<[string, string]> = [];
  for (const [name, value] of query) {
    if (name.toLowerCase() === 'x-amz-signature') continue;
    const encoded = escapeUri(name);
    pairs.push([encoded, `${encoded}=${escapeUri(value)}`]);
  }
  return pairs
    .sort(byNameThenPair)
    .map(([, pair]) => pair)
    .join('&');
}

/** Whitespace a canonical header value may not keep: line breaks, tabs, a run of spaces, a space at either end. */
const LOOSE_WHITESPACE = /[\r\n\t]| {2}|^ | $/;

/**
 * A signed header's value as the canonical request has it: trimmed, each run of spaces
 * made one ("Trim" in the page above), and, as the SDK's signer does, line breaks and tabs
 * made spaces first. Most values have none, and are left as they are.
 */
function canonicalHeaderValue(value: string): string {
  if (!LOOSE_WHITESPACE.test(value)) return value;
  return value
    .replace(/[\r\n]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/^ | $/g, '');
}

/** The signed names sorted, each once; clients list them so already, and such a list is used as it is. */
function inCanonicalOrder(names: string[]): string[] {
  for (let i = 1; i < names.length; i++) {
    if (names[i - 1] >= names[i]) return [...new Set(names)].sort();
  }
  return names;
}

/**
 * The canonical request for `signedHeaders` (lower-case names). A name the request does
 * not carry is left out of both the headers and the signed list.
 */
export function canonicalRequest(req: RequestToCanonicalise, signedHeaders: string[], payloadHash: string): string {
  let headerLines = '';
  let signedList = '';
  for (const name of inCanonicalOrder(signedHeaders)) {
    const value = headerValue(req.headers, name);
    if (value === undefined) continue;
    const line = `${name}:${canonicalHeaderValue(value)}`;
    headerLines += headerLines ? `\n${line}` : line;
    signedList += signedList ? `;${name}` : name;
  }
  return `${req.method}\n${canonicalPath(req.path)}\n${canonicalQuery(req.query)}\n${headerLines}\n\n${signedList}\n${payloadHash}`;
}

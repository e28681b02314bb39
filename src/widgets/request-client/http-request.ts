// A request as the Request client edits it, and the pure work on it: the query string kept
// in step with the parameter rows, and the same request as a curl command.
import type { ApiRequest } from '../../cloud/api-requests.ts';
import type { CliOption, Script } from '../../steps/shells.ts';

export interface Row {
  name: string;
  value: string;
}

export interface RequestDraft {
  method: string;
  /** The whole URL, query string included (the parameter rows are read from it). */
  url: string;
  headers: Row[];
  body: string;
}

export const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'HEAD'] as const;

/** fetch refuses a body on these, and curl would send none. */
export const hasBody = (method: string): boolean => method !== 'GET' && method !== 'HEAD';

/** Splits a URL at its query (a URL being typed need not parse yet). */
function splitQuery(url: string): { base: string; query: string; hash: string } {
  const hashAt = url.indexOf('#');
  const hash = hashAt === -1 ? '' : url.slice(hashAt);
  const rest = hashAt === -1 ? url : url.slice(0, hashAt);
  const queryAt = rest.indexOf('?');
  return queryAt === -1 ? { base: rest, query: '', hash } : { base: rest.slice(0, queryAt), query: rest.slice(queryAt + 1), hash };
}

/** The URL's query parameters as rows, in order, decoded as a server would. */
export function paramsOf(url: string): Row[] {
  const { query } = splitQuery(url);
  if (!query) return [];
  return [...new URLSearchParams(query)].map(([name, value]) => ({ name, value }));
}

/** The URL with its query string replaced by these rows (rows without a name are left out). */
export function withParams(url: string, params: readonly Row[]): string {
  const { base, hash } = splitQuery(url);
  const named = params.filter((row) => row.name !== '');
  const query = new URLSearchParams(named.map((row) => [row.name, row.value])).toString();
  return `${base}${query ? `?${query}` : ''}${hash}`;
}

/** The URL without its query string. */
export const baseOf = (url: string): string => splitQuery(url).base;

/** The headers that will really be sent: named rows only. */
export const sentHeaders = (rows: readonly Row[]): Array<[string, string]> =>
  rows.filter((row) => row.name.trim() !== '').map((row) => [row.name.trim(), row.value]);

/** What is sent: named headers, and the body only where the method takes one. */
export function toApiRequest(draft: RequestDraft): ApiRequest {
  const body = hasBody(draft.method) && draft.body !== '' ? draft.body : undefined;
  return { method: draft.method, url: draft.url, headers: sentHeaders(draft.headers), body };
}

/**
 * The same request for a terminal. `-i` prints the status line and headers as the client
 * shows them; GET needs no -X. In Windows PowerShell `curl` names Invoke-WebRequest, so it is
 * curl.exe (in Windows since 10 1803); a body PowerShell cannot pass inline is sent from a file.
 */
export function curlCommand(draft: RequestDraft): Script {
  const options: CliOption[] = [];
  if (draft.method !== 'GET') options.push(draft.method === 'HEAD' ? ['--head'] : ['-X', draft.method]);
  options.push(['', draft.url]);
  for (const [name, value] of sentHeaders(draft.headers)) options.push(['-H', `${name}: ${value}`]);
  if (hasBody(draft.method) && draft.body !== '') options.push(['--data-raw', draft.body]);
  const fromFile = (_flag: string, file: string): CliOption => ['--data-binary', `@${file}`];
  return [{ kind: 'run', command: { words: [{ bash: 'curl', powershell: 'curl.exe', cmd: 'curl' }, '-i'], options, fromFile } }];
}

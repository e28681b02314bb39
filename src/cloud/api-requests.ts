// Plain HTTP requests from the page to an API's invoke URL (the Request client, the Items
// app): sent to the address pageRequestFor gives (the sandbox as it is, AWS through the
// relay), timed, and answered as text. What the page cannot reach is refused before
// sending, with the reason, instead of ending as a browser error the page cannot read.
import { isRelayedHost } from '../server/relay/relay-host.ts';
import { RELAYED_API_HEADER_PREFIX } from '../server/info-api.ts';
import { pageRequestFor, withHeaders } from './page-addresses.ts';
import { serverInfo, type ServerInfo } from './server-info.ts';
import { $target, type TargetKind } from './target-state.ts';

export interface ApiRequest {
  method: string;
  url: string;
  headers: Array<[string, string]>;
  /** Left out for GET and HEAD, which fetch sends without one. */
  body?: string;
}

export interface ApiAnswer {
  status: number;
  statusText: string;
  /** As the page may read them: across origins, only the ones CORS exposes. */
  headers: Array<[string, string]>;
  body: string;
  /** From the start of the request to the last byte of the body. */
  durationMs: number;
  /** Went through labbook's relay (which exposes every header of the answer to the page). */
  relayed: boolean;
  /** Answered by the relay itself, not by API Gateway (which marks every answer with apigw-requestid). */
  fromRelay: boolean;
}

/** A request that could not be made, or got no answer the page may read. The name is the code. */
export class ApiRequestError extends Error {
  /** What the student can do about it. */
  readonly hint: string;
  constructor(code: string, message: string, hint: string) {
    super(message);
    this.name = code;
    this.hint = hint;
  }
}

const USE_FIND = 'Use your API’s invoke URL (Find my API fills it in).';

/** Why the page cannot send to this URL on this target, or undefined when it can. */
export function unreachableReason(url: URL, targetKind: TargetKind, info: ServerInfo): ApiRequestError | undefined {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return new ApiRequestError('InvalidURL', `${url.protocol} is not an HTTP address.`, 'An invoke URL starts with https:// on AWS, http:// on the sandbox.');
  }
  if (targetKind === 'sandbox') {
    const sandbox = info.sandbox ? new URL(info.sandbox.endpoint).origin : undefined;
    if (url.origin === sandbox) return undefined;
    return new ApiRequestError(
      'NotTheSandbox',
      `The target is the sandbox, and this page may connect only to the sandbox (${sandbox ?? 'not running'}), not to ${url.origin}.`,
      `${USE_FIND} To call an API on AWS, choose AWS in the target panel.`,
    );
  }
  if (info.relay && !isRelayedHost(url.host)) {
    return new ApiRequestError(
      'NotAnAwsApi',
      `On the AWS target this page reaches APIs through labbook’s relay, which forwards only to AWS hosts such as abcde12345.execute-api.us-east-1.amazonaws.com, not to ${url.host}.`,
      `${USE_FIND} To call an API on the sandbox, choose the sandbox in the target panel.`,
    );
  }
  return undefined;
}

function parsedUrl(text: string): URL {
  try {
    return new URL(text);
  } catch {
    throw new ApiRequestError(
      'InvalidURL',
      `“${text}” is not a complete URL.`,
      'Paste the whole invoke URL, from https:// (or http://) to the stage, e.g. …/prod/.',
    );
  }
}

function unreadable(url: URL, relayed: boolean): ApiRequestError {
  if (relayed) return new ApiRequestError('NetworkError', 'labbook’s server did not answer.', 'Is labbook’s server still running? Then send again.');
  return new ApiRequestError(
    'NoReadableAnswer',
    `The browser got no answer from ${url.origin} that this page may read.`,
    'Either nothing answers at that address (check the URL; is the API there?), or the answer had no CORS headers, without which a browser hides an answer from a page on another origin. API Gateway’s own errors have none: 404 Not Found for a wrong stage or path (the invoke URL ends in /prod/), for instance. Nor does a preflight the function refuses (it allows only the Content-Type header). curl shows the real answer: copy the command.',
  );
}

export async function sendApiRequest(request: ApiRequest, signal?: AbortSignal): Promise<ApiAnswer> {
  const url = parsedUrl(request.url);
  const refusal = unreachableReason(url, $target.get().kind, await serverInfo());
  if (refusal) throw refusal;
  const { address, headers, relay } = await pageRequestFor(url.href);
  const relayed = relay !== undefined;
  const started = performance.now();
  let response: Response;
  try {
    response = await fetch(address, {
      method: request.method,
      headers: withHeaders(request.headers, headers),
      body: request.body,
      signal,
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    if (signal?.aborted) throw signal.reason;
    throw unreadable(url, relayed);
  }
  const body = await response.text();
  return {
    status: response.status,
    statusText: response.statusText,
    headers: relayed ? headersAsTheApiSent(response.headers) : [...response.headers],
    body,
    durationMs: performance.now() - started,
    relayed,
    fromRelay: relayed && !response.headers.has('apigw-requestid'),
  };
}

/** Through the relay: its own CORS headers out, the API's own (renamed by the relay) back under their names. */
function headersAsTheApiSent(headers: Headers): [string, string][] {
  return [...headers]
    .filter(([name]) => !name.startsWith('access-control-'))
    .map(([name, value]) => [name.startsWith(RELAYED_API_HEADER_PREFIX) ? name.slice(RELAYED_API_HEADER_PREFIX.length) : name, value]);
}

// How the page itself reaches an API's invoke URL (fetch for an HTTP API, a WebSocket for
// a WebSocket API). Sandbox URLs are used as they are (the page may connect to the
// sandbox). AWS hosts go through labbook's relay when the page is served by labbook:
// the page's Content-Security-Policy lets it connect only to its own origin, the sandbox
// and the relay, and the relay forwards only to AWS hosts. A statically hosted page goes direct.
import { RELAY_KEY_HEADER, type RelayInfo } from '../server/info-api.ts';
import { isRelayedHost } from '../server/relay/relay-host.ts';
import { serverInfo } from './server-info.ts';
import { $target } from './target-state.ts';

/** `https://host/path?query` → `<relay url>host/path?query` (ws: for WebSockets). */
export function relayedAddress(url: string, relayUrl: string): string {
  const parsed = new URL(url);
  const relay = new URL(relayUrl);
  const websocket = parsed.protocol === 'ws:' || parsed.protocol === 'wss:';
  const scheme = websocket ? (relay.protocol === 'https:' ? 'wss:' : 'ws:') : relay.protocol;
  return `${scheme}//${relay.host}${relay.pathname}${parsed.host}${parsed.pathname}${parsed.search}`;
}

/** The address the page should use for this invoke URL, given the current target and server. */
export async function pageAddressFor(url: string): Promise<string> {
  return (await pageRequestFor(url)).address;
}

export interface PageRequest {
  address: string;
  /** Headers to add to a fetch there: the relay's key when it goes through the relay. */
  headers: Record<string, string>;
  relay?: RelayInfo;
}

/** Where, and with which extra headers, the page fetches this invoke URL. */
export async function pageRequestFor(url: string): Promise<PageRequest> {
  const relay = $target.get().kind === 'sandbox' ? undefined : (await serverInfo()).relay;
  // Only AWS's own hosts go through the relay; anything else (a server on this machine) as it is.
  if (!relay || !isRelayedHost(new URL(url).hostname)) return { address: url, headers: {} };
  return { address: relayedAddress(url, relay.url), headers: { [RELAY_KEY_HEADER]: relay.key }, relay };
}

/** The request's own headers (any HeadersInit form) with `extra` set on top. */
export function withHeaders(own: HeadersInit | undefined, extra: Record<string, string>): Headers {
  const headers = new Headers(own);
  for (const [name, value] of Object.entries(extra)) headers.set(name, value);
  return headers;
}

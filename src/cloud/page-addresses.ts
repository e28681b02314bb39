// How the page itself reaches an API's invoke URL (fetch for an HTTP API, a WebSocket for
// a WebSocket API). Sandbox URLs are used as they are (the page may connect to the
// sandbox). AWS hosts go through labbook's relay when the page is served by labbook:
// the page's Content-Security-Policy lets it connect only to its own origin and the
// sandbox, and the relay forwards only to AWS hosts. A statically hosted page goes direct.
import { serverInfo } from './server-info.ts';
import { $target } from './target-state.ts';

type PageLocation = Pick<Location, 'protocol' | 'host'>;

/** `https://host/path?query` → `<origin><prefix>host/path?query` (ws(s) for WebSockets). */
export function relayedAddress(url: string, prefix: string, page: PageLocation = location): string {
  const parsed = new URL(url);
  const secure = page.protocol === 'https:';
  const websocket = parsed.protocol === 'ws:' || parsed.protocol === 'wss:';
  const scheme = websocket ? (secure ? 'wss:' : 'ws:') : page.protocol;
  return `${scheme}//${page.host}${prefix}${parsed.host}${parsed.pathname}${parsed.search}`;
}

/** The address the page should use for this invoke URL, given the current target and server. */
export async function pageAddressFor(url: string): Promise<string> {
  if ($target.get().kind === 'sandbox') return url;
  const relay = (await serverInfo()).relay;
  return relay ? relayedAddress(url, relay.prefix) : url;
}

// What the student typed as a WebSocket address: the wscat-style URL of a WebSocket API
// (wss://<apiId>.execute-api.<region>.amazonaws.com/<stage>, or the sandbox's ws:// one),
// a server the student runs on this machine (the chapter's echo server on ws://localhost:8765),
// and whether the page may open it: its Content-Security-Policy allows the sandbox, the relay
// (which forwards only to API Gateway invoke URLs) and ws:// to loopback names on any port.
import { isExecuteApiHost } from '../../server/relay/relay-host.ts';
import type { TargetKind } from '../../cloud/target-state.ts';

/** Why the text cannot be connected to, or undefined when it is a ws:// or wss:// URL. */
export function websocketUrlProblem(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return 'Enter the API’s WebSocket URL (wss://…/prod), or press Find my API.';
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return `${trimmed} is not a URL: a WebSocket URL looks like wss://abc123defg.execute-api.us-east-1.amazonaws.com/prod.`;
  }
  if (url.protocol === 'https:' || url.protocol === 'http:') {
    return `WebSocket URLs start with wss:// or ws://, not ${url.protocol}// (that is an HTTP API's invoke URL, or the @connections endpoint).`;
  }
  if (url.protocol !== 'wss:' && url.protocol !== 'ws:') return `WebSocket URLs start with wss:// or ws://, not ${url.protocol}//.`;
  if (url.hash) return 'A WebSocket URL has no #fragment.';
  return undefined;
}

/** Why the page cannot open this (well-formed) WebSocket URL from where it is, or undefined when it can. */
export function reachProblem(text: string, target: TargetKind, sandboxEndpoint: string | undefined): string | undefined {
  const url = new URL(text.trim());
  if (sandboxEndpoint && isLocalServer(url) && url.pathname.startsWith('/_api/') && url.host !== new URL(sandboxEndpoint).host) {
    return `This looks like a sandbox API on another port: this page's sandbox is ${sandboxEndpoint.replace(/^http/, 'ws')} (a sandbox that was restarted on another port?). Press Find my API.`;
  }
  if (isExecuteApiHost(url.hostname) && url.port === '') {
    return target === 'aws'
      ? undefined
      : 'This is an API on AWS, and the target is the sandbox: choose your AWS account with the target button at the top of the page, and the page connects through labbook’s relay.';
  }
  if (sandboxEndpoint && url.host === new URL(sandboxEndpoint).host) {
    return target === 'sandbox'
      ? undefined
      : 'This is an API on the sandbox, and the target is your AWS account: choose the sandbox with the target button at the top of the page, or use the API’s wss:// URL on AWS.';
  }
  if (isLocalServer(url)) return undefined;
  return 'The page may open WebSockets only to the sandbox, to API Gateway invoke URLs (wss://<apiId>.execute-api.<region>.amazonaws.com/<stage>) and to a server on this machine (ws://localhost:<port>); wscat can reach any other address.';
}

/** ws://localhost:<port> or ws://127.0.0.1:<port>: what the site's Content-Security-Policy lets the page open besides the sandbox and the relay. */
export function isLocalServer(url: URL): boolean {
  return url.protocol === 'ws:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1');
}

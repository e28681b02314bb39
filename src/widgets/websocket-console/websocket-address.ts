// What the student typed as a WebSocket address: the wscat-style URL of a WebSocket API
// (wss://<apiId>.execute-api.<region>.amazonaws.com/<stage>, or the sandbox's ws:// one),
// and whether the page may open it: its Content-Security-Policy allows the sandbox and
// labbook's own origin, and the relay there forwards only to API Gateway invoke URLs.
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
  return 'The page may open WebSockets only to the sandbox and to API Gateway invoke URLs (wss://<apiId>.execute-api.<region>.amazonaws.com/<stage>); wscat can reach any other address.';
}

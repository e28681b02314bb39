// What the student typed as a WebSocket address: the wscat-style URL of a WebSocket API
// (wss://<apiId>.execute-api.<region>.amazonaws.com/<stage>, or the sandbox's ws:// one).

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

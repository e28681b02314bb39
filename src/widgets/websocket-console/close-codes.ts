// What a WebSocket close code means (RFC 6455 §7.4.1 and IANA's registry), with what
// API Gateway uses it for, and which codes and reasons a page may send itself.

const MEANINGS: Record<number, string> = {
  1000: 'Normal closure: the connection did what it was opened for. API Gateway also closes with 1000 when a backend deletes the connection through @connections.',
  1001: 'Going away: a server shutting down or a page being left. API Gateway closes with 1001 after 10 minutes without a message, and after 2 hours in any case.',
  1002: 'Protocol error: one side broke the WebSocket protocol.',
  1003: 'Unsupported data: a kind of message the other side does not accept (binary where only text is expected, say).',
  1005: 'No status received: the close frame carried no code. Never sent; reported by the side that received such a frame.',
  1006: 'Abnormal closure: the connection ended without a close frame — the network dropped, the server went away, or the handshake was refused. Never sent; the browser reports it.',
  1007: 'Invalid frame payload data: a text message that is not valid UTF-8, for example.',
  1008: 'Policy violation: a message broke a rule of the server’s.',
  1009: 'Message too big. API Gateway closes with 1009 when a frame is over 32 KB or a message over 128 KB.',
  1010: 'Mandatory extension: the client needed an extension the server did not agree to.',
  1011: 'Internal error: the server met a condition it could not handle.',
  1012: 'Service restart: the server is restarting; reconnect later.',
  1013: 'Try again later: the server is overloaded for now.',
  1014: 'Bad gateway: a gateway or proxy got an invalid answer from the server behind it.',
  1015: 'TLS handshake failure: the certificate could not be verified. Never sent; reported by the client.',
};

/** What the code means, for the timeline. */
export function closeCodeMeaning(code: number): string {
  if (MEANINGS[code]) return MEANINGS[code];
  if (code >= 3000 && code <= 3999) return 'A code registered for a library or framework (3000–3999): its meaning is theirs.';
  if (code >= 4000 && code <= 4999) return 'An application’s own code (4000–4999): the application that sent it decides what it means.';
  return 'Not a code the WebSocket protocol defines.';
}

/** The reason travels in the close frame with the 2-byte code: 125 bytes in all. */
const MAX_CLOSE_REASON_BYTES = 123;

export type CloseRequest = { code?: number; reason?: string } | { problem: string };

/**
 * The code and reason a page may close with, as the browser checks them (it throws
 * otherwise): 1000 or 3000–4999, and a reason of at most 123 bytes of UTF-8. A reason
 * needs a code, since a close frame without a code has no reason either.
 */
export function closeRequest(codeText: string, reason: string): CloseRequest {
  const trimmed = codeText.trim();
  const reasonBytes = new TextEncoder().encode(reason).length;
  if (reasonBytes > MAX_CLOSE_REASON_BYTES) {
    return { problem: `The reason is ${reasonBytes} bytes of UTF-8; a close frame holds at most ${MAX_CLOSE_REASON_BYTES}.` };
  }
  if (trimmed === '') {
    return reason === '' ? {} : { problem: 'A reason is sent only with a code: add 1000 (normal closure) or a code from 3000 to 4999.' };
  }
  const code = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || !(code === 1000 || (code >= 3000 && code <= 4999))) {
    return { problem: `A page may close with 1000 or a code from 3000 to 4999, not ${trimmed}: the others are for servers or reported by the browser.` };
  }
  return reason === '' ? { code } : { code, reason };
}

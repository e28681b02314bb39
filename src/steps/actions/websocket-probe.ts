// A short-lived WebSocket client for checks: connect to a WebSocket API's stage, send a
// message, wait for an answer that matches, close. The socket comes from the context
// (the page's own WebSocket at the page's address for the URL, or Node's in tests), so the
// same check runs in both; every wait has a limit and names what it waited for.
import { StepError } from '../errors.ts';
import type { StepContext } from '../model.ts';

export interface ProbeSocket {
  /** Every text message received so far, in order. */
  readonly received: readonly string[];
  send(text: string): void;
  /** The first message, received already or still to come, that `matches`; fails after `timeoutMs`. */
  next(matches: (text: string) => boolean, timeoutMs: number, what: string): Promise<string>;
  /** Closes with 1000 and waits for the close to finish (at most a few seconds). */
  close(): Promise<void>;
}

const CLOSE_WAIT_MS = 5_000;

/** Opens a WebSocket to the URL; fails with WebSocketRefused when it closes before opening, as a refused $connect does. */
export async function openProbeSocket(ctx: StepContext, url: string, timeoutMs: number): Promise<ProbeSocket> {
  if (!ctx.openWebSocket) throw new StepError('NoWebSocket', 'This check needs to open a WebSocket, which cannot be done from here.');
  const socket = await ctx.openWebSocket(url);
  const received: string[] = [];
  const listeners = new Set<() => void>();
  let closed: { code: number; reason: string } | undefined;
  const wake = () => listeners.forEach((listener) => listener());
  socket.addEventListener('message', (event) => {
    received.push(typeof event.data === 'string' ? event.data : '(binary message)');
    wake();
  });
  socket.addEventListener('close', (event) => {
    closed = { code: event.code, reason: event.reason };
    wake();
  });
  const abort = () => socket.close(1000);
  ctx.signal?.addEventListener('abort', abort, { once: true });

  /** Resolves when `ready` says so; rejects when the socket closes or the time is up. */
  const waitFor = <T>(ready: () => T | undefined, ms: number, what: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const settle = () => {
        const value = ready();
        if (value !== undefined) finish(() => resolve(value));
        else if (closed)
          finish(() =>
            reject(
              new StepError('WebSocketClosed', `The connection closed (code ${closed!.code}${closed!.reason ? `, ${closed!.reason}` : ''}) before ${what}.`),
            ),
          );
      };
      const finish = (then: () => void) => {
        clearTimeout(timer);
        listeners.delete(settle);
        then();
      };
      const timer = setTimeout(() => finish(() => reject(new StepError('WaitTimedOut', `Nothing came within ${Math.round(ms / 1000)} s: ${what}.`))), ms);
      listeners.add(settle);
      socket.addEventListener('open', settle, { once: true });
      settle();
    });

  try {
    await waitFor(() => (socket.readyState === socket.OPEN ? true : undefined), timeoutMs, 'the connection opened');
  } catch (error) {
    ctx.signal?.removeEventListener('abort', abort);
    socket.close();
    if ((error as StepError).name !== 'WebSocketClosed') throw error;
    throw new StepError(
      'WebSocketRefused',
      `The connection to ${url} was refused: API Gateway closed it during the handshake, as it does when $connect fails.`,
    );
  }

  return {
    received,
    send: (text) => socket.send(text),
    next: (matches, ms, what) => waitFor(() => received.find(matches), ms, what),
    async close() {
      ctx.signal?.removeEventListener('abort', abort);
      if (!closed) socket.close(1000);
      await waitFor(() => (closed ? true : undefined), CLOSE_WAIT_MS, 'the close finished').catch(() => undefined);
    },
  };
}

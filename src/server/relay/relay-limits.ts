// Each client's share of a class server's relay (server/hosting.ts): a token bucket for
// its request rate, a count of its requests in flight and of its open WebSocket sessions.
// A client is the address the request came from, or the one the reverse proxy names in
// X-Forwarded-For when the server is told to trust it. The clock is injected so tests
// need not wait.
import type { IncomingMessage } from 'node:http';
import type { RelayLimits } from '../hosting.ts';

export type Admission = { ok: true; release(): void } | { ok: false; limit: 'rate' | 'concurrent' | 'webSockets'; retryAfterSeconds: number; message: string };

interface Client {
  tokens: number;
  /** When `tokens` was last brought up to date, in ms. */
  at: number;
  inFlight: number;
  webSockets: number;
}

/** Past this many clients, idle ones with a full bucket are forgotten (they would start full anyway). */
const CLIENTS_BEFORE_SWEEP = 10_000;

export function createClientLimits(limits: RelayLimits, now: () => number = () => performance.now()) {
  const clients = new Map<string, Client>();

  function client(id: string): Client {
    const time = now();
    let found = clients.get(id);
    if (!found) {
      if (clients.size >= CLIENTS_BEFORE_SWEEP) sweep(time);
      found = { tokens: limits.burst, at: time, inFlight: 0, webSockets: 0 };
      clients.set(id, found);
    }
    found.tokens = Math.min(limits.burst, found.tokens + ((time - found.at) / 1000) * limits.ratePerSecond);
    found.at = time;
    return found;
  }

  function sweep(time: number): void {
    for (const [id, c] of clients) {
      const full = c.tokens + ((time - c.at) / 1000) * limits.ratePerSecond >= limits.burst;
      if (full && c.inFlight === 0 && c.webSockets === 0) clients.delete(id);
    }
  }

  function holding(c: Client, what: 'inFlight' | 'webSockets'): Admission {
    c[what] += 1;
    let released = false;
    return {
      ok: true,
      release() {
        if (!released) c[what] -= 1;
        released = true;
      },
    };
  }

  /** One token from the client's bucket, or the refusal when it is empty. */
  function spend(c: Client): Admission | undefined {
    if (c.tokens < 1) {
      const seconds = Math.max(1, Math.ceil((1 - c.tokens) / limits.ratePerSecond));
      return refused(
        'rate',
        seconds,
        `You sent more requests than the class server forwards for each student (${limits.ratePerSecond} a second, ${limits.burst} at once)`,
      );
    }
    c.tokens -= 1;
    return undefined;
  }

  return {
    /** An HTTP request through the relay: a token, and a place among the client's requests in flight. */
    request(id: string): Admission {
      const c = client(id);
      if (c.inFlight >= limits.concurrent) {
        return refused('concurrent', 1, `${limits.concurrent} of your requests are already on their way through the class server`);
      }
      return spend(c) ?? holding(c, 'inFlight');
    },
    /** A WebSocket handshake through the relay (a request too, so a token), and its session held until it closes. */
    webSocket(id: string): Admission {
      const c = client(id);
      if (c.webSockets >= limits.webSockets) {
        return refused('webSockets', 1, `You have ${limits.webSockets} WebSocket sessions open through the class server, as many as it allows each student`);
      }
      return spend(c) ?? holding(c, 'webSockets');
    },
  };
}

function refused(limit: 'rate' | 'concurrent' | 'webSockets', retryAfterSeconds: number, why: string): Admission {
  return { ok: false, limit, retryAfterSeconds, message: `${why}. Wait a few seconds and try again.` };
}

/**
 * Who sent the request: the connection's address, or, behind a reverse proxy the server
 * trusts, the last X-Forwarded-For entry, the one that proxy appended itself (entries
 * before it are whatever the client claimed).
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? [req.headers['x-forwarded-for'] ?? []].flat().join(',').split(',').at(-1)?.trim() : undefined;
  return forwarded || req.socket.remoteAddress || 'unknown';
}

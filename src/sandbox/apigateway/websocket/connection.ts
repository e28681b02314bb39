// One client connection of a WebSocket API: the socket, what its events
// repeat, when it was last active, and the two clocks API Gateway keeps on
// it (idle time and total age).
import { isUtf8 } from 'node:buffer';
import type { WebSocket } from 'ws';
import type { ConnectionContext } from './events.ts';
import type { WebSocketLimits } from './limits.ts';

/** Why the gateway ended a connection: the close frame it sent, and what $disconnect is told. */
export interface CloseCause {
  code: number;
  reason: string;
}

const IDLE_TIMEOUT: CloseCause = { code: 1001, reason: 'Going away' };
const MAX_AGE_REACHED: CloseCause = { code: 1001, reason: 'Going away' };

export class GatewayConnection {
  readonly context: ConnectionContext;
  /** ms; the last message from the client (or the connection's start). */
  lastActiveAt: number;
  /** Set once the gateway has begun closing the connection itself. */
  closedBy?: CloseCause;
  private readonly socket: WebSocket;
  private readonly frameBytes: number;
  private readonly idleTimer: NodeJS.Timeout;
  private readonly ageTimer: NodeJS.Timeout;

  constructor(socket: WebSocket, context: ConnectionContext, limits: WebSocketLimits, expire: (cause: CloseCause) => void) {
    this.socket = socket;
    this.context = context;
    this.lastActiveAt = context.connectedAt;
    this.frameBytes = limits.frameBytes;
    this.idleTimer = setTimeout(() => expire(IDLE_TIMEOUT), limits.idleTimeoutMs).unref();
    this.ageTimer = setTimeout(() => expire(MAX_AGE_REACHED), limits.maxConnectionAgeMs).unref();
  }

  get id(): string {
    return this.context.connectionId;
  }

  /** A message from the client: the connection is not idle. */
  touch(now = Date.now()): void {
    this.lastActiveAt = now;
    this.idleTimer.refresh();
  }

  /** Sends one message, as text when it is UTF-8, split into frames of at most the frame limit as API Gateway sends them. */
  send(data: Buffer): void {
    const binary = !isUtf8(data);
    if (data.length <= this.frameBytes) return this.socket.send(data, { binary });
    for (let offset = 0; offset < data.length; offset += this.frameBytes) {
      const end = Math.min(offset + this.frameBytes, data.length);
      this.socket.send(data.subarray(offset, end), { binary, fin: end === data.length });
    }
  }

  close(cause: CloseCause): void {
    this.closedBy ??= cause;
    this.socket.close(cause.code, cause.reason);
  }

  /** Ends the connection without a closing handshake (the sandbox is stopping). */
  terminate(): void {
    this.socket.terminate();
  }

  stopClocks(): void {
    clearTimeout(this.idleTimer);
    clearTimeout(this.ageTimer);
  }
}

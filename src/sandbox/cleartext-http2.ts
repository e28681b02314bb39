import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttp2Server, type Http2Session } from 'node:http2';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';

const FIRST_BYTE_TIMEOUT_MS = 60_000;

/**
 * One port for HTTP/1.1 and cleartext HTTP/2. The SDK v3's Kinesis client for
 * Node.js talks HTTP/2 only, and to an http:// endpoint it opens the
 * connection with HTTP/2's preface straight away ("prior knowledge"), so the
 * first bytes tell the two apart: HTTP/2's preface starts with "PRI", which
 * no HTTP/1 method does. HTTP/2 requests reach the same handler through
 * Node's compatibility API, whose request and response objects behave like
 * HTTP/1's for everything the sandbox uses.
 */
export function acceptCleartextHttp2(
  http1: Server,
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): { listener: NetServer; closeAllConnections: () => void } {
  const http2 = createHttp2Server(handler as unknown as Parameters<typeof createHttp2Server>[0]);
  const sessions = new Set<Http2Session>();
  http2.on('session', (session: Http2Session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });
  // The HTTP/1 server never listens itself, so it does not track connections; this does.
  const sockets = new Set<Socket>();
  // No Nagle delay on answers, as node:http's own servers set (they are not the ones accepting here).
  const listener = createNetServer({ noDelay: true }, (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    // Until it has said which protocol it speaks, a silent connection is dropped after a minute.
    socket.setTimeout(FIRST_BYTE_TIMEOUT_MS, () => socket.destroy());
    socket.once('data', (first: Buffer) => {
      socket.setTimeout(0);
      socket.pause();
      socket.unshift(first);
      (first.subarray(0, 3).toString('latin1') === 'PRI' ? http2 : http1).emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
    socket.on('error', () => socket.destroy());
  });
  return {
    listener,
    closeAllConnections() {
      for (const session of sessions) session.destroy();
      for (const socket of sockets) socket.destroy();
    },
  };
}

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { acceptCleartextHttp2 } from './cleartext-http2.ts';

export interface ListenerHandlers {
  request: (req: IncomingMessage, res: ServerResponse) => void;
  /** An HTTP/1.1 Upgrade (WebSocket handshakes); HTTP/2 has none. */
  upgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
}

export interface SandboxListener {
  /** e.g. http://127.0.0.1:4510, loopback shown for a wildcard host */
  url: string;
  port: number;
  /** Stops accepting and drops every open connection, HTTP/1.1, HTTP/2 and upgraded alike. */
  close(): Promise<void>;
}

/** The sandbox's one port, for HTTP/1.1 and cleartext HTTP/2, serving `handlers` from the moment it listens. */
export async function listen(port: number, host: string, handlers: ListenerHandlers): Promise<SandboxListener> {
  const server = createServer(handlers.request);
  server.on('upgrade', handlers.upgrade);
  const { listener, closeAllConnections } = acceptCleartextHttp2(server, handlers.request);
  await new Promise<void>((resolveListen, reject) => {
    listener.once('error', reject);
    listener.listen(port, host, () => resolveListen());
  });
  const address = listener.address() as AddressInfo;
  const shownHost = ['0.0.0.0', '::'].includes(address.address) ? '127.0.0.1' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    async close() {
      const closed = new Promise<void>((r) => listener.close(() => r()));
      closeAllConnections();
      await closed;
    },
  };
}

// What the sandbox's listener does with each request and upgrade: refuse
// callers the listener checks turn away, then answer credential requests
// itself and pass the rest to the front door or the WebSocket gateway.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { allowedHostNames, isLoopbackOrigin, refusal, refuseRequest, refuseUpgrade, type ListenerPolicy } from '../access/listener-checks.ts';
import { apiRequestTarget, handleApiUpgrade } from './apigateway/data-planes.ts';
import type { WebSocketGateway } from './apigateway/websocket/gateway.ts';
import { CREDENTIALS_PATH } from './credentials/endpoint.ts';
import type { ListenerHandlers } from './listener.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface RequestHandlerParts {
  host: string;
  /** Browser origins that may call the sandbox (labbook's own page). */
  origins: () => string[];
  /** POST /_labbook/credentials */
  credentials: Handler;
  /** Every other request: an AWS service's, or an API's data plane. */
  frontDoor: Handler;
  webSockets: WebSocketGateway;
  log: (message: string) => void;
}

export function requestHandlers({ host, origins, credentials, frontDoor, webSockets, log }: RequestHandlerParts): ListenerHandlers {
  // Worked out once: every request is checked against it.
  const hostNames = allowedHostNames(host);
  const policy: ListenerPolicy = {
    hosts: () => hostNames,
    // The relay (tests' LABBOOK_RELAY_UPSTREAM=sandbox) and SDKs pointed at AWS's names send AWS's own host
    // names; a DNS-rebinding page cannot, since it would need to own the name.
    extraHost: (name) => name.endsWith('.amazonaws.com'),
    origins,
  };
  // An API's data plane stands in for the student's public API, whose CORS configuration decides what a
  // page may read: the lab's own client (webpage1's index.html, opened from disk: Origin null) and pages
  // the student serves on this machine may call it too. Other websites may not.
  const dataPlanePolicy: ListenerPolicy = { ...policy, extraOrigin: (origin) => origin === 'null' || isLoopbackOrigin(origin) };
  const policyFor = (req: IncomingMessage) => (apiRequestTarget(req) ? dataPlanePolicy : policy);
  return {
    request(req, res) {
      const refused = refusal(req.headers, policyFor(req));
      if (refused) return refuseRequest(res, refused);
      const path = (req.url ?? '/').split('?')[0];
      void (path === CREDENTIALS_PATH ? credentials : frontDoor)(req, res).catch((error) => {
        log(`sandbox: request failed: ${(error as Error)?.stack ?? String(error)}`);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    },
    upgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      socket.on('error', () => socket.destroy());
      const refused = refusal(req.headers, policyFor(req));
      if (refused) return refuseUpgrade(socket, refused);
      void handleApiUpgrade(webSockets, req, socket, head).catch((error) => {
        log(`sandbox: upgrade failed: ${(error as Error)?.stack ?? String(error)}`);
        socket.destroy();
      });
    },
  };
}

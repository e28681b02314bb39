import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { join, resolve } from 'node:path';
import { allowedHostNames, isLoopbackOrigin, refusal, refuseRequest, refuseUpgrade, type ListenerPolicy } from '../access/listener-checks.ts';
import { loadAccount } from './account.ts';
import type { SandboxContext } from './context.ts';
import { acceptCleartextHttp2 } from './cleartext-http2.ts';
import { CREDENTIALS_PATH, createCredentialsEndpoint, createCredentialsIssuer } from './credentials/endpoint.ts';
import { openCredentialStore, type IssueOptions, type IssuedCredentials } from './credentials/store.ts';
import { apiRequestTarget, handleApiRequest, handleApiUpgrade } from './apigateway/data-planes.ts';
import { startWebSocketDataPlane } from './apigateway/websocket/data-plane.ts';
import type { WebSocketLimits } from './apigateway/websocket/limits.ts';
import { createFrontDoor } from './front-door.ts';
import { sandboxIam } from './iam/roles.ts';
import type { Service } from './protocol/service.ts';
import { serviceFactories } from './services.ts';
import { fileStore, memoryStore } from './storage/document-store.ts';

export type { IssuedCredentials, IssueOptions } from './credentials/store.ts';
export { CREDENTIALS_PATH } from './credentials/endpoint.ts';

export interface SandboxOptions {
  /** 0 picks a free port. */
  port: number;
  /** Loopback unless told otherwise: the sandbox hands out credentials to whoever asks. */
  host?: string;
  /** State on disk here; required unless inMemory. */
  dataDir?: string;
  inMemory?: boolean;
  /** Browser origins that may call the sandbox (labbook's own page); a function when the origin is known only later. */
  allowedOrigins?: string[] | (() => string[]);
  /** labbook's token (access/token.ts): POST /_labbook/credentials answers only callers sending it. Without one, nobody. */
  token?: string;
  region?: string;
  /** WebSocket APIs' frame, message, idle and age limits; AWS's (or LABBOOK_WS_* from the environment) unless given. */
  webSocketLimits?: Partial<WebSocketLimits>;
  log?: (message: string) => void;
}

export interface RunningSandbox {
  /** e.g. http://127.0.0.1:4510 (no trailing slash: it is an AWS endpoint URL) */
  url: string;
  /** POST here for credentials: `${url}/_labbook/credentials` */
  credentialsUrl: string;
  port: number;
  accountId: string;
  region: string;
  issueCredentials(options?: IssueOptions): Promise<IssuedCredentials>;
  /** Answers a credentials request (POST, optional {"durationSeconds"}) for a caller labbook's site has already let in. */
  answerCredentialsRequest(req: IncomingMessage, res: ServerResponse): Promise<void>;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const { port, host = '127.0.0.1', dataDir, inMemory = false, allowedOrigins = [], region = 'us-east-1' } = options;
  const log = options.log ?? ((message: string) => console.error(message));
  if (!inMemory && !dataDir) throw new Error('startSandbox needs a dataDir, or inMemory: true');
  const root = inMemory ? undefined : resolve(dataDir!);
  const storage = root ? fileStore(root) : memoryStore();
  const account = await loadAccount(storage);
  const credentials = await openCredentialStore(storage, account);

  // Requests that arrive while the services are still starting wait for them.
  let servicesReady: (handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>) => void;
  const ready = new Promise<(req: IncomingMessage, res: ServerResponse) => Promise<void>>((r) => (servicesReady = r));
  let url = '';
  const origins = typeof allowedOrigins === 'function' ? allowedOrigins : () => allowedOrigins;
  const credentialsOptions = { credentials, endpoint: () => url, region };
  const handleCredentials = createCredentialsEndpoint({ ...credentialsOptions, token: options.token });
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
  const handleRequest = (req: IncomingMessage, res: ServerResponse) => {
    const refused = refusal(req.headers, policyFor(req));
    if (refused) return refuseRequest(res, refused);
    const path = (req.url ?? '/').split('?')[0];
    const handler = path === CREDENTIALS_PATH ? handleCredentials : undefined;
    void (handler ? handler(req, res) : ready.then((h) => h(req, res))).catch((error) => {
      log(`sandbox: request failed: ${(error as Error)?.stack ?? String(error)}`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  };
  const server = createServer(handleRequest);
  // WebSocket handshakes for APIs; the HTTP/2 side has no Upgrade.
  let contextReady: (ctx: SandboxContext) => void;
  const readyContext = new Promise<SandboxContext>((r) => (contextReady = r));
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const refused = refusal(req.headers, policyFor(req));
    if (refused) return refuseUpgrade(socket, refused);
    void readyContext
      .then((ctx) => handleApiUpgrade(ctx, req, socket, head))
      .catch((error) => {
        log(`sandbox: upgrade failed: ${(error as Error)?.stack ?? String(error)}`);
        socket.destroy();
      });
  });
  const { listener, closeAllConnections } = acceptCleartextHttp2(server, handleRequest);
  await new Promise<void>((resolveListen, reject) => {
    listener.once('error', reject);
    listener.listen(port, host, () => resolveListen());
  });
  const address = listener.address() as AddressInfo;
  const shownHost = ['0.0.0.0', '::'].includes(address.address) ? '127.0.0.1' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  url = `http://${shownHost}:${address.port}`;

  const context: SandboxContext = {
    accountId: account.accountId,
    defaultRegion: region,
    url,
    storage,
    directory(name) {
      if (!root) return undefined;
      const dir = join(root, name);
      mkdirSync(dir, { recursive: true });
      return dir;
    },
    credentials,
    iam: sandboxIam(account.accountId),
    pageOrigins: origins,
    log,
  };
  const services: Service[] = [];
  try {
    for (const factory of serviceFactories) services.push(await factory(context));
  } catch (error) {
    await Promise.allSettled(services.map((s) => Promise.resolve(s.close?.())));
    listener.close();
    throw error;
  }
  const dataPlane = (req: IncomingMessage, res: ServerResponse) => {
    const target = apiRequestTarget(req);
    return target && handleApiRequest(context, req, res, target);
  };
  const webSocketDataPlane = startWebSocketDataPlane(context, options.webSocketLimits);
  servicesReady!(createFrontDoor({ services, credentials, log, dataPlane }));
  contextReady!(context);

  return {
    url,
    credentialsUrl: url + CREDENTIALS_PATH,
    port: address.port,
    accountId: account.accountId,
    region,
    issueCredentials: (issueOptions) => credentials.issue(issueOptions),
    answerCredentialsRequest: createCredentialsIssuer(credentialsOptions),
    async close() {
      const closed = new Promise<void>((r) => listener.close(() => r()));
      webSocketDataPlane.close();
      closeAllConnections();
      await closed;
      await Promise.allSettled(services.map((s) => Promise.resolve(s.close?.())));
    },
  };
}

import { mkdirSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { loadAccount } from './account.ts';
import type { LambdaSettings, SandboxContext } from './context.ts';
import { CREDENTIALS_PATH, createCredentialsEndpoint, createCredentialsIssuer } from './credentials/endpoint.ts';
import { openCredentialStore, type IssueOptions, type IssuedCredentials } from './credentials/store.ts';
import { apiRequestTarget, handleApiRequest, type ApiDataPlanes } from './apigateway/data-planes.ts';
import { WebSocketGateway } from './apigateway/websocket/gateway.ts';
import { AWS_WEBSOCKET_LIMITS, type WebSocketLimits } from './apigateway/websocket/limits.ts';
import { openEngines } from './engines.ts';
import { createFrontDoor } from './front-door.ts';
import { sandboxIam } from './iam/roles.ts';
import { withLearnerLabRegions } from './learner-lab/region-policy.ts';
import { listen } from './listener.ts';
import type { Service } from './protocol/service.ts';
import { requestHandlers } from './request-handlers.ts';
import { serviceFactories } from './services.ts';
import { StartedParts } from './started-parts.ts';
import { fileStore, memoryStore } from './storage/document-store.ts';
import { createTimings, type TimingsSettings } from './timings/timings.ts';

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
  /** WebSocket APIs' frame, message, idle and age limits; AWS's unless given. */
  webSocketLimits?: Partial<WebSocketLimits>;
  /** Lambda's limits and Python; the environment pool's defaults unless given. */
  lambda?: LambdaSettings;
  /** How long tables, functions, streams, mappings, deployments and permissions take to become ready; at once unless given. */
  timings?: TimingsSettings;
  /** Refuse what an AWS Academy Learner Lab account refuses (other regions, IAM writes); on unless false. */
  learnerLab?: boolean;
  /** How long credentials issued without a lifetime last; a Learner Lab session's 4 hours unless given. */
  credentialsSeconds?: number;
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

/**
 * Starts the sandbox in the order its parts need each other: the account and
 * its credentials, the engines (engines.ts), the services, the data planes,
 * then the listener, so that the first request finds everything ready.
 * close() stops them in reverse.
 */
export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const { port, host = '127.0.0.1', dataDir, inMemory = false, allowedOrigins = [], region = 'us-east-1', learnerLab = true } = options;
  const log = options.log ?? ((message: string) => console.error(message));
  if (!inMemory && !dataDir) throw new Error('startSandbox needs a dataDir, or inMemory: true');
  const root = inMemory ? undefined : resolve(dataDir!);
  const storage = root ? fileStore(root) : memoryStore();
  const account = await loadAccount(storage);
  const credentials = await openCredentialStore(storage, account, options.credentialsSeconds);
  const origins = typeof allowedOrigins === 'function' ? allowedOrigins : () => allowedOrigins;

  // The one cycle: the services need the sandbox's address, which exists once the listener is bound, and the listener
  // needs the services. Only requests and starting functions read the address, none of which happen before it is
  // bound, so it is set then; a read before that is a wiring mistake, and fails loudly.
  let url: string | undefined;
  const context: SandboxContext = {
    accountId: account.accountId,
    defaultRegion: region,
    get url() {
      if (url === undefined) throw new Error('the sandbox has no address before it listens');
      return url;
    },
    storage,
    directory(name) {
      if (!root) return undefined;
      const dir = join(root, name);
      mkdirSync(dir, { recursive: true });
      return dir;
    },
    credentials,
    iam: sandboxIam(account),
    learnerLab,
    pageOrigins: origins,
    lambda: options.lambda ?? {},
    timings: createTimings(options.timings ?? { profile: 'instant' }),
    log,
  };

  const started = new StartedParts(log);
  try {
    const engines = await openEngines(context, started);
    const services: Service[] = [];
    for (const factory of serviceFactories) {
      const made = await factory(context, engines);
      const service = learnerLab ? withLearnerLabRegions(made) : made;
      services.push(started.add(`the ${service.signingName} service`, service, (opened) => opened.close?.()));
    }
    const dataPlaneParts = { ctx: context, apis: engines.apis, lambda: engines.lambda };
    const webSockets = new WebSocketGateway(dataPlaneParts, { ...AWS_WEBSOCKET_LIMITS, ...options.webSocketLimits });
    const dataPlanes: ApiDataPlanes = { ...dataPlaneParts, webSockets };
    const dataPlane = (req: IncomingMessage, res: ServerResponse) => {
      const target = apiRequestTarget(req);
      return target && handleApiRequest(dataPlanes, req, res, target);
    };
    const credentialsOptions = { credentials, endpoint: () => context.url, region };
    const handlers = requestHandlers({
      host,
      origins,
      credentials: createCredentialsEndpoint({ ...credentialsOptions, token: options.token }),
      frontDoor: createFrontDoor({ services, credentials, log, dataPlane }),
      webSockets,
      log,
    });
    const listener = started.add('the listener', await listen(port, host, handlers), async (opened) => {
      // WebSocket connections end first, without $disconnect: once the listener dropped their sockets, the gateway would take it for clients leaving.
      webSockets.close();
      await opened.close();
    });
    url = listener.url;
    // Polling starts functions, whose SDK calls go to the sandbox's address.
    engines.eventSourceMappings.resume();
    return {
      url,
      credentialsUrl: url + CREDENTIALS_PATH,
      port: listener.port,
      accountId: account.accountId,
      region,
      issueCredentials: (issueOptions) => credentials.issue(issueOptions),
      answerCredentialsRequest: createCredentialsIssuer(credentialsOptions),
      close: () => started.closeAll(),
    };
  } catch (error) {
    await started.closeAll();
    throw error;
  }
}

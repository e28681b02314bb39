import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { readConfig, type LabbookConfig } from '../config/read-config.ts';
import { sandboxTuning } from '../config/sandbox-tuning.ts';
import { startSandbox, type RunningSandbox } from '../sandbox/index.ts';
import { hostingSettings, siteOrigins, sitePort, type HostingSettings } from './hosting.ts';
import {
  HEALTH_PATH,
  RELAY_INFO_PATH,
  SANDBOX_CREDENTIALS_PATH,
  SANDBOX_INFO_PATH,
  type NoSandboxAnswer,
  type RelayInfo,
  type SandboxInfo,
} from './info-api.ts';
import { relayKey } from '../access/site-session.ts';
import type { TestNetwork } from './relay/aws-connection.ts';
import { startRelayServer, type RunningRelay } from './relay/relay-server.ts';

/**
 * A mount is one piece of labbook's server that owns a URL prefix: what the page
 * learns about the sandbox and the relay, its sandbox credentials, and the health
 * check. The sandbox and the relay themselves listen on ports of their own. The production server and the Astro dev server both ask this
 * module for the same list, so `npm start` and `npm run dev` behave alike.
 */
export interface Mount {
  /** URL path prefix this mount answers, e.g. `/relay/`. */
  prefix: string;
  handle(req: IncomingMessage, res: ServerResponse): void | Promise<void>;
}

export interface Mounts {
  list: Mount[];
  /** Extra origins the page may connect to (the Content-Security-Policy's connect-src). */
  connectSources: string[];
  close(): Promise<void>;
}

export interface MountsOptions {
  /** The site's own origin, e.g. http://127.0.0.1:4321; read per request because the port may be picked at listen time. */
  siteOrigin: () => string | undefined;
  /** The secret that opens the site; the embedded sandbox hands out credentials for it too. */
  token: string;
  /** labbook's settings (config/); read from the environment when left out. */
  config?: LabbookConfig;
  /** A class server's settings (hosting.ts); from `config` when left out. */
  hosting?: HostingSettings;
  /** Where the relay's counts go on a class server (console.log). */
  log?: (line: string) => void;
  /** The address the site listens on (HOST); the relay listens there too when it has a public address. */
  host?: string;
  /** Tests only: see ServerOptions.testNetwork. */
  testNetwork?: TestNetwork;
}

/** The server was started with --no-sandbox: said to the page (which then offers only AWS) and to whoever asks. */
const NO_SANDBOX: NoSandboxAnswer = {
  message:
    'This labbook server hosts no sandbox: it is a class server, which only forwards your requests to AWS. Use your AWS account (paste your Learner Lab credentials), or run labbook on your own computer for the sandbox.',
  hostsNoSandbox: true,
};

type EmbeddedSandbox = RunningSandbox | { failure: string } | NoSandboxAnswer;

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export async function createMounts(options: MountsOptions): Promise<Mounts> {
  const config = options.config ?? readConfig();
  const hosting = options.hosting ?? hostingSettings(config);
  const sandbox = hosting.sandbox ? await startEmbeddedSandbox(options, config, hosting) : NO_SANDBOX;
  const upstream = config.relayUpstream ? relayUpstream(config.relayUpstream, sandbox) : undefined;
  let relay: RunningRelay;
  try {
    relay = await startEmbeddedRelay(options, config.relayPort, hosting, upstream);
  } catch (error) {
    if ('close' in sandbox) await sandbox.close();
    throw error;
  }
  const relayInfo: RelayInfo = { url: relay.url, key: relayKey(options.token) };
  const list: Mount[] = [
    // Before /api/sandbox, which is a prefix of it.
    sandboxCredentialsMount(sandbox),
    sandboxInfoMount(sandbox),
    { prefix: RELAY_INFO_PATH, handle: (req, res) => answerInfo(req, res, RELAY_INFO_PATH, [200, relayInfo]) },
    // Open without the token (site-gate.ts), so it says nothing a stranger could use.
    { prefix: HEALTH_PATH, handle: (req, res) => answerInfo(req, res, HEALTH_PATH, [200, { status: 'ok', sandbox: 'url' in sandbox }]) },
  ];
  const sandboxSources = 'url' in sandbox ? [sandbox.url] : [];
  return {
    list,
    // ws:// too: CSP's http: source does not cover WebSockets, which WebSocket APIs need.
    connectSources: [...sandboxSources, relay.origin].flatMap((origin) => [origin, origin.replace(/^http/, 'ws')]),
    async close() {
      await relay.close();
      if ('close' in sandbox) await sandbox.close();
    },
  };
}

/**
 * The sandbox runs in this process on its own loopback port (LABBOOK_SANDBOX_PORT,
 * default 4510, 0 for any), with state in LABBOOK_SANDBOX_DATA (default
 * .labbook/sandbox) or in memory with LABBOOK_SANDBOX_IN_MEMORY=1. If it cannot
 * start (the port or its data taken by another labbook), the site still serves
 * and says why.
 */
async function startEmbeddedSandbox(
  { siteOrigin, token }: MountsOptions,
  config: LabbookConfig,
  hosting: HostingSettings,
): Promise<RunningSandbox | { failure: string }> {
  const inMemory = config.sandboxInMemory;
  try {
    return await startSandbox({
      port: config.sandboxPort,
      inMemory,
      dataDir: inMemory ? undefined : (config.sandboxData ?? `${ROOT}.labbook/sandbox`),
      ...sandboxTuning(config),
      allowedOrigins: () => siteOrigins(hosting, siteOrigin()),
      token,
    });
  } catch (error) {
    const failure = `the sandbox could not start: ${(error as Error).message} (set LABBOOK_SANDBOX_PORT or LABBOOK_SANDBOX_DATA)`;
    console.error(`labbook: ${failure}`);
    return { failure };
  }
}

/**
 * The relay listens on an origin of its own (relay-server.ts): LABBOOK_RELAY_PORT (default any
 * free port: the page asks the site where it is), on loopback, or where the site listens
 * when a reverse proxy reaches it at its public address (one in another container, say).
 */
function startEmbeddedRelay(
  { siteOrigin, token, log, host, testNetwork }: MountsOptions,
  port: number | undefined,
  hosting: HostingSettings,
  upstream: (() => string | undefined) | undefined,
): Promise<RunningRelay> {
  return startRelayServer({
    port: port ?? 0,
    host: hosting.publicRelayUrl ? host : undefined,
    siteOrigins: () => siteOrigins(hosting, siteOrigin()),
    token,
    sitePort: () => sitePort(hosting, siteOrigin()),
    upstream,
    testNetwork,
    hosting,
    log,
  });
}

/**
 * LABBOOK_RELAY_UPSTREAM (tests only) sends the relay's requests to another
 * address, Host unchanged: `sandbox` means the sandbox this server started.
 */
function relayUpstream(setting: string, sandbox: EmbeddedSandbox): () => string | undefined {
  if (setting === 'sandbox') return () => ('url' in sandbox ? sandbox.url : undefined);
  return () => setting;
}

/** GET /api/sandbox tells the page where the sandbox is, why it could not start (503), or that there is none (404). */
function sandboxInfoMount(sandbox: EmbeddedSandbox): Mount {
  return {
    prefix: SANDBOX_INFO_PATH,
    handle(req, res) {
      answerInfo(
        req,
        res,
        SANDBOX_INFO_PATH,
        'hostsNoSandbox' in sandbox
          ? [404, sandbox]
          : 'failure' in sandbox
            ? [503, { message: sandbox.failure }]
            : [
                200,
                { endpoint: sandbox.url, region: sandbox.region, accountId: sandbox.accountId, credentialsUrl: SANDBOX_CREDENTIALS_PATH } satisfies SandboxInfo,
              ],
      );
    },
  };
}

/**
 * POST /api/sandbox/credentials: the page's sandbox credentials. Only the site gate's
 * callers get here (the session cookie, the site's own Origin), so the sandbox's own
 * credentials endpoint can refuse every browser.
 */
function sandboxCredentialsMount(sandbox: EmbeddedSandbox): Mount {
  return {
    prefix: SANDBOX_CREDENTIALS_PATH,
    handle(req, res) {
      if ('hostsNoSandbox' in sandbox) return answerJson(res, 404, sandbox);
      if ('failure' in sandbox) return answerJson(res, 503, { message: sandbox.failure });
      return sandbox.answerCredentialsRequest(req, res);
    },
  };
}

/** The server's small JSON answers about itself: GET on exactly `path`. */
function answerInfo(req: IncomingMessage, res: ServerResponse, path: string, [status, body]: [number, object]): void {
  const [answerStatus, answerBody] =
    (req.url ?? '').split('?')[0] !== path ? [404, { message: 'Not found' }] : req.method !== 'GET' ? [405, { message: 'Use GET.' }] : [status, body];
  answerJson(res, answerStatus, answerBody);
}

function answerJson(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

export function findMount(mounts: Mount[], url: string | undefined): Mount | undefined {
  const path = (url ?? '/').split('?')[0];
  return mounts.find((m) => path.startsWith(m.prefix));
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { startSandbox, type RunningSandbox } from '../sandbox/index.ts';
import { loopbackAliases } from '../access/listener-checks.ts';
import { RELAY_INFO_PATH, SANDBOX_CREDENTIALS_PATH, SANDBOX_DEFAULT_PORT, SANDBOX_INFO_PATH, type RelayInfo, type SandboxInfo } from './info-api.ts';
import { relayKey } from '../access/site-session.ts';
import { startRelayServer, type RunningRelay } from './relay/relay-server.ts';

/**
 * A mount is one piece of labbook's server that owns a URL prefix: what the page
 * learns about the sandbox and the relay, and its sandbox credentials. The sandbox and
 * the relay themselves listen on ports of their own. The production server and the Astro dev server both ask this
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
  siteOrigin(): string | undefined;
  /** The secret that opens the site; the embedded sandbox hands out credentials for it too. */
  token: string;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export async function createMounts(options: MountsOptions): Promise<Mounts> {
  const upstreamSetting = checkedUpstreamSetting(process.env.LABBOOK_RELAY_UPSTREAM);
  const sandbox = await startEmbeddedSandbox(options);
  const upstream = upstreamSetting ? relayUpstream(upstreamSetting, sandbox) : undefined;
  let relay: RunningRelay;
  try {
    relay = await startEmbeddedRelay(options, upstream);
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
 * The sandbox runs in this process on its own loopback port (SANDBOX_PORT,
 * default 4510, 0 for any), with state in LABBOOK_SANDBOX_DATA (default
 * .labbook/sandbox) or in memory with LABBOOK_SANDBOX_IN_MEMORY=1. If it cannot
 * start (the port or its data taken by another labbook), the site still serves
 * and says why.
 */
async function startEmbeddedSandbox({ siteOrigin, token }: MountsOptions): Promise<RunningSandbox | { failure: string }> {
  const inMemory = process.env.LABBOOK_SANDBOX_IN_MEMORY === '1';
  try {
    return await startSandbox({
      port: Number(process.env.SANDBOX_PORT || SANDBOX_DEFAULT_PORT),
      inMemory,
      dataDir: inMemory ? undefined : (process.env.LABBOOK_SANDBOX_DATA ?? `${ROOT}.labbook/sandbox`),
      allowedOrigins: () => loopbackAliases(siteOrigin()),
      token,
    });
  } catch (error) {
    const failure = `the sandbox could not start: ${(error as Error).message} (set SANDBOX_PORT or LABBOOK_SANDBOX_DATA)`;
    console.error(`labbook: ${failure}`);
    return { failure };
  }
}

/**
 * The relay listens on an origin of its own (relay-server.ts): loopback, RELAY_PORT
 * (default 0, any free port: the page asks the site where it is).
 */
function startEmbeddedRelay({ siteOrigin, token }: MountsOptions, upstream: (() => string | undefined) | undefined): Promise<RunningRelay> {
  return startRelayServer({
    port: Number(process.env.RELAY_PORT ?? 0),
    siteOrigins: () => loopbackAliases(siteOrigin()),
    token,
    sitePort: () => {
      const origin = siteOrigin();
      return origin ? Number(new URL(origin).port) : undefined;
    },
    upstream,
  });
}

/**
 * LABBOOK_RELAY_UPSTREAM (tests only) sends the relay's requests to another
 * address, Host unchanged: `sandbox` means the sandbox this server started.
 */
function relayUpstream(setting: string, sandbox: RunningSandbox | { failure: string }): () => string | undefined {
  if (setting === 'sandbox') return () => ('url' in sandbox ? sandbox.url : undefined);
  return () => setting;
}

function checkedUpstreamSetting(setting: string | undefined): string | undefined {
  if (setting && setting !== 'sandbox' && !/^https?:\/\/[^/]+\/?$/.test(setting)) {
    throw new Error(`LABBOOK_RELAY_UPSTREAM must be "sandbox" or an http(s) origin such as http://127.0.0.1:4510, not ${setting}`);
  }
  return setting || undefined;
}

/** GET /api/sandbox tells the page where the sandbox is. */
function sandboxInfoMount(sandbox: RunningSandbox | { failure: string }): Mount {
  return {
    prefix: SANDBOX_INFO_PATH,
    handle(req, res) {
      answerInfo(
        req,
        res,
        SANDBOX_INFO_PATH,
        'failure' in sandbox
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
function sandboxCredentialsMount(sandbox: RunningSandbox | { failure: string }): Mount {
  return {
    prefix: SANDBOX_CREDENTIALS_PATH,
    handle(req, res) {
      if ('failure' in sandbox) return answerInfo(req, res, SANDBOX_CREDENTIALS_PATH, [503, { message: sandbox.failure }]);
      return sandbox.answerCredentialsRequest(req, res);
    },
  };
}

/** The server's small JSON answers about itself: GET on exactly `path`. */
function answerInfo(req: IncomingMessage, res: ServerResponse, path: string, [status, body]: [number, object]): void {
  const [answerStatus, answerBody] =
    (req.url ?? '').split('?')[0] !== path ? [404, { message: 'Not found' }] : req.method !== 'GET' ? [405, { message: 'Use GET.' }] : [status, body];
  res.writeHead(answerStatus, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(answerBody));
}

export function findMount(mounts: Mount[], url: string | undefined): Mount | undefined {
  const path = (url ?? '/').split('?')[0];
  return mounts.find((m) => path.startsWith(m.prefix));
}

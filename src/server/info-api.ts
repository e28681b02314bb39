// What labbook's server tells the page about itself, as both sides see it: the paths the
// page asks (GET) and the answers' shapes. The page reads them in src/cloud/server-info.ts,
// the server answers them in mounts.ts.

/** GET: where the sandbox is ({@link SandboxInfo}), or 503 with a message when it could not start. */
export const SANDBOX_INFO_PATH = '/api/sandbox';
/** POST (JSON body, optionally {"durationSeconds": n}): fresh sandbox credentials for the page. */
export const SANDBOX_CREDENTIALS_PATH = '/api/sandbox/credentials';
/** GET: where the relay is and its key ({@link RelayInfo}); a statically hosted site has no such path. */
export const RELAY_INFO_PATH = '/api/relay';

/** GET /api/sandbox's answer (404) on a server started with --no-sandbox: the page then offers only AWS, and says why. */
export interface NoSandboxAnswer {
  message: string;
  hostsNoSandbox: true;
}

/** GET, without the token: `{"status":"ok"}` while the server runs, for a class server's health checks. */
export const HEALTH_PATH = '/healthz';

/** The sandbox's port when SANDBOX_PORT does not name another. */
export const SANDBOX_DEFAULT_PORT = 4510;
/** The sandbox's address as the chapters print it; the page rewrites it to the sandbox it really uses (src/site/sandbox-address.ts). */
export const PRINTED_SANDBOX_URL = `http://127.0.0.1:${SANDBOX_DEFAULT_PORT}`;

export interface SandboxInfo {
  /** The sandbox's URL, e.g. http://127.0.0.1:4510 */
  endpoint: string;
  region: string;
  accountId: string;
  /** POST here (the site's own path) for sandbox credentials. */
  credentialsUrl: string;
}

/** Sent by labbook's page with every request through the relay: a custom header, so no navigation or cross-site form can carry it. */
export const RELAY_KEY_HEADER = 'x-labbook-relay';

/**
 * The relay answers CORS for labbook's page itself, so an API's own Access-Control-*
 * headers come back under this prefix (inert to the browser), for the page to show as
 * the API sent them.
 */
export const RELAYED_API_HEADER_PREFIX = 'x-labbook-api-';

/**
 * On the relay's own answers to a request over a limit (a class server's, server/hosting.ts):
 * which one, `rate`, `concurrent`, `webSockets` or `body`, so the page can tell them from AWS's.
 */
export const RELAY_LIMIT_HEADER = 'x-labbook-relay-limit';

export interface RelayInfo {
  /** The relay's address on its own origin: `<url><real AWS host><path>`, e.g. http://127.0.0.1:41234/relay/ */
  url: string;
  /** Sent in the x-labbook-relay header with every relayed HTTP request. */
  key: string;
}

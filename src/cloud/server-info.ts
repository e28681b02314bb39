// What labbook's server offers the page: a sandbox (GET /api/sandbox) and the
// relay to AWS (GET /api/relay). A statically hosted site has neither, and the
// page then talks to AWS directly where AWS allows it; a class server (--no-sandbox)
// has only the relay, and says so.
import { RELAY_INFO_PATH, SANDBOX_INFO_PATH, type NoSandboxAnswer, type RelayInfo, type SandboxInfo } from '../server/info-api.ts';

export interface ServerInfo {
  sandbox?: SandboxInfo;
  /** Why there is no sandbox: it could not start, or this server hosts none. */
  sandboxProblem?: string;
  /** The server hosts no sandbox by design (a class server): the page offers only AWS. */
  hostsNoSandbox?: boolean;
  relay?: RelayInfo;
}

let asked: Promise<ServerInfo> | undefined;

/** Asked once per page; the answer does not change while the page is open. */
export function serverInfo(): Promise<ServerInfo> {
  asked ??= askServer();
  return asked;
}

async function askServer(): Promise<ServerInfo> {
  const [sandbox, relay] = await Promise.all([getJson(SANDBOX_INFO_PATH), getJson(RELAY_INFO_PATH)]);
  const info: ServerInfo = {};
  if (sandbox.ok && isSandboxInfo(sandbox.body)) info.sandbox = sandbox.body;
  else if ((sandbox.status === 503 || sandbox.status === 404) && typeof sandbox.body?.message === 'string') {
    const { message, hostsNoSandbox } = sandbox.body as Partial<NoSandboxAnswer>;
    info.sandboxProblem = message;
    if (sandbox.status === 404 && hostsNoSandbox === true) info.hostsNoSandbox = true;
  }
  if (relay.ok && typeof relay.body?.url === 'string' && typeof relay.body.key === 'string') info.relay = { url: relay.body.url, key: relay.body.key };
  return info;
}

/** A JSON object's members, unchecked: each is tested before it is used. */
type JsonObject = Partial<Record<string, unknown>>;

async function getJson(url: string): Promise<{ ok: boolean; status: number; body?: JsonObject }> {
  try {
    const response = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' });
    // A static host answers unknown paths with an HTML page, not labbook's JSON.
    if (!(response.headers.get('content-type') ?? '').includes('application/json')) return { ok: false, status: response.status };
    const body: unknown = await response.json();
    return { ok: response.ok, status: response.status, body: typeof body === 'object' && body !== null ? body : undefined };
  } catch {
    return { ok: false, status: 0 };
  }
}

function isSandboxInfo(value: JsonObject | undefined): value is SandboxInfo & JsonObject {
  return (
    typeof value?.endpoint === 'string' && typeof value.region === 'string' && typeof value.accountId === 'string' && typeof value.credentialsUrl === 'string'
  );
}

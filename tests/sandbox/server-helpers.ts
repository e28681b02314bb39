// Shared by the tests that need labbook's whole server (site, sandbox, relay) rather than
// the sandbox alone. The site is a one-file placeholder: these tests are about the server's
// back ends, and an Astro build would only slow them down.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server/server.ts';
import { sessionCookieName, sessionValue } from '../../src/access/site-session.ts';
import { RELAY_KEY_HEADER } from '../../src/server/info-api.ts';
import { TEST_TOKEN, tokenHeaders } from '../labbook-token.ts';

/**
 * The server on a free loopback port, its sandbox on another and in memory unless `env`
 * says otherwise (the server reads these variables as `labbook start` does). close()
 * stops it, removes the placeholder site and puts the variables back as they were.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  { log, testNetwork }: Pick<ServerOptions, 'log' | 'testNetwork'> = {},
): Promise<RunningServer> {
  const settings = { SANDBOX_PORT: '0', LABBOOK_SANDBOX_IN_MEMORY: '1', ...env };
  const before = Object.fromEntries(Object.keys(settings).map((name) => [name, process.env[name]]));
  Object.assign(process.env, settings);
  const siteDir = await mkdtemp(join(tmpdir(), 'labbook-site-'));
  await writeFile(join(siteDir, 'index.html'), '<!doctype html><title>labbook</title>');
  const server = await startServer({ siteDir, port: 0, token: TEST_TOKEN, log, testNetwork });
  return {
    ...server,
    async close() {
      await server.close();
      await rm(siteDir, { recursive: true, force: true });
      for (const [name, value] of Object.entries(before)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    },
  };
}

/**
 * src/cloud is browser code: give it a page served by `server` (its location, and its
 * same-origin fetches resolved against the server). Undo with vi.unstubAllGlobals().
 */
export function actAsPageOf(server: RunningServer): void {
  const page = new URL(server.url);
  vi.stubGlobal('location', { protocol: page.protocol, hostname: page.hostname, port: page.port, origin: page.origin, host: page.host });
  const realFetch = globalThis.fetch;
  vi.stubGlobal('fetch', (input: string | URL, init?: RequestInit) => {
    const url = new URL(input, server.url);
    // A page's requests to its own origin carry the session cookie; here, the token stands in for it.
    if (url.origin !== page.origin) return realFetch(url, init);
    return realFetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), ...tokenHeaders() } });
  });
}

/** fetch on labbook's site as a caller holding its token (the page's cookie, `labbook credentials`' header). */
export function siteFetch(server: RunningServer, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(new URL(path, server.url), { ...init, headers: { ...(init.headers as Record<string, string>), ...tokenHeaders() } });
}

/** What labbook's page holds to use the server's relay: its address, its key, and the site's session cookie and origin (for WebSockets). */
export interface RelayAccess {
  url: string;
  origin: string;
  key: string;
  /** The headers labbook's page sends: the relay key for HTTP, the session cookie and site Origin for WebSocket handshakes. */
  headers: Record<string, string>;
}

export async function relayAccess(server: RunningServer): Promise<RelayAccess> {
  const { url, key } = (await (await siteFetch(server, '/api/relay')).json()) as { url: string; key: string };
  const site = new URL(server.url);
  const cookie = `${sessionCookieName(site.port)}=${sessionValue(TEST_TOKEN)}`;
  return { url, origin: new URL(url).origin, key, headers: { [RELAY_KEY_HEADER]: key, cookie, origin: site.origin } };
}

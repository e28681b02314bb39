import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { contentSecurityPolicy, inlineScriptHashes, securityHeaders } from './content-security-policy.ts';
import { allowedHostNames } from '../access/listener-checks.ts';
import { readConfig, type LabbookConfig } from '../config/read-config.ts';
import { hostingSettings, siteOrigins, sitePort, type HostingSettings } from './hosting.ts';
import { createMounts, findMount } from './mounts.ts';
import type { TestNetwork } from './relay/aws-connection.ts';
import { createSiteGate } from './site-gate.ts';

export interface ServerOptions {
  /** The built site (Astro's dist/). */
  siteDir: string;
  port: number;
  /** Loopback by default: labbook is a personal tool, not a public service. */
  host?: string;
  /** The secret that opens the site (access/token.ts). */
  token: string;
  /** labbook's settings (config/); read from the environment when left out. */
  config?: LabbookConfig;
  /** A class server's settings (hosting.ts); from `config` when left out. */
  hosting?: HostingSettings;
  /** Where the relay's counts go on a class server (console.log). */
  log?: (line: string) => void;
  /** Tests only, and only from code (no variable or flag reaches it): where the relay's AWS names lead (relay/aws-connection.ts). */
  testNetwork?: TestNetwork;
}

export interface RunningServer {
  /** The site's address, without the token. */
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** One Node process: the built site, with the sandbox and the AWS relay started beside it, each on a port of its own. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { siteDir, port, host = '127.0.0.1', token, config = readConfig(), log, testNetwork } = options;
  const hosting = options.hosting ?? hostingSettings(config);
  // Known once the server listens (the port may be 0); the mounts read it per request, so it stays a variable.
  let siteOrigin: string | undefined = undefined;
  const mounts = await createMounts({ siteOrigin: () => siteOrigin, token, config, hosting, log, host, testNetwork });
  // Behind a reverse proxy, the public name comes as Host too (the proxy passes it on).
  const hostNames = [...allowedHostNames(host), ...(hosting.publicUrl ? [new URL(hosting.publicUrl).hostname] : [])];
  const policy = { hosts: () => hostNames, origins: () => siteOrigins(hosting, siteOrigin) };
  const gate = createSiteGate({
    token,
    sitePort: () => sitePort(hosting, siteOrigin),
    policy,
    secureCookie: hosting.publicUrl?.startsWith('https:') ?? false,
  });
  const headers = securityHeaders(contentSecurityPolicy(await inlineScriptHashes(siteDir), mounts.connectSources));
  const notFoundPage = await readFile(`${siteDir}/404.html`).catch(() => 'Not found');
  const site = sirv(siteDir, {
    etag: true,
    brotli: true,
    gzip: true,
    setHeaders(res, path) {
      // Hashed bundles never change; pages and Pyodide's files are revalidated.
      if (path.startsWith('/_astro/')) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });

  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    if (gate(req, res)) return;
    const mount = findMount(mounts.list, req.url);
    if (mount) return void mount.handle(req, res);
    // A mistyped or old address gets the workbook's own not-found page (content/404.md).
    site(req, res, () => {
      res.statusCode = 404;
      res.setHeader('Content-Type', typeof notFoundPage === 'string' ? 'text/plain; charset=utf-8' : 'text/html; charset=utf-8');
      res.end(notFoundPage);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  }).catch(async (error) => {
    await mounts.close();
    throw error;
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  siteOrigin = `http://${shownHost}:${address.port}`;
  return {
    url: `http://${shownHost}:${address.port}/`,
    server,
    async close() {
      await mounts.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

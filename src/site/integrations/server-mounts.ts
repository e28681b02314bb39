import type { AstroIntegration } from 'astro';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { allowedHostNames, loopbackAliases } from '../../access/listener-checks.ts';
import { loadOrCreateToken } from '../../access/token.ts';
import { readConfig } from '../../config/read-config.ts';
import { createMounts, findMount } from '../../server/mounts.ts';
import { createSiteGate } from '../../server/site-gate.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** Gives `npm run dev` the same gate (Host, Origin, token) and mounts (sandbox, relay) that `npm start` has. */
export function serverMounts(): AstroIntegration {
  return {
    name: 'labbook:server-mounts',
    hooks: {
      'astro:server:setup': async ({ server, logger }) => {
        const config = readConfig();
        const token = await loadOrCreateToken(ROOT, config.token);
        const siteOrigin = () => listeningOrigin(server.httpServer?.address());
        const mounts = await createMounts({ siteOrigin, token, config });
        const gate = createSiteGate({
          token,
          sitePort: () => (siteOrigin() ? Number(new URL(siteOrigin()!).port) : undefined),
          policy: { hosts: () => allowedHostNames(config.host), origins: () => loopbackAliases(siteOrigin()) },
        });
        server.middlewares.use((req, res, next) => {
          if (gate(req, res)) return;
          const mount = findMount(mounts.list, req.url);
          if (mount) return void mount.handle(req, res);
          next();
        });
        server.httpServer?.once('listening', () => logger.info(`open ${siteOrigin()}/?token=${token} once to sign this browser in`));
        server.httpServer?.once('close', () => void mounts.close());
      },
    },
  };
}

function listeningOrigin(address: AddressInfo | string | null | undefined): string | undefined {
  if (!address || typeof address === 'string') return undefined;
  return `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
}

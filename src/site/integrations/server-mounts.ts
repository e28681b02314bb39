import type { AstroIntegration } from 'astro';
import type { AddressInfo } from 'node:net';
import { createMounts, findMount } from '../../server/mounts.ts';

/** Gives `npm run dev` the same mounts (sandbox, relay) that `npm start` has. */
export function serverMounts(): AstroIntegration {
  return {
    name: 'labbook:server-mounts',
    hooks: {
      'astro:server:setup': async ({ server }) => {
        const mounts = await createMounts({ siteOrigin: () => listeningOrigin(server.httpServer?.address()) });
        server.middlewares.use((req, res, next) => {
          const mount = findMount(mounts.list, req.url);
          if (mount) return void mount.handle(req, res);
          next();
        });
        server.httpServer?.on('upgrade', (req, socket, head) => {
          findMount(mounts.list, req.url)?.upgrade?.(req, socket, head);
        });
        server.httpServer?.once('close', () => void mounts.close());
      },
    },
  };
}

function listeningOrigin(address: AddressInfo | string | null | undefined): string | undefined {
  if (!address || typeof address === 'string') return undefined;
  return `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
}

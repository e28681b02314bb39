import type { AstroIntegration } from 'astro';
import { createMounts, findMount } from '../../server/mounts.ts';

/** Gives `npm run dev` the same mounts (sandbox, relay) that `npm start` has. */
export function serverMounts(): AstroIntegration {
  return {
    name: 'labbook:server-mounts',
    hooks: {
      'astro:server:setup': async ({ server }) => {
        const mounts = await createMounts();
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

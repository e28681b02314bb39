import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';

/**
 * Gives `astro dev` a Vite cache folder of its own. Dev and build optimise dependencies with
 * different settings into the same node_modules/.vite/deps: a build while the dev server runs
 * replaced the dev server's files with its own, and the browser's next request for one was
 * answered 504 "Outdated Optimize Dep", leaving every widget on "Loading…". Astro's own caches
 * are apart already (dev's content store in .astro/, the build's in node_modules/.astro/), and
 * only the build writes dist/.
 */
export function devCache(): AstroIntegration {
  return {
    name: 'labbook:dev-cache',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig }) => {
        if (command !== 'dev') return;
        updateConfig({ vite: { cacheDir: fileURLToPath(new URL('node_modules/.vite/dev/', config.root)) } });
      },
    },
  };
}

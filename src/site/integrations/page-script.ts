import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';

const PAGE_SCRIPT = fileURLToPath(new URL('../page.ts', import.meta.url));

/**
 * Puts labbook's page script (site/page.ts) into Astro's own script for every page, the one
 * that already brings prefetching: one file and one request instead of two. Each request
 * costs about 1.5 KiB of headers, and a page must stay within 1.2× of plain Starlight's
 * JavaScript (`npm run budget`).
 */
export function pageScript(): AstroIntegration {
  return {
    name: 'labbook:page-script',
    hooks: {
      'astro:config:setup': ({ injectScript }) => injectScript('page', `import ${JSON.stringify(PAGE_SCRIPT)};`),
    },
  };
}

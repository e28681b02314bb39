// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import preact from '@astrojs/preact';
import { sidebar } from './src/site/sidebar.ts';
import { pyodideAssets } from './src/site/integrations/pyodide-assets.ts';
import { serverMounts } from './src/site/integrations/server-mounts.ts';
import { precompress } from './src/site/integrations/precompress.ts';
import { monacoStylesWithEditor, monacoWithoutUnusedParts } from './src/widgets/python-cell/monaco-styles.ts';

export default defineConfig({
  server: { host: '127.0.0.1', port: Number(process.env.PORT ?? 4321) },
  vite: {
    plugins: [monacoStylesWithEditor(), monacoWithoutUnusedParts()],
    build: {
      // The editor is one chunk of about 2,450 kB minified, loaded only when an editor opens and
      // measured as sent (brotli) against a budget of its own (`npm run budget`, `npm run bench`).
      chunkSizeWarningLimit: 2500,
      rolldownOptions: {
        // labbook's page script (src/site/page.ts) and everything it imports, the target store
        // the islands share included, in one file: each file is a request, with ~1.5 KiB of
        // headers, and pages stay within 1.2× of plain Starlight (`npm run budget`).
        // 'allow-extension' lets that file be the script's own chunk, with no facade in front.
        preserveEntrySignatures: 'allow-extension',
        output: { codeSplitting: { groups: [{ name: 'page', test: /MarkdownContent\.astro\?astro&type=script/ }] } },
      },
    },
  },
  integrations: [
    starlight({
      title: 'labbook',
      description: 'Learn serverless on AWS by doing it: Lambda, API Gateway and WebSockets, in the browser.',
      sidebar,
      // The target indicator sits beside the search box, which Starlight shows at every width.
      components: {
        Search: './src/widgets/target-panel/TargetInHeader.astro',
        MarkdownContent: './src/site/MarkdownContent.astro',
      },
      customCss: ['./src/site/starlight-contrast.css'],
      editLink: undefined,
      lastUpdated: false,
    }),
    preact(),
    pyodideAssets(),
    serverMounts(),
    // Last, so it sees every file the others wrote.
    precompress(),
  ],
});

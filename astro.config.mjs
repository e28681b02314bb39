// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import preact from '@astrojs/preact';
import { chapterSidebar } from './src/site/sidebar/plugin.ts';
import { authoringChecks } from './src/site/authoring/authoring-checks.ts';
import { pyodideAssets } from './src/site/integrations/pyodide-assets.ts';
import { serverMounts } from './src/site/integrations/server-mounts.ts';
import { devCache } from './src/site/integrations/dev-cache.ts';
import { chapterResourcesImports } from './src/site/integrations/chapter-resources-import.ts';
import { pageScript } from './src/site/integrations/page-script.ts';
import { precompress } from './src/site/integrations/precompress.ts';
import { monacoStylesWithEditor } from './src/widgets/python-cell/monaco-styles.ts';
import { monacoWithoutUnusedParts } from './src/widgets/python-cell/monaco-unused-parts.ts';

const port = Number(process.env.PORT ?? 4321);

/**
 * Rolldown warns that it may not keep the `"use astro:head-inject"` directive Astro puts in
 * every MDX page's propagated-assets module. It keeps it (rolldown/rolldown#10791 adds the
 * warning without removing directives); Astro tracks the false alarm as withastro/astro#18087.
 * Only that warning is dropped; every other one is still printed.
 * @param {{ code?: string, message: string }} warning
 * @param {(warning: { code?: string, message: string }) => void} warn
 */
function dropAstroHeadInjectWarning(warning, warn) {
  if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('"use astro:head-inject"')) return;
  warn(warning);
}

/** Astro builds pages in environments of their own, which do not inherit the top-level build options. */
const quietAstroHeadInject = {
  name: 'labbook:quiet-astro-head-inject',
  configEnvironment: () => ({ build: { rolldownOptions: { onwarn: dropAstroHeadInjectWarning } } }),
};

export default defineConfig({
  // The address students open; Starlight's sitemap and canonical links are made from it.
  site: process.env.LABBOOK_PUBLIC_URL || `http://127.0.0.1:${port}`,
  server: { host: '127.0.0.1', port },
  vite: {
    // The lab's steps import their chapters' declared resources (`<chapter>.mdx?resources`).
    plugins: [monacoStylesWithEditor(), monacoWithoutUnusedParts(), quietAstroHeadInject, chapterResourcesImports()],
    build: {
      // The editor is one chunk of about 1,970 kB minified, loaded only when an editor opens and
      // measured as sent (brotli) against a budget of its own (`npm run budget`, `npm run bench`).
      chunkSizeWarningLimit: 2000,
      rolldownOptions: {
        // Astro's script for every page (labbook's page.ts in it, src/site/integrations/page-script.ts)
        // and everything it imports, the target store the islands share included, in one file:
        // each file is a request, with ~1.5 KiB of headers, and pages stay within 1.2× of plain
        // Starlight (`npm run budget`). 'allow-extension' lets that file be the script's own
        // chunk, with no facade in front.
        preserveEntrySignatures: 'allow-extension',
        output: {
          codeSplitting: {
            groups: [
              {
                name: 'page',
                test: /astro:scripts\/page\.js|src[\\/]steps[\\/](target-records|check-progress|check-not-loaded)\.ts|open-target-panel\.ts/,
              },
            ],
          },
        },
      },
    },
  },
  integrations: [
    starlight({
      title: 'labbook',
      description: 'Learn serverless on AWS by doing it: Lambda, API Gateway and WebSockets, in the browser.',
      // The sidebar comes from each chapter's frontmatter (`sidebar:` order, label, group).
      // Authoring mistakes stop the build: widgets' props, `lab:` blocks, exercise ids, internal links.
      plugins: [chapterSidebar(), authoringChecks()],
      components: {
        // The target indicator sits beside the search box, which Starlight shows at every width.
        Search: './src/widgets/target-panel/TargetInHeader.astro',
        // A chapter's `lab:` summary above its text.
        MarkdownContent: './src/site/MarkdownContent.astro',
      },
      customCss: ['./src/site/starlight-contrast.css', './src/site/lab-block/sidebar.css'],
      editLink: undefined,
      lastUpdated: false,
      // content/404.md is the not-found page, built as /404/ like every chapter and sent by the server for
      // any unknown address; Starlight's own 404 route would build the same page a second time.
      disable404Route: true,
    }),
    preact(),
    pageScript(),
    pyodideAssets(),
    serverMounts(),
    devCache(),
    // Last, so it sees every file the others wrote.
    precompress(),
  ],
});

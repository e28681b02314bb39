import type { Plugin } from 'vite';

const PREFIX = '\0labbook-monaco-style:';
// The module's id must not end in .css, or Vite would treat the JavaScript below as CSS.
const SUFFIX = '.js';

/**
 * Monaco's modules import their own CSS. The editor is loaded with import() only when a
 * cell wants it, and Astro's build drops CSS that only such a lazily imported chunk needs,
 * so the editor would appear unstyled. This build-only plugin turns each of Monaco's CSS
 * imports into a module that adds the styles to the page when the editor chunk runs:
 * the styles then arrive with the editor, and never on a page's first load.
 */
export function monacoStylesWithEditor(): Plugin {
  return {
    name: 'labbook:monaco-styles-with-editor',
    apply: 'build',
    enforce: 'pre',
    applyToEnvironment: (environment) => environment.config.consumer === 'client',
    async resolveId(source, importer, options) {
      if (!source.endsWith('.css') || !importer?.includes('/monaco-editor/esm/')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved ? PREFIX + resolved.id + SUFFIX : null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = id.slice(PREFIX.length, -SUFFIX.length);
      return [
        `import css from ${JSON.stringify(`${file}?inline`)};`,
        `const style = document.createElement('style');`,
        `style.dataset.monaco = '';`,
        `style.textContent = css;`,
        `document.head.append(style);`,
      ].join('\n');
    },
  };
}

/**
 * Parts of Monaco that its standalone editor imports for every editor but that labbook's
 * editors never use, each replaced by empty classes: the diff editors (for
 * `createDiffEditor` and `createMultiFileDiffEditor`) and the quick input (the command
 * palette and "go to line", whose features labbook does not import). Together about
 * 80 KB of the editor's brotli size. Calling any of them would fail.
 */
const UNUSED_PARTS: Record<string, string> = {
  '/editor/browser/widget/diffEditor/diffEditorWidget.js': 'export class DiffEditorWidget {}\nexport function toLineChanges() { return []; }',
  '/editor/browser/widget/multiDiffEditor/multiDiffEditorWidget.js': 'export class MultiDiffEditorWidget {}',
  '/editor/standalone/browser/quickInput/standaloneQuickInputService.js':
    'export class StandaloneQuickInputService {}\nexport class QuickInputEditorContribution {}\nexport class QuickInputEditorWidget {}',
};

/** Build only: Monaco without the parts above. */
export function monacoWithoutUnusedParts(): Plugin {
  return {
    name: 'labbook:monaco-without-unused-parts',
    apply: 'build',
    enforce: 'pre',
    load(id) {
      if (!id.includes('/monaco-editor/esm/vs/')) return null;
      const part = Object.keys(UNUSED_PARTS).find((end) => id.endsWith(end));
      return part ? UNUSED_PARTS[part] : null;
    },
  };
}

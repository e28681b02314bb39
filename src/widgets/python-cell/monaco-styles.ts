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

// A Vite plugin for `import resources from '<chapter>.mdx?resources'` (chapter-import.ts):
// the lab's steps are built from their chapters' declared resources, in the site and in Vitest.
import type { Plugin } from 'vite';
import { chapterResourcesModule, RESOURCES_QUERY } from '../../steps/declared/chapter-import.ts';

export function chapterResourcesImports(): Plugin {
  return {
    name: 'labbook:chapter-resources',
    // Before Astro's MDX plugin, which would take the chapter for a page.
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!source.endsWith(RESOURCES_QUERY)) return null;
      // Vite's own resolution of the chapter's path (relative, or from the root once rewritten).
      const chapter = await this.resolve(source.slice(0, -RESOURCES_QUERY.length), importer, { skipSelf: true });
      return chapter && `${chapter.id}${RESOURCES_QUERY}`;
    },
    load(id) {
      if (!id.endsWith(RESOURCES_QUERY)) return null;
      const { source, files } = chapterResourcesModule(id.slice(0, -RESOURCES_QUERY.length));
      for (const file of files) this.addWatchFile(file);
      return source;
    },
  };
}

// `import resources from '<chapter>.mdx?resources'`: a chapter's declared resources as a
// module (DeclaredResource[]), read from its frontmatter and checked with the same schema
// as the content collection. This is how the lab's own steps are built from their
// chapters' declarations: in the site and Vitest through a Vite plugin
// (chapterResourcesImports), in the benchmark and Playwright through a Node module hook
// (node-vite-imports.ts).
import { dirname, join, relative, resolve } from 'node:path';
import { z } from 'astro/zod';
import { frontmatterOf, slugOf } from '../../site/sidebar/content-chapters.ts';
import { declaredResources } from './declared-resources.ts';
import { resourcesSchema } from './schema.ts';

export const RESOURCES_QUERY = '?resources';

/** The project's chapters, from which a slug is made: the lab's own chapters are always here. */
const CONTENT = resolve(import.meta.dirname, '../../../content');

/**
 * The module's source for `chapterFile` (an absolute path under content/), and the files it
 * was made from: the chapter and its functions' code, for a dev server to watch.
 */
export function chapterResourcesModule(chapterFile: string): { source: string; files: string[] } {
  const frontmatter = z.object({ resources: resourcesSchema }).safeParse(frontmatterOf(chapterFile));
  if (!frontmatter.success) throw new Error(`${chapterFile}: ${z.prettifyError(frontmatter.error)}`);
  const declarations = frontmatter.data.resources;
  const slug = slugOf(relative(CONTENT, chapterFile).replaceAll('\\', '/'));
  const code = declarations.flatMap((declaration) => (declaration.kind === 'lambda-function' ? [join(dirname(chapterFile), declaration.code)] : []));
  return { source: `export default ${JSON.stringify(declaredResources(chapterFile, slug, declarations))};\n`, files: [chapterFile, ...code] };
}

// A chapter's `lab.prerequisites` name other chapters by slug. They are checked when a page is
// made (route-middleware.ts), not by the frontmatter's schema: the schema sees one chapter at a
// time, and the chapters are whichever files content/ holds.
import { z } from 'astro/zod';
import { oneOf } from '../../widgets/shared/one-of.ts';

/** What is wrong with the prerequisites, one line per unknown slug with the close ones; undefined if nothing. */
export function unknownPrerequisites(prerequisites: readonly string[], chapterSlugs: readonly string[]): string | undefined {
  const result = z.array(oneOf('chapter', chapterSlugs)).safeParse(prerequisites);
  if (result.success) return undefined;
  return result.error.issues.map((issue) => `lab.prerequisites.${issue.path.join('.')}: ${issue.message}`).join('\n');
}

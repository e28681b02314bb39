// At build time: the declared resources (`resources:` frontmatter) of every chapter that is
// not one of the lab's own, as plain data for the widgets. Widgets get this data as props,
// so the browser bundle never imports content. The lab's chapters are left out: their
// resources reach the widgets as the lab's steps (src/steps/lab-resources.ts), built from
// the same declarations.
import { getCollection } from 'astro:content';
import { LAB_CHAPTER_SLUGS } from './lab-chapter-slugs.ts';
import { declaredResources } from './declared-resources.ts';
import type { DeclaredChapter } from './declared-step.ts';

export async function declaredChapters(): Promise<DeclaredChapter[]> {
  const entries = (await getCollection('docs'))
    .filter((entry) => entry.data.resources && !LAB_CHAPTER_SLUGS.includes(entry.id))
    .sort((a, b) => a.id.localeCompare(b.id));
  return entries.map((entry) => ({
    slug: entry.id,
    title: entry.data.title,
    resources: declaredResources(entry.filePath ?? entry.id, entry.id, entry.data.resources!),
  }));
}

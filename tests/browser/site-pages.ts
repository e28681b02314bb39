import { sidebar } from '../../src/site/sidebar.ts';

type Entry = { label: string; slug?: string; items?: Entry[] };

/** Every chapter URL, in sidebar order: the pages a student reads. */
export function chapterPaths(): string[] {
  const paths: string[] = [];
  const walk = (entries: Entry[]) => {
    for (const entry of entries) {
      if (entry.slug !== undefined) paths.push(entry.slug === 'index' ? '/' : `/${entry.slug}/`);
      if (entry.items) walk(entry.items);
    }
  };
  walk(sidebar as Entry[]);
  return paths;
}

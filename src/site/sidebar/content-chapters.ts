// The sidebar read from the files under content/, for what runs outside Astro (the browser
// tests, `npm run test:chapter`, the page budget): the same frontmatter fields, read from
// each file's YAML, and the same order as the site's (chapter-sidebar.ts).
import { globSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'astro/zod';
import { parse } from 'yaml';
import { chaptersInOrder, sidebarItems, type ChapterLink, type SidebarChapter, type SidebarItem } from './chapter-sidebar.ts';
import { sidebarGroupField } from './sidebar-frontmatter.ts';

const CONTENT = resolve(import.meta.dirname, '../../../content');

const frontmatter = z.object({
  title: z.string(),
  slug: z.string().optional(),
  sidebar: z
    .object({ order: z.number().optional(), label: z.string().optional(), hidden: z.boolean().optional(), group: sidebarGroupField.optional() })
    .default({}),
});

/** A file's slug as Astro's glob loader makes it: its path without the extension, `dir/index` as `dir`. */
export const slugOf = (file: string) =>
  file
    .replace(/\.mdx?$/, '')
    .replace(/\/index$/, '')
    .toLowerCase();

/** A chapter file's frontmatter, parsed from its YAML; `{}` when it has none. */
export function frontmatterOf(path: string): unknown {
  const yaml = /^---\r?\n([^]*?)\r?\n---/.exec(readFileSync(path, 'utf8'))?.[1] ?? '';
  return parse(yaml) ?? {};
}

function chapterFile(folder: string, file: string): SidebarChapter {
  const data = frontmatter.parse(frontmatterOf(join(folder, file)), { error: (issue) => `content/${file}: ${issue.message}` });
  return { id: data.slug ?? slugOf(file.replaceAll('\\', '/')), title: data.title, sidebar: data.sidebar };
}

// Synchronous: Playwright specs make one test per chapter while their module loads.
export function contentSidebar(folder = CONTENT): SidebarItem[] {
  return sidebarItems(globSync('**/*.{md,mdx}', { cwd: folder }).map((file) => chapterFile(folder, file)));
}

/** Every chapter in the sidebar, in its order, with its label and path. */
export const contentChapters = (folder = CONTENT): ChapterLink[] => chaptersInOrder(contentSidebar(folder));

// The sidebar made from the chapters' own frontmatter, so a new chapter file appears in it
// without code: Starlight's `sidebar` fields (order, label, hidden) and labbook's
// `sidebar.group`. Chapters sort by order, then by slug, as Starlight sorts; a group sits
// where its first chapter would and gathers all of its chapters. The site feeds this the
// docs collection (site-chapters.ts); tests and scripts, the files under content/
// (content-chapters.ts).
import type { SidebarGroupField } from './sidebar-frontmatter.ts';

/** What the sidebar needs of a chapter's frontmatter. */
export interface SidebarChapter {
  /** Its slug: the file's path under content/ without the extension; `index` is the start page. */
  id: string;
  title: string;
  sidebar: { order?: number; label?: string; hidden?: boolean; group?: SidebarGroupField };
}

export interface ChapterLink {
  type: 'link';
  id: string;
  label: string;
  path: string;
}

export interface ChapterGroup {
  type: 'group';
  label: string;
  collapsed: boolean;
  chapters: ChapterLink[];
}

export type SidebarItem = ChapterLink | ChapterGroup;

/** A chapter's path from its slug: `lambda` → `/lambda/`, `index` → `/`. */
export const pathOfSlug = (slug: string) => (slug === 'index' ? '/' : `/${slug}/`);

const bySlug = new Intl.Collator('en');

export function sidebarItems(chapters: readonly SidebarChapter[]): SidebarItem[] {
  const shown = chapters
    .filter((chapter) => !chapter.sidebar.hidden)
    .sort((a, b) => (a.sidebar.order ?? Infinity) - (b.sidebar.order ?? Infinity) || bySlug.compare(a.id, b.id));
  const items: SidebarItem[] = [];
  const groups = new Map<string, ChapterGroup>();
  for (const chapter of shown) {
    const link: ChapterLink = { type: 'link', id: chapter.id, label: chapter.sidebar.label ?? chapter.title, path: pathOfSlug(chapter.id) };
    const field = chapter.sidebar.group;
    if (field === undefined) {
      items.push(link);
      continue;
    }
    let group = groups.get(field.label);
    if (!group) {
      group = { type: 'group', label: field.label, collapsed: false, chapters: [] };
      groups.set(field.label, group);
      items.push(group);
    }
    // One chapter asking for it is enough: an author need not repeat it in every chapter.
    group.collapsed ||= field.collapsed;
    group.chapters.push(link);
  }
  return items;
}

/** Every chapter in the sidebar, in its order. */
export const chaptersInOrder = (items: readonly SidebarItem[]): ChapterLink[] => items.flatMap((item) => (item.type === 'group' ? item.chapters : [item]));

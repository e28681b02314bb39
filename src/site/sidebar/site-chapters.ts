// The sidebar of the site being built or served, from the docs collection: read again for
// each page, so that `npm run dev` shows a new or edited chapter at once.
import { getCollection } from 'astro:content';
import { chaptersInOrder, sidebarItems, type ChapterLink, type SidebarItem } from './chapter-sidebar.ts';

/** The chapters as Starlight serves them: drafts only outside a production build. */
export const siteEntries = () => getCollection('docs', (entry) => import.meta.env.MODE !== 'production' || !entry.data.draft);

export async function siteSidebar(): Promise<SidebarItem[]> {
  return sidebarItems((await siteEntries()).map((entry) => ({ id: entry.id, title: entry.data.title, sidebar: entry.data.sidebar })));
}

/** Every chapter in the sidebar, in its order, with its label. */
export const siteChapters = async (): Promise<ChapterLink[]> => chaptersInOrder(await siteSidebar());

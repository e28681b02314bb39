// Starlight route middleware (added by plugin.ts, before the others): the page's sidebar and
// its previous and next links, made from the chapters' frontmatter for each page, so a new
// chapter appears without code and, in `npm run dev`, without a restart. Starlight's own
// `sidebar` setting is read once, at start, and is left empty.
import { defineRouteMiddleware, type StarlightRouteData } from '@astrojs/starlight/route-data';
import type { ChapterLink } from './chapter-sidebar.ts';
import { pagination } from './pagination.ts';
import { siteEntries, siteSidebar } from './site-chapters.ts';

type SidebarEntry = StarlightRouteData['sidebar'][number];
type SidebarLink = Extract<SidebarEntry, { type: 'link' }>;

const withTrailingSlash = (path: string) => (path.endsWith('/') ? path : `${path}/`);

export const onRequest = defineRouteMiddleware(async (context) => {
  const route = context.locals.starlightRoute;
  const here = withTrailingSlash(context.url.pathname);
  const dataById = new Map((await siteEntries()).map((entry) => [entry.id, entry.data]));
  const link = (chapter: ChapterLink): SidebarLink => {
    const frontmatter = dataById.get(chapter.id)?.sidebar;
    return {
      type: 'link',
      label: chapter.label,
      href: chapter.path,
      isCurrent: chapter.path === here,
      badge: frontmatter?.badge,
      attrs: { ...frontmatter?.attrs },
    };
  };
  route.sidebar = (await siteSidebar()).map((item): SidebarEntry =>
    item.type === 'link' ? link(item) : { type: 'group', label: item.label, entries: item.chapters.map(link), collapsed: item.collapsed, badge: undefined },
  );
  const links = route.sidebar.flatMap((entry) => (entry.type === 'group' ? entry.entries : [entry])).filter((entry) => entry.type === 'link');
  route.pagination = pagination(links, route.entry.data);
});

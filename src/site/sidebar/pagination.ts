// Previous and next at the foot of a page, from the sidebar labbook makes: Starlight works them
// out from its own sidebar before route middleware runs. A chapter's `prev:`/`next:`
// frontmatter still applies as Starlight documents it: false hides the link, a string
// relabels it, `{ link, label }` replaces either part.
import type { StarlightRouteData } from '@astrojs/starlight/route-data';

type SidebarLink = Extract<StarlightRouteData['sidebar'][number], { type: 'link' }>;
type LinkSetting = StarlightRouteData['entry']['data']['prev'];

function withSetting(link: SidebarLink | undefined, setting: LinkSetting): SidebarLink | undefined {
  if (setting === false) return undefined;
  if (typeof setting === 'string') return link && { ...link, label: setting };
  if (typeof setting === 'object') {
    if (link) return { ...link, label: setting.label ?? link.label, href: setting.link ?? link.href, attrs: {} };
    if (setting.link && setting.label) return { type: 'link', label: setting.label, href: setting.link, isCurrent: false, badge: undefined, attrs: {} };
    return undefined;
  }
  return link;
}

/** The page's previous and next links among the sidebar's links, in order. */
export function pagination(links: readonly SidebarLink[], data: { prev?: LinkSetting; next?: LinkSetting }): StarlightRouteData['pagination'] {
  const here = links.findIndex((link) => link.isCurrent);
  return {
    prev: withSetting(here > 0 ? links[here - 1] : undefined, data.prev),
    next: withSetting(here > -1 ? links[here + 1] : undefined, data.next),
  };
}

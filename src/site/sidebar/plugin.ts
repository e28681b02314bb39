// The Starlight plugin that makes the sidebar from the chapters (route-middleware.ts).
import type { StarlightPlugin } from '@astrojs/starlight/types';

export function chapterSidebar(): StarlightPlugin {
  return {
    name: 'labbook-chapter-sidebar',
    hooks: {
      'config:setup'({ addRouteMiddleware, updateConfig }) {
        updateConfig({ sidebar: [] });
        // Before the others: the lab block's middleware adds its badges to these links.
        addRouteMiddleware({ entrypoint: './src/site/sidebar/route-middleware.ts', order: 'pre' });
      },
    },
  };
}

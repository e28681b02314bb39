// What turns an author's mistake into a build error naming the file and the line, besides
// widgets' props (checked in each widget's frontmatter, widgets/shared/checked-props.ts) and
// the frontmatter (content.config.ts): the `lab:` block and exercise ids (the route
// middleware) and internal links (internal-links.ts, once the site is built); in dev, a
// chapter whose frontmatter fails to load, shown in the browser (content-errors.ts), and read
// once its save is whole (whole-saves.ts). The site and the authoring-mistakes test build with
// this same plugin.
import type { StarlightPlugin } from '@astrojs/starlight/types';
import { internalLinksCheck } from './internal-links.ts';
import { wholeSaves } from './whole-saves.ts';

export function authoringChecks(): StarlightPlugin {
  return {
    name: 'labbook-authoring-checks',
    hooks: {
      'config:setup'({ addRouteMiddleware, addIntegration }) {
        // In dev, a chapter whose frontmatter fails to load: its error on every page, first.
        addRouteMiddleware({ entrypoint: './src/site/authoring/dev-content-errors.ts', order: 'pre' });
        // Each chapter's `lab:` block in the sidebar (its time and what completes it), and its exercises checked.
        addRouteMiddleware({ entrypoint: './src/site/lab-block/route-middleware.ts' });
        addIntegration(internalLinksCheck());
        addIntegration(wholeSaves());
      },
    },
  };
}

// Starlight route middleware (added by authoring-checks.ts): while a chapter's frontmatter
// fails to load in `npm run dev` (content-errors.ts), every page answers with that error, shown
// by Astro's error overlay, instead of the site going on without the chapter.
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { contentLoadError } from './content-errors.ts';

export const onRequest = defineRouteMiddleware(() => {
  const error = contentLoadError();
  if (error) throw error;
});

// Starlight route middleware (astro.config.mjs `routeMiddleware`): puts each chapter's `lab:`
// block into the sidebar (its time as a badge, what completes it as a data attribute that
// sidebar-completion.ts reads) and stops the build when a chapter's `lab.exercises` do not
// match its `<Exercise>`s.
import { defineRouteMiddleware, type StarlightRouteData } from '@astrojs/starlight/route-data';
import { COMPLETION_ATTRIBUTE } from './completion-attribute.ts';
import { exerciseIdsIn, exerciseMismatch } from './exercises.ts';
import { labChapters } from './lab-chapters.ts';
import type { LabBlock } from './schema.ts';

type SidebarEntry = StarlightRouteData['sidebar'][number];

function annotate(entries: SidebarEntry[], labs: ReadonlyMap<string, LabBlock>): void {
  for (const entry of entries) {
    if (entry.type === 'group') {
      annotate(entry.entries, labs);
      continue;
    }
    const lab = labs.get(entry.href);
    if (!lab) continue;
    entry.badge = { text: `${lab.minutes} min`, variant: 'note' };
    entry.attrs = { ...entry.attrs, [COMPLETION_ATTRIBUTE]: JSON.stringify({ checks: lab.checks, exercises: lab.exercises }) };
  }
}

export const onRequest = defineRouteMiddleware(async (context) => {
  const route = context.locals.starlightRoute;
  const { lab } = route.entry.data;
  if (lab) {
    const problem = exerciseMismatch(lab.exercises, exerciseIdsIn(route.entry.body ?? ''));
    if (problem) throw new Error(`${route.entry.filePath}: ${problem}`);
  }
  annotate(route.sidebar, new Map((await labChapters()).map((chapter) => [chapter.path, chapter.lab])));
});

// Starlight route middleware (added by site/authoring/authoring-checks.ts): puts each
// chapter's `lab:` block into the sidebar (its time as a badge, what completes it as a data
// attribute that sidebar-completion.ts reads) and stops the build when a chapter's
// `lab.exercises` do not match its `<Exercise>`s, an exercise id is used twice, a
// prerequisite is not a chapter, a check names a chapter that declares no resources, or a
// declared function's code file is missing.
import { readFile } from 'node:fs/promises';
import { defineRouteMiddleware, type StarlightRouteData } from '@astrojs/starlight/route-data';
import { getCollection } from 'astro:content';
import { declaredChapters } from '../../steps/declared/chapter-resources.ts';
import { COMPLETION_ATTRIBUTE } from './completion-attribute.ts';
import { unknownDeclaredChecks } from './declared-checks.ts';
import { duplicateExerciseIds, exerciseIdsIn, exerciseMismatch } from './exercises.ts';
import { labChapters } from './lab-chapters.ts';
import { unknownPrerequisites } from './prerequisites.ts';
import { siteChapters } from '../sidebar/site-chapters.ts';
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
    const unknown = unknownPrerequisites(
      lab.prerequisites,
      (await siteChapters()).map((chapter) => chapter.id),
    );
    if (unknown) throw new Error(`${route.entry.filePath}: ${unknown}`);
  }
  const duplicates = duplicateExerciseIds(await chapterSources());
  if (duplicates) throw new Error(duplicates);
  const declared = await declaredChapters();
  if (lab) {
    const unknownChecks = unknownDeclaredChecks(
      lab.checks,
      declared.map((chapter) => chapter.slug),
    );
    if (unknownChecks) throw new Error(`${route.entry.filePath}: ${unknownChecks}`);
  }
  annotate(route.sidebar, new Map((await labChapters()).map((chapter) => [chapter.path, chapter.lab])));
});

/** Every chapter's file and body, read again for each page so that the dev server sees edits. */
async function chapterSources() {
  const entries = await getCollection('docs');
  return Promise.all(
    entries.map(async (entry) => ({
      filePath: entry.filePath ?? entry.id,
      body: entry.body ?? '',
      fileText: entry.filePath ? await readFile(entry.filePath, 'utf8') : (entry.body ?? ''),
    })),
  );
}

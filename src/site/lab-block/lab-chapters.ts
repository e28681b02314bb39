// The chapters with a `lab:` block, in the sidebar's order, each with its exercises as the
// chapter writes them: what the sidebar, Progress and the lab report build from.
import { getCollection } from 'astro:content';
import { pathOfSlug } from '../sidebar/chapter-sidebar.ts';
import { siteChapters } from '../sidebar/site-chapters.ts';
import { exercisesIn } from './exercises.ts';
import type { LabBlock } from './schema.ts';

export interface LabChapter {
  title: string;
  path: string;
  lab: LabBlock;
  /** Its `<Exercise>`s' ids and titles, in order (the build makes them the ones `lab.exercises` lists). */
  exercises: { id: string; title: string }[];
}

export async function labChapters(): Promise<LabChapter[]> {
  const order = (await siteChapters()).map((chapter) => chapter.id);
  const entries = await getCollection('docs', (entry) => entry.data.lab !== undefined);
  return entries
    .sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id))
    .map((entry) => ({ title: entry.data.title, path: pathOfSlug(entry.id), lab: entry.data.lab!, exercises: exercisesIn(entry.body ?? '') }));
}

// What the Progress widget lists: each chapter that has checks or exercises, in the
// sidebar's order, with them. A chapter's checks are those its `lab:` block names and those
// it shows with `<CheckMyWork>` (the lab's, or the check of its own declared resources); its
// exercises are its `<Exercise>`s. Any chapter counts,
// with or without a `lab:` block, so a new chapter's work appears without code.
import { getCollection } from 'astro:content';
import { exercisesIn } from '../../site/lab-block/exercises.ts';
import { checkIdsIn } from './chapter-checks.ts';
import { pathOfSlug } from '../../site/sidebar/chapter-sidebar.ts';
import { siteChapters } from '../../site/sidebar/site-chapters.ts';
import { checkInfoById } from '../../steps/check-list.ts';
import type { CheckInfo } from '../../steps/checks.ts';
import { declaredChapters } from '../../steps/declared/chapter-resources.ts';
import { declaredCheckId, declaredCheckInfo } from '../../steps/declared/declared-check.ts';
import type { DeclaredChapter } from '../../steps/declared/declared-step.ts';

export interface ProgressChapter {
  title: string;
  path: string;
  checks: CheckInfo[];
  /** The chapter's declared resources, which its `<slug>/resources` check runs on. */
  declared?: DeclaredChapter;
  exercises: Array<{ id: string; title: string }>;
}

export async function progressChapters(): Promise<ProgressChapter[]> {
  const order = (await siteChapters()).map((chapter) => chapter.id);
  const declaring = await declaredChapters();
  const entries = (await getCollection('docs')).filter((entry) => order.includes(entry.id)).sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  return entries
    .map((entry) => {
      const body = entry.body ?? '';
      const ids = [...new Set([...(entry.data.lab?.checks ?? []), ...checkIdsIn(body)])];
      const declared = declaring.find((chapter) => chapter.slug === entry.id);
      const ownCheck = (id: string) => (declared && id === declaredCheckId(declared.slug) ? declaredCheckInfo(declared) : undefined);
      // Unknown ids have already stopped the build (the lab block's schema, CheckMyWork's props).
      const checks = ids.map((id) => checkInfoById(id) ?? ownCheck(id)).filter((check) => check !== undefined);
      const exercises = exercisesIn(body).map(({ id, title }) => ({ id, title }));
      return { title: entry.data.title, path: pathOfSlug(entry.id), checks, ...(declared && { declared }), exercises };
    })
    .filter((chapter) => chapter.checks.length + chapter.exercises.length > 0);
}

// The check of a chapter's declared resources as a page lists it before it runs: no SDK and
// no check code here (declared-step.ts has the code, loaded when the check runs), so
// Progress and Check my work stay light, as for the lab's own checks (check-list.ts).
import type { CheckInfo } from '../checks.ts';
import type { DeclaredChapter } from './declared-step.ts';

const SUFFIX = '/resources';

/** The chapter's one check of its declared resources. */
export const declaredCheckId = (slug: string) => `${slug}${SUFFIX}`;

/** The chapter a declared-resources check id names, or undefined for any other id. */
export const slugOfDeclaredCheck = (id: string) => (id.endsWith(SUFFIX) && id.length > SUFFIX.length ? id.slice(0, -SUFFIX.length) : undefined);

export const declaredCheckInfo = (chapter: Pick<DeclaredChapter, 'slug' | 'title'>): CheckInfo => ({
  id: declaredCheckId(chapter.slug),
  title: `${chapter.title}: its resources`,
});

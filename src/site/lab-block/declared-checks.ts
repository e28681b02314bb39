// A chapter's `lab.checks` may name another chapter's declared-resources check,
// `<chapter slug>/resources`. The schema lets such an id through (it sees one chapter at a
// time); this checks, when a page is made (route-middleware.ts), that the chapter it names
// declares resources.
import { slugOfDeclaredCheck } from '../../steps/declared/declared-check.ts';
import { didYouMean } from '../../widgets/shared/close-matches.ts';

/** One line per `<slug>/resources` whose chapter declares no resources; undefined if none. */
export function unknownDeclaredChecks(checks: readonly string[], declaringSlugs: readonly string[]): string | undefined {
  const problems = checks.flatMap((id, index) => {
    const slug = slugOfDeclaredCheck(id);
    if (slug === undefined || declaringSlugs.includes(slug)) return [];
    const which = declaringSlugs.length > 0 ? ` Chapters that do: ${declaringSlugs.join(', ')}.` : ' No chapter does.';
    return [`lab.checks.${index}: "${id}" is not a check: no chapter ${slug} declares resources.${didYouMean(slug, declaringSlugs)}${which}`];
  });
  return problems.length > 0 ? problems.join('\n') : undefined;
}

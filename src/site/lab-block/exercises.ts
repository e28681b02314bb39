// A chapter's `lab.exercises` must name exactly the `<Exercise>`s in it: one left out could
// never count towards completion, and one misspelt could never be solved.

/** The `id` of every `<Exercise …>` in an MDX source, in order; `id` may sit on any line of the tag. */
export function exerciseIdsIn(source: string): string[] {
  return exercisesIn(source).map((exercise) => exercise.id);
}

/** Every `<Exercise …>` in an MDX source with its id and title (its id where the title is not a plain string). */
export function exercisesIn(source: string): { id: string; title: string }[] {
  return [...source.matchAll(/<Exercise\b[^]*?\bid="([^"]*)"/g)].map((match) => {
    // The title among the tag's props: before the next exercise, and before any code in a template literal.
    const rest = source.slice(match.index).split(/<\/?Exercise\b/)[1] ?? '';
    const title = /\btitle="([^"]*)"/.exec(rest.split('={`')[0])?.[1];
    return { id: match[1], title: title ?? match[1] };
  });
}

/** What is wrong between the declared ids and the chapter's exercises, in words; undefined when they agree. */
export function exerciseMismatch(declared: readonly string[], inChapter: readonly string[]): string | undefined {
  const unknown = declared.filter((id) => !inChapter.includes(id));
  const missing = inChapter.filter((id) => !declared.includes(id));
  const problems = [...unknown.map((id) => `"${id}" is not an exercise in this chapter`), ...missing.map((id) => `the exercise "${id}" is not listed`)];
  if (problems.length === 0) return undefined;
  return `lab.exercises: ${problems.join('; ')}. The chapter's exercises: ${inChapter.join(', ') || 'none'}.`;
}

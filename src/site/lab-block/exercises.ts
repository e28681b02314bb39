// A chapter's `lab.exercises` must name exactly the `<Exercise>`s in it: one left out could
// never count towards completion, and one misspelt could never be solved.

/** The `id` of every `<Exercise …>` in an MDX source, in order; `id` may sit on any line of the tag. */
export function exerciseIdsIn(source: string): string[] {
  return exercisesIn(source).map((exercise) => exercise.id);
}

/**
 * The MDX source with its fenced code blocks blanked, line for line: a chapter that shows an
 * example chapter (the instructors' page does) has no exercises or checks of its own there.
 */
export function withoutCodeBlocks(source: string): string {
  let fence: string | undefined;
  return source
    .split('\n')
    .map((line) => {
      const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
      if (fence === undefined && marker) fence = marker;
      else if (fence !== undefined && marker?.[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      else if (fence === undefined) return line;
      return '';
    })
    .join('\n');
}

/** Every `<Exercise …>` tag (not a mention of `<Exercise>`) in an MDX source, outside code blocks, with its id, its title (its id where the title is not a plain string) and the line of its tag. */
export function exercisesIn(mdx: string): { id: string; title: string; line: number }[] {
  const source = withoutCodeBlocks(mdx);
  return [...source.matchAll(/<Exercise\s[^]*?\bid="([^"]*)"/g)].map((match) => {
    // The title among the tag's props: before the next exercise, and before any code in a template literal.
    const rest = source.slice(match.index).split(/<\/?Exercise\b/)[1] ?? '';
    const title = /\btitle="([^"]*)"/.exec(rest.split('={`')[0])?.[1];
    return { id: match[1], title: title ?? match[1], line: lineAt(source, match.index) };
  });
}

const lineAt = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** A chapter as the duplicate check reads it: its file, the file's text, and the body Astro parsed from it. */
export interface ChapterSource {
  filePath: string;
  fileText: string;
  body: string;
}

/**
 * Exercise ids used more than once across the site, in words with each place (file and line);
 * undefined when every id is unique. A student's progress and code are stored under the id, so
 * two exercises with one id would overwrite each other's work.
 */
export function duplicateExerciseIds(chapters: readonly ChapterSource[]): string | undefined {
  const places = new Map<string, string[]>();
  for (const { filePath, fileText, body } of chapters) {
    // The body's lines are counted from the file's, after the frontmatter.
    const bodyStartLine = lineAt(fileText, Math.max(fileText.indexOf(body), 0)) - 1;
    for (const { id, line } of exercisesIn(body)) places.set(id, [...(places.get(id) ?? []), `${filePath} (line ${bodyStartLine + line})`]);
  }
  const repeated = [...places].filter(([, where]) => where.length > 1);
  if (repeated.length === 0) return undefined;
  return repeated
    .map(
      ([id, where]) =>
        `The exercise id "${id}" is used more than once; each exercise needs an id of its own, as students' work is saved under it:\n${where.map((place) => `  ${place}`).join('\n')}`,
    )
    .join('\n');
}

/** What is wrong between the declared ids and the chapter's exercises, in words; undefined when they agree. */
export function exerciseMismatch(declared: readonly string[], inChapter: readonly string[]): string | undefined {
  const unknown = declared.filter((id) => !inChapter.includes(id));
  const missing = inChapter.filter((id) => !declared.includes(id));
  const problems = [...unknown.map((id) => `"${id}" is not an exercise in this chapter`), ...missing.map((id) => `the exercise "${id}" is not listed`)];
  if (problems.length === 0) return undefined;
  return `lab.exercises: ${problems.join('; ')}. The chapter's exercises: ${inChapter.join(', ') || 'none'}.`;
}

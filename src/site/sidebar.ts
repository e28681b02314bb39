// The sidebar follows the lab's order; each entry is a chapter slug under content/.
export const sidebar = [
  { label: 'Start here', slug: 'index' },
  {
    label: 'Concepts',
    items: [
      { label: 'Python keyword arguments', slug: 'kwargs' },
      { label: 'AWS Lambda', slug: 'lambda' },
      { label: 'API Gateway', slug: 'api-gateway' },
      { label: 'WebSockets', slug: 'websockets' },
    ],
  },
  {
    label: 'Tasks',
    items: [
      { label: 'Task 8.1: a serverless CRUD app', slug: 'task-8-1' },
      { label: 'Task 8.2: a real-time flight map', slug: 'task-8-2' },
      { label: 'Your progress', slug: 'progress' },
      { label: 'Clean up', slug: 'clean-up' },
    ],
  },
  // Until the sidebar comes from the chapters' frontmatter (issue 20), the example is listed here.
  { label: 'Examples', items: [{ label: 'A visitor counter', slug: 'examples/visitor-counter' }] },
  {
    label: 'For instructors',
    items: [
      { label: 'Writing chapters', slug: 'instructors' },
      { label: 'Widget catalogue', slug: 'instructors/widgets' },
    ],
  },
];

type Entry = { label: string; slug?: string; items?: Entry[] };

/** A chapter's path from its slug (its file name under content/): `lambda` → `/lambda/`, `index` → `/`. */
export const pathOfSlug = (slug: string) => (slug === 'index' ? '/' : `/${slug}/`);

/** Every chapter's slug, in sidebar order. */
export const chapterSlugs = (): string[] => chapters().map(({ path }) => (path === '/' ? 'index' : path.slice(1, -1)));

/** Every chapter in sidebar order: its label and its path (`/` for the index). */
export function chapters(entries: Entry[] = sidebar): Array<{ label: string; path: string }> {
  return entries.flatMap((entry) => [
    ...(entry.slug === undefined ? [] : [{ label: entry.label, path: pathOfSlug(entry.slug) }]),
    ...(entry.items ? chapters(entry.items) : []),
  ]);
}

/** The sidebar's label for a chapter's path (e.g. /lambda/ → AWS Lambda), or undefined for a page that is not a chapter. */
export function chapterLabel(path: string): string | undefined {
  return chapters().find((chapter) => chapter.path === path)?.label;
}

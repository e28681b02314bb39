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
  {
    label: 'For instructors',
    items: [
      { label: 'Writing chapters', slug: 'instructors' },
      { label: 'Widget catalogue', slug: 'instructors/widgets' },
    ],
  },
];

type Entry = { label: string; slug?: string; items?: Entry[] };

/** The sidebar's label for a chapter's path (e.g. /lambda/ → AWS Lambda), or undefined for a page that is not a chapter. */
export function chapterLabel(path: string): string | undefined {
  const slug = path.replace(/^\/|\/$/g, '') || 'index';
  const find = (entries: Entry[]): string | undefined => {
    for (const entry of entries) {
      const label = entry.slug === slug ? entry.label : entry.items && find(entry.items);
      if (label) return label;
    }
  };
  return find(sidebar);
}

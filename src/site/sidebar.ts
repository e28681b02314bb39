// The sidebar follows the lab's order; each entry is a chapter slug under content/.
export const sidebar = [
  { label: 'Start here', slug: 'index' },
];

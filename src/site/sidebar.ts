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

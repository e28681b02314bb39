// Steps whose ids changed when Task 8.2's WebSocket API moved onto its chapter's declaration
// (`task-8-2/connect-integration` became `task-8-2/ws-api-connect-integration`). A browser
// that recorded what those steps made reads its records under the new ids, so the sequence
// still shows them done and Clean-up still knows what made them.
import type { StorageLike } from './target-records.ts';

const ROUTE_PARTS = ['connect', 'disconnect', 'default'].flatMap((route) => ['integration', 'route', 'permission'].map((part) => `${route}-${part}`));

export const RENAMED_STEPS: ReadonlyMap<string, string> = new Map([
  ...ROUTE_PARTS.map((part): [string, string] => [`task-8-2/${part}`, `task-8-2/ws-api-${part}`]),
  ['task-8-2/ws-stage', 'task-8-2/ws-api-stage'],
  ['task-8-2/ws-deployment', 'task-8-2/ws-api-deployment'],
]);

interface StepRecord {
  step: string;
}

/** Records keyed `<step id>:<name>`, each naming its step, with renamed steps under their new ids. */
function renamed(text: string): string {
  let records: Record<string, StepRecord>;
  try {
    records = JSON.parse(text) as Record<string, StepRecord>;
  } catch {
    return text;
  }
  if (typeof records !== 'object' || records === null || Array.isArray(records)) return text;
  const entries = Object.entries(records).map(([id, record]): [string, StepRecord] => {
    const now = RENAMED_STEPS.get(record?.step);
    return now ? [`${now}${id.slice(record.step.length)}`, { ...record, step: now }] : [id, record];
  });
  return JSON.stringify(Object.fromEntries(entries));
}

/** `storage` as the made records read it: what it holds under old step ids comes back under the new ones. */
export function withRenamedSteps(storage: StorageLike): StorageLike {
  return {
    getItem: (key) => {
      const text = storage.getItem(key);
      return text === null ? null : renamed(text);
    },
    setItem: (key, value) => storage.setItem(key, value),
    removeItem: (key) => storage.removeItem(key),
  };
}

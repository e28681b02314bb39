// Every check of the lab as a page lists it before one runs: id, title and the names a
// student may change. No SDK and no check code here, so Progress renders from this alone;
// a check's code (catalogue.ts's CHECKS) loads when the student runs it, and takes its
// title and fields from this list by id (implementCheck), so the two cannot drift apart.
import type { Check, CheckInfo } from './checks.ts';
import { LAB_HTTP_API_NAMES, type HttpApiNames } from './task-8-1/names.ts';
import { NAME_FIELDS, TASK_8_2_NAMES, type Task82Names } from './task-8-2/names.ts';

const httpApiCheck: CheckInfo<HttpApiNames> = {
  id: 'task-8-1/api',
  title: 'Task 8.1: the HTTP API',
  fields: [
    { name: 'apiName', label: 'API name', kind: 'text' },
    { name: 'functionName', label: 'Function name', kind: 'text' },
    { name: 'stageName', label: 'Stage name', kind: 'text' },
    { name: 'tableName', label: 'Table name', kind: 'text' },
  ],
  defaults: () => ({ ...LAB_HTTP_API_NAMES }),
};

/** A Task 8.2 check shows some of the chapter's names, each as its steps show it. */
function task82Check(id: string, title: string, fields: Array<keyof Task82Names>): CheckInfo<Task82Names> {
  return { id, title, fields: fields.map((name) => NAME_FIELDS[name]), defaults: () => ({ ...TASK_8_2_NAMES }) };
}

/** In the lab's order. */
export const CHECK_LIST: readonly CheckInfo[] = [
  { id: 'task-8-1/table-and-function', title: 'Task 8.1: the table and the function' },
  httpApiCheck,
  task82Check('task-8-2/backend', 'Task 8.2: the connections table and the four functions', [
    'tableName',
    'connectFunction',
    'disconnectFunction',
    'defaultFunction',
    'fanoutFunction',
  ]),
  task82Check('task-8-2/api', 'Task 8.2: the WebSocket API answers hello! and keeps the table of connections', [
    'apiName',
    'stageName',
    'connectFunction',
    'disconnectFunction',
    'defaultFunction',
    'tableName',
  ]),
  task82Check('task-8-2/stream', 'Task 8.2: the stream reaches the clients', ['streamName', 'fanoutFunction', 'apiName', 'stageName']),
];

export const checkInfoById = (id: string): CheckInfo | undefined => CHECK_LIST.find((check) => check.id === id);

/** A listed check's code, with the list's title and fields; code for a check not listed fails as it loads. */
export function implementCheck<I>(id: string, run: Check<I>['run']): Check<I> {
  const info = checkInfoById(id);
  if (!info) throw new Error(`There is no check ${id} in CHECK_LIST: list it there first.`);
  return { ...info, run };
}

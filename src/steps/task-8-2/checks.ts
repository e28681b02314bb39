// Task 8.2's checks, by part: the backend (table and functions), the WebSocket API with a
// real client's round trip, and the stream with a record that reaches a client. Each
// looks for the chapter's names unless the student gives their own.
import type { Check } from '../checks.ts';
import type { Finding, StepContext } from '../model.ts';
import { backendFindings } from './backend-check.ts';
import { NAME_FIELDS, TASK_8_2_NAMES, type Task82Names } from './names.ts';
import { fanoutMappingStep, flightsStreamStep } from './stream.ts';
import { deliveredLabel, deliveryFindings } from './websocket-trials.ts';

const allPassed = (findings: Finding[]) => findings.every((finding) => finding.ok);

function task82Check(id: string, title: string, fields: Array<keyof Task82Names>, run: (ctx: StepContext, names: Task82Names) => Promise<Finding[]>): Check<Task82Names> {
  return {
    id,
    title,
    fields: fields.map((name) => NAME_FIELDS[name]),
    defaults: () => ({ ...TASK_8_2_NAMES }),
    run: (ctx, names) => run(ctx, { ...TASK_8_2_NAMES, ...names }),
  };
}

export const task82BackendCheck = task82Check(
  'task-8-2/backend',
  'Task 8.2: the connections table and the four functions',
  ['tableName', 'connectFunction', 'disconnectFunction', 'defaultFunction', 'fanoutFunction'],
  backendFindings,
);

export const task82StreamCheck = task82Check(
  'task-8-2/stream',
  'Task 8.2: the stream reaches the clients',
  ['streamName', 'fanoutFunction', 'apiName', 'stageName'],
  async (ctx, names) => {
    const stream = await flightsStreamStep.check(ctx, { ...flightsStreamStep.defaults(ctx), streamName: names.streamName });
    const mapping = await fanoutMappingStep.check(ctx, { ...fanoutMappingStep.defaults(ctx), functionName: names.fanoutFunction, streamName: names.streamName });
    const ready = [...stream, ...mapping];
    if (!allPassed(ready)) return [...ready, { label: deliveredLabel(names), ok: false, detail: 'Not tried: fix the stream and its mapping first.' }];
    return [...ready, ...(await deliveryFindings(ctx, names))];
  },
);

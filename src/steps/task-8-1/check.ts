// Task 8.1, first half: the table and the CRUD function are there and right, and the
// function answers an HTTP API GET with the table's items.
import { invokeFunction, eventTemplates } from '../actions/invoke.ts';
import { scanItems, type Item } from '../actions/table-items.ts';
import { implementCheck } from '../check-list.ts';
import type { Finding, StepContext } from '../model.ts';
import { functionStep } from './function.ts';
import { tableStep } from './table.ts';

export interface HttpAnswer {
  statusCode?: number | string;
  body?: string;
}

const idsOf = (items: Item[]) => items.map((item) => item.thingID?.S ?? '?').sort();

/** Invokes the function with the GET template and compares its answer with a scan of the table. */
async function getReturnsItems(ctx: StepContext, tableName: string, functionName: string): Promise<Finding> {
  const label = `A GET event returns 200 with the items of ${tableName}`;
  const result = await invokeFunction(ctx, functionName, eventTemplates(tableName)[0].event);
  if (result.functionError) return { label, ok: false, detail: `The function failed (${result.functionError}): ${result.payload}` };
  let answer: HttpAnswer | null;
  try {
    answer = JSON.parse(result.payload) as HttpAnswer | null;
  } catch {
    return { label, ok: false, detail: `The function returned something that is not JSON: ${result.payload}` };
  }
  if (answer === null) return { label, ok: false, detail: 'The function returned None: an API would answer 200 with the body null. Does every branch return?' };
  return answerHoldsItems(ctx, label, tableName, answer);
}

/** Whether an HTTP answer is 200 with a body listing exactly the table's items (DynamoDB's scan answer as JSON). */
export async function answerHoldsItems(ctx: StepContext, label: string, tableName: string, answer: HttpAnswer): Promise<Finding> {
  if (String(answer.statusCode) !== '200') return { label, ok: false, detail: `The status code was ${answer.statusCode}; the body was ${answer.body}` };
  let returned: string[];
  try {
    returned = idsOf((JSON.parse(answer.body ?? '') as { Items?: Item[] }).Items ?? []);
  } catch {
    return { label, ok: false, detail: `The body is not DynamoDB's scan answer as JSON: ${answer.body}` };
  }
  const stored = idsOf((await scanItems(ctx, tableName)).items);
  const same = returned.length === stored.length && returned.every((id, index) => id === stored[index]);
  return {
    label,
    ok: same,
    detail: same
      ? stored.length === 0
        ? 'It returned no items, and the table is empty.'
        : `It returned all ${stored.length} item(s).`
      : `It returned ${returned.length} item(s) (${returned.join(', ')}); the table holds ${stored.length} (${stored.join(', ')}).`,
  };
}

export const task81FirstHalfCheck = implementCheck('task-8-1/table-and-function', async (ctx) => {
  const place = { targetKey: ctx.targetKey, account: ctx.account, region: ctx.region };
  const table = tableStep.defaults(place);
  const fn = functionStep.defaults(place);
  const tableFindings = await tableStep.check(ctx, table);
  const functionFindings = await functionStep.check(ctx, fn);
  const ready = [...tableFindings, ...functionFindings].every((finding) => finding.ok);
  const get = ready
    ? await getReturnsItems(ctx, table.tableName, fn.functionName)
    : { label: `A GET event returns 200 with the items of ${table.tableName}`, ok: false, detail: 'Not tried: fix the table and the function first.' };
  return [...tableFindings, ...functionFindings, get];
});

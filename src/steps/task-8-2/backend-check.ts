// Task 8.2's backend: the connections table keyed by the string connectionid, and the four
// functions Active with a Python runtime, their handler, LabRole and TABLE_NAME naming
// that table (without it, every connection fails in WsConnect).
import type { Finding, StepContext } from '../model.ts';
import { getFunction } from '../resources/lambda-function.ts';
import { TASK_8_2_FUNCTION_STEPS } from './functions.ts';
import { functionNamesOf, type Task82Names } from './names.ts';
import { connectionsTableStep } from './table.ts';

async function tableNameSet(ctx: StepContext, functionName: string, tableName: string): Promise<Finding> {
  const label = `${functionName} has TABLE_NAME=${tableName}`;
  const value = (await getFunction(ctx, functionName))?.Environment?.Variables?.TABLE_NAME;
  return {
    label,
    ok: value === tableName,
    detail: value === undefined ? 'TABLE_NAME is not set, so the function fails as it starts: set it under its environment variables.' : `TABLE_NAME is ${value}.`,
  };
}

export async function backendFindings(ctx: StepContext, names: Task82Names): Promise<Finding[]> {
  const table = await connectionsTableStep.check(ctx, { ...connectionsTableStep.defaults(ctx), tableName: names.tableName });
  const functions = await Promise.all(
    TASK_8_2_FUNCTION_STEPS.map(async (step, index) => {
      const functionName = functionNamesOf(names)[index];
      const findings = await step.check(ctx, { ...step.defaults(ctx), functionName });
      // A missing function has one finding only, saying so; there is no environment to look at.
      return findings.length === 1 ? findings : [...findings, await tableNameSet(ctx, functionName, names.tableName)];
    }),
  );
  return [...table, ...functions.flat()];
}

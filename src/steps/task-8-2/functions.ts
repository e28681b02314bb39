// Task 8.2's four functions, as its chapter declares them (lambda/, run as the Learner Lab's
// LabRole). Each is named here by its role (connectFunction…), under which a sequence shares
// its name, and takes the connections table's name, which becomes its TABLE_NAME, as the
// chapter's create_function sets it.
import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import { adaptedStep } from '../adapted-step.ts';
import { declaredFunctionStep } from '../declared/declared-step.ts';
import { labResource } from '../lab-resources.ts';
import type { AnyStep, Finding, InputField, Step, StepContext } from '../model.ts';
import { getFunction, type FunctionInputs } from '../resources/lambda-function.ts';
import type { Task82Names } from './names.ts';
import { connectionsTableStep } from './table.ts';

/** A function step's inputs: the function's name under its role, the table's name, and the rest of a function's settings. */
export type LabFunctionInputs = Record<string, unknown> & Omit<FunctionInputs, 'functionName' | 'environment'> & { tableName: string };

/** The declared function of step `stepId`, its name under `role`. */
function labFunctionStep(stepId: string, role: keyof Task82Names): Step<LabFunctionInputs, FunctionConfiguration> {
  const { declaration, source } = labResource(stepId, 'lambda-function');
  const step = declaredFunctionStep(stepId, declaration, source ?? '');
  const [nameField, ...settings] = step.fields;
  const adapted = adaptedStep<LabFunctionInputs, FunctionInputs, FunctionConfiguration>(step, {
    fields: [
      { ...nameField, name: role },
      { name: 'tableName', label: 'TABLE_NAME', kind: 'text', help: 'the connections table the function uses' },
      ...(settings as unknown as InputField<LabFunctionInputs>[]),
    ],
    defaults: (place) => {
      const { functionName: name, environment, ...rest } = step.defaults(place);
      return { ...rest, [role]: name, tableName: environment.TABLE_NAME };
    },
    inner: ({ [role]: name, tableName, ...rest }) => ({
      ...(rest as Omit<FunctionInputs, 'functionName' | 'environment'>),
      functionName: String(name),
      environment: { TABLE_NAME: tableName },
    }),
  });
  return {
    ...adapted,
    async check(ctx, inputs) {
      const findings = await adapted.check(ctx, inputs);
      // A missing function has one finding, saying so: there is no environment to look at.
      return findings.length === 1 ? findings : [...findings, await tableNameFinding(ctx, String(inputs[role]), inputs.tableName)];
    },
  };
}

/** Without the right TABLE_NAME, WsConnect refuses every connection and the others fail too. */
async function tableNameFinding(ctx: StepContext, functionName: string, tableName: string): Promise<Finding> {
  const value = (await getFunction(ctx, functionName))?.Environment?.Variables?.TABLE_NAME;
  return {
    label: `${functionName} has TABLE_NAME=${tableName}`,
    ok: value === tableName,
    detail:
      value === undefined ? 'TABLE_NAME is not set, so the function fails as it starts: set it under its environment variables.' : `TABLE_NAME is ${value}.`,
  };
}

export const wsConnectStep = labFunctionStep('task-8-2/ws-connect', 'connectFunction');
const wsDisconnectStep = labFunctionStep('task-8-2/ws-disconnect', 'disconnectFunction');
const wsDefaultStep = labFunctionStep('task-8-2/ws-default', 'defaultFunction');
export const flightFanoutStep = labFunctionStep('task-8-2/flight-fanout', 'fanoutFunction');

/** In the chapter's order. */
export const TASK_8_2_FUNCTION_STEPS = [wsConnectStep, wsDisconnectStep, wsDefaultStep, flightFanoutStep] as const;

/** The connections table and the four functions: what the API and the stream need first. */
export const BACKEND_STEPS: readonly AnyStep[] = [connectionsTableStep, ...TASK_8_2_FUNCTION_STEPS];

// Task 8.2's four functions, deployed from lambda/ with the Learner Lab's LabRole. Each is
// named by its role (connectFunction…), and takes the connections table's name, which
// becomes its TABLE_NAME, as the chapter's create_function sets it.
import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import { adaptedStep } from '../adapted-step.ts';
import type { AnyStep, Finding, InputField, Step, StepContext } from '../model.ts';
import { getFunction, labRoleArn, lambdaFunctionStep, type FunctionInputs } from '../resources/lambda-function.ts';
import connectSource from '../../../lambda/ws-connect/ws_connect.py?raw';
import disconnectSource from '../../../lambda/ws-disconnect/ws_disconnect.py?raw';
import defaultSource from '../../../lambda/ws-default/ws_default.py?raw';
import fanoutSource from '../../../lambda/flight-fanout/flight_fanout.py?raw';
import { TASK_8_2_NAMES, type Task82Names } from './names.ts';
import { connectionsTableStep } from './table.ts';

interface LabFunction {
  id: string;
  role: keyof Task82Names;
  /** The file name without .py, which is also the handler's module. */
  module: string;
  code: string;
  /** Seconds: the chapter gives the fan-out longer, as its work grows with the connections. */
  timeout: number;
  /** What the function does, for the step's title. */
  does: string;
}

/** A function step's inputs: the function's name under its role, the table's name, and the rest of a function's settings. */
export type LabFunctionInputs = Record<string, unknown> & Omit<FunctionInputs, 'functionName' | 'environment'> & { tableName: string };

function labFunctionStep(f: LabFunction): Step<LabFunctionInputs, FunctionConfiguration> {
  const functionName = TASK_8_2_NAMES[f.role];
  const step = lambdaFunctionStep(f.id, `Deploy ${functionName}, which ${f.does}`, (place) => ({
    functionName,
    runtime: 'python3.13',
    handler: `${f.module}.lambda_handler`,
    roleArn: labRoleArn(place.account),
    code: f.code,
    timeout: f.timeout,
    memorySize: 128,
    environment: { TABLE_NAME: TASK_8_2_NAMES.tableName },
  }));
  const [nameField, ...settings] = step.fields;
  const adapted = adaptedStep<LabFunctionInputs, FunctionInputs, FunctionConfiguration>(step, {
    fields: [
      { ...nameField, name: f.role },
      { name: 'tableName', label: 'TABLE_NAME', kind: 'text', help: 'the connections table the function uses' },
      ...(settings as unknown as InputField<LabFunctionInputs>[]),
    ],
    defaults: (place) => {
      const { functionName: name, environment, ...rest } = step.defaults(place);
      return { ...rest, [f.role]: name, tableName: environment.TABLE_NAME };
    },
    inner: ({ [f.role]: name, tableName, ...rest }) => ({
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
      return findings.length === 1 ? findings : [...findings, await tableNameFinding(ctx, String(inputs[f.role]), inputs.tableName)];
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

export const wsConnectStep = labFunctionStep({
  id: 'task-8-2/ws-connect',
  role: 'connectFunction',
  module: 'ws_connect',
  code: connectSource,
  timeout: 5,
  does: 'remembers a client ($connect)',
});
const wsDisconnectStep = labFunctionStep({
  id: 'task-8-2/ws-disconnect',
  role: 'disconnectFunction',
  module: 'ws_disconnect',
  code: disconnectSource,
  timeout: 5,
  does: 'forgets a client ($disconnect)',
});
const wsDefaultStep = labFunctionStep({
  id: 'task-8-2/ws-default',
  role: 'defaultFunction',
  module: 'ws_default',
  code: defaultSource,
  timeout: 5,
  does: 'answers hello! with init ($default)',
});
export const flightFanoutStep = labFunctionStep({
  id: 'task-8-2/flight-fanout',
  role: 'fanoutFunction',
  module: 'flight_fanout',
  code: fanoutSource,
  timeout: 30,
  does: 'sends each batch to every client',
});

/** In the chapter's order. */
export const TASK_8_2_FUNCTION_STEPS = [wsConnectStep, wsDisconnectStep, wsDefaultStep, flightFanoutStep] as const;

/** The connections table and the four functions: what the API and the stream need first. */
export const BACKEND_STEPS: readonly AnyStep[] = [connectionsTableStep, ...TASK_8_2_FUNCTION_STEPS];

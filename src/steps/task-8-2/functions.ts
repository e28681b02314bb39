// Task 8.2's four functions, deployed from lambda/ with the Learner Lab's LabRole. Each
// reads the connections table's name from TABLE_NAME, as the chapter's create_function does.
import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import type { Place, Step } from '../model.ts';
import { labRoleArn, lambdaFunctionStep, type FunctionInputs } from '../resources/lambda-function.ts';
import connectSource from '../../../lambda/ws-connect/ws_connect.py?raw';
import disconnectSource from '../../../lambda/ws-disconnect/ws_disconnect.py?raw';
import defaultSource from '../../../lambda/ws-default/ws_default.py?raw';
import fanoutSource from '../../../lambda/flight-fanout/flight_fanout.py?raw';
import { CONNECTIONS_TABLE } from './table.ts';

interface LabFunction {
  id: string;
  functionName: string;
  /** The file name without .py, which is also the handler's module. */
  module: string;
  code: string;
  /** Seconds: the chapter gives the fan-out longer, as its work grows with the connections. */
  timeout: number;
  /** What the function does, for the step's title. */
  does: string;
}

export const TASK_8_2_FUNCTIONS = {
  connect: { id: 'task-8-2/ws-connect', functionName: 'WsConnect', module: 'ws_connect', code: connectSource, timeout: 5, does: 'remembers a client ($connect)' },
  disconnect: { id: 'task-8-2/ws-disconnect', functionName: 'WsDisconnect', module: 'ws_disconnect', code: disconnectSource, timeout: 5, does: 'forgets a client ($disconnect)' },
  default: { id: 'task-8-2/ws-default', functionName: 'WsDefault', module: 'ws_default', code: defaultSource, timeout: 5, does: 'answers hello! with init ($default)' },
  fanout: { id: 'task-8-2/flight-fanout', functionName: 'FlightFanout', module: 'flight_fanout', code: fanoutSource, timeout: 30, does: 'sends each batch to every client' },
} satisfies Record<string, LabFunction>;

function labFunctionStep(f: LabFunction): Step<FunctionInputs, FunctionConfiguration> {
  return lambdaFunctionStep(f.id, `Deploy ${f.functionName}, which ${f.does}`, (place: Place) => ({
    functionName: f.functionName,
    runtime: 'python3.13',
    handler: `${f.module}.lambda_handler`,
    roleArn: labRoleArn(place.account),
    code: f.code,
    timeout: f.timeout,
    memorySize: 128,
    environment: { TABLE_NAME: CONNECTIONS_TABLE },
  }));
}

export const wsConnectStep = labFunctionStep(TASK_8_2_FUNCTIONS.connect);
export const wsDisconnectStep = labFunctionStep(TASK_8_2_FUNCTIONS.disconnect);
export const wsDefaultStep = labFunctionStep(TASK_8_2_FUNCTIONS.default);
export const flightFanoutStep = labFunctionStep(TASK_8_2_FUNCTIONS.fanout);

/** In the chapter's order. */
export const TASK_8_2_FUNCTION_STEPS = [wsConnectStep, wsDisconnectStep, wsDefaultStep, flightFanoutStep] as const;

// The names Task 8.2's resources go by: the chapter's, unless the student (or a test)
// chose others. Steps take their defaults from here and checks look for these.
import type { InputField } from '../model.ts';
import { TASK_8_2_FUNCTIONS } from './functions.ts';
import { FLIGHTS_STREAM } from './stream.ts';
import { CONNECTIONS_TABLE } from './table.ts';

export interface Task82Names {
  tableName: string;
  connectFunction: string;
  disconnectFunction: string;
  defaultFunction: string;
  fanoutFunction: string;
  apiName: string;
  stageName: string;
  streamName: string;
}

export const TASK_8_2_NAMES: Task82Names = {
  tableName: CONNECTIONS_TABLE,
  connectFunction: TASK_8_2_FUNCTIONS.connect.functionName,
  disconnectFunction: TASK_8_2_FUNCTIONS.disconnect.functionName,
  defaultFunction: TASK_8_2_FUNCTIONS.default.functionName,
  fanoutFunction: TASK_8_2_FUNCTIONS.fanout.functionName,
  apiName: 'FlightMapWsAPI',
  stageName: 'prod',
  streamName: FLIGHTS_STREAM,
};

/** The four function names in the chapter's order: $connect, $disconnect, $default, the fan-out. */
export const functionNamesOf = (names: Task82Names) => [names.connectFunction, names.disconnectFunction, names.defaultFunction, names.fanoutFunction];

/** Each name as an input a check shows, so a student who chose other names can check those. */
export const NAME_FIELDS: Record<keyof Task82Names, InputField<Task82Names>> = {
  tableName: { name: 'tableName', label: 'Connections table', kind: 'text' },
  connectFunction: { name: 'connectFunction', label: '$connect function', kind: 'text' },
  disconnectFunction: { name: 'disconnectFunction', label: '$disconnect function', kind: 'text' },
  defaultFunction: { name: 'defaultFunction', label: '$default function', kind: 'text' },
  fanoutFunction: { name: 'fanoutFunction', label: 'Fan-out function', kind: 'text' },
  apiName: { name: 'apiName', label: 'WebSocket API', kind: 'text' },
  stageName: { name: 'stageName', label: 'Stage', kind: 'text' },
  streamName: { name: 'streamName', label: 'Kinesis stream', kind: 'text' },
};

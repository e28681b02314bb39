// The names Task 8.2's resources go by: the chapter's, unless the student (or a test)
// chose others. Every Task 8.2 step takes the names it uses under these input names, so a
// sequence shares them across its steps and a check looks for the same ones.
import type { InputField } from '../model.ts';

export type Task82Names = {
  tableName: string;
  connectFunction: string;
  disconnectFunction: string;
  defaultFunction: string;
  fanoutFunction: string;
  apiName: string;
  stageName: string;
  streamName: string;
};

export const TASK_8_2_NAMES: Task82Names = {
  tableName: 'ccbda-ws-connections',
  connectFunction: 'WsConnect',
  disconnectFunction: 'WsDisconnect',
  defaultFunction: 'WsDefault',
  fanoutFunction: 'FlightFanout',
  apiName: 'FlightMapWsAPI',
  stageName: 'prod',
  streamName: 'ccbda-flights',
};

/** Each name as an input a step or check shows. */
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

/** The three functions behind the WebSocket API's routes, by route key. */
export const ROUTE_FUNCTIONS = [
  { routeKey: '$connect', role: 'connectFunction' },
  { routeKey: '$disconnect', role: 'disconnectFunction' },
  { routeKey: '$default', role: 'defaultFunction' },
] as const satisfies ReadonlyArray<{ routeKey: string; role: keyof Task82Names }>;

// Task 8.2's three sequences, each sharing the names of the chapter's resources that its
// steps use: the backend (table and functions), the WebSocket API, and the stream.
import { findInvokeUrl } from '../actions/api-address.ts';
import type { Sequence } from '../sequences.ts';
import { BACKEND_STEPS } from './functions.ts';
import { NAME_FIELDS, type Task82Names } from './names.ts';
import { STREAM_STEPS } from './stream.ts';
import { WEBSOCKET_API_STEPS } from './websocket-api.ts';

const shared = (...names: Array<keyof Task82Names>) => names.map((name) => ({ name, label: NAME_FIELDS[name].label }));
const noAddress = () => Promise.resolve(undefined);

export const TASK_8_2_SEQUENCES: readonly Sequence[] = [
  {
    id: 'task-8-2/backend',
    title: 'Create the connections table and the four functions',
    steps: BACKEND_STEPS,
    sharedNames: shared('tableName', 'connectFunction', 'disconnectFunction', 'defaultFunction', 'fanoutFunction'),
    addressOf: noAddress,
  },
  {
    id: 'task-8-2/websocket-api',
    title: 'Build the WebSocket API',
    steps: WEBSOCKET_API_STEPS,
    sharedNames: shared('apiName', 'stageName', 'connectFunction', 'disconnectFunction', 'defaultFunction'),
    addressOf: (ctx, inputs) => findInvokeUrl(ctx, String(inputs.apiName), String(inputs.stageName)),
  },
  {
    id: 'task-8-2/stream',
    title: 'Create the stream and connect it to FlightFanout',
    steps: STREAM_STEPS,
    sharedNames: shared('streamName', 'fanoutFunction'),
    addressOf: noAddress,
  },
];

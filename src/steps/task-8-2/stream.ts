// Task 8.2's stream of aircraft positions and the mapping that hands its batches to
// FlightFanout: one provisioned shard, batches of up to 100, new records only.
import { eventSourceMappingStep } from '../resources/event-source-mapping.ts';
import { kinesisStreamStep } from '../resources/kinesis-stream.ts';
import { TASK_8_2_FUNCTIONS } from './functions.ts';

export const FLIGHTS_STREAM = 'ccbda-flights';

export const flightsStreamStep = kinesisStreamStep('task-8-2/stream', 'Create the flights stream', { streamName: FLIGHTS_STREAM, shardCount: 1 });

export const fanoutMappingStep = eventSourceMappingStep('task-8-2/fanout-mapping', 'Connect the stream to FlightFanout', {
  functionName: TASK_8_2_FUNCTIONS.fanout.functionName,
  streamName: FLIGHTS_STREAM,
  batchSize: 100,
  startingPosition: 'LATEST',
});

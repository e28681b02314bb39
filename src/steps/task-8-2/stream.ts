// Task 8.2's stream of aircraft positions and the mapping that hands its batches to
// FlightFanout: one provisioned shard, batches of up to 100, new records only.
import { renamedInputs } from '../adapted-step.ts';
import { eventSourceMappingStep } from '../resources/event-source-mapping.ts';
import { kinesisStreamStep } from '../resources/kinesis-stream.ts';
import { TASK_8_2_NAMES } from './names.ts';

export const flightsStreamStep = kinesisStreamStep('task-8-2/stream', 'Create the flights stream', { streamName: TASK_8_2_NAMES.streamName, shardCount: 1 });

export const fanoutMappingStep = renamedInputs(
  eventSourceMappingStep('task-8-2/fanout-mapping', 'Connect the stream to FlightFanout', {
    functionName: TASK_8_2_NAMES.fanoutFunction,
    streamName: TASK_8_2_NAMES.streamName,
    batchSize: 100,
    startingPosition: 'LATEST',
  }),
  { functionName: 'fanoutFunction' },
);

/** The stream, then its mapping to FlightFanout. */
export const STREAM_STEPS = [flightsStreamStep, fanoutMappingStep] as const;

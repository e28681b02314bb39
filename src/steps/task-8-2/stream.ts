// Task 8.2's stream of aircraft positions and the mapping that hands its batches to
// FlightFanout, as its chapter declares them: one provisioned shard, batches of up to 100,
// new records only. The mapping names FlightFanout by its role, as the sequence shares it.
import { renamedInputs } from '../adapted-step.ts';
import { declaredMappingStep, declaredStreamStep } from '../declared/declared-step.ts';
import { labResource } from '../lab-resources.ts';

const stream = labResource('task-8-2/stream', 'kinesis-stream');
const mapping = labResource('task-8-2/fanout-mapping', 'event-source-mapping');

export const flightsStreamStep = declaredStreamStep(stream.stepId, stream.declaration);

export const fanoutMappingStep = renamedInputs(declaredMappingStep(mapping.stepId, mapping.declaration), { functionName: 'fanoutFunction' });

/** The stream, then its mapping to FlightFanout. */
export const STREAM_STEPS = [flightsStreamStep, fanoutMappingStep] as const;

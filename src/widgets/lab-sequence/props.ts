// <LabSequence>'s props, checked at build (shared/checked-props.ts) and listed in the widget catalogue.
import { z } from 'astro/zod';
import { SEQUENCES } from '../../steps/sequences.ts';
import { oneOf } from '../shared/one-of.ts';

/** The props with these sequence ids allowed: the lab's and, when a page is built, the chapters' declared APIs. */
export const labSequencePropsFor = (ids: readonly string[]) =>
  z.strictObject({
    sequence: oneOf('sequence', ids).describe(
      'Which run of steps: the lab’s (src/steps/sequences.ts: Task 8.1’s HTTP API, Task 8.2’s backend, WebSocket API or stream) or a declared API’s, `<chapter slug>/<name>`.',
    ),
    // No defaults here: each sequence has its own (the lab's names for that part of the lab).
    apiName: z.string().optional().describe('The API every step uses; the sequence’s own (CrudHttpAPI for task-8-1/http-api) when left out.'),
    functionName: z.string().optional().describe('The function the API invokes (it must exist); LambdaCRUD for task-8-1/http-api when left out.'),
    stageName: z.string().optional().describe('The stage in the invoke URL; prod when left out.'),
  });

export const labSequenceProps = labSequencePropsFor(SEQUENCES.map((sequence) => sequence.id));

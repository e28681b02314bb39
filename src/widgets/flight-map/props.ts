// <FlightMap>'s props, checked at build (shared/checked-props.ts) and listed in the widget catalogue.
import { z } from 'astro/zod';
import { TASK_8_2_NAMES } from '../../steps/task-8-2/names.ts';

export const flightMapProps = z.strictObject({
  apiName: z.string().min(1).default(TASK_8_2_NAMES.apiName).describe('The WebSocket API whose URL the map starts with.'),
  stage: z.string().min(1).default(TASK_8_2_NAMES.stageName).describe('Its stage.'),
});

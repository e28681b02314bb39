// <FlightFeed>'s props, checked at build (shared/checked-props.ts) and listed in the widget catalogue.
import { z } from 'astro/zod';
import { TASK_8_2_NAMES } from '../../steps/task-8-2/names.ts';

export const flightFeedProps = z.strictObject({
  streamName: z.string().min(1).default(TASK_8_2_NAMES.streamName).describe('The stream the batches go to; the student can change it in the widget.'),
});

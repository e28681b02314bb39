// <Progress>'s props, checked at build (shared/checked-props.ts) and listed in the widget catalogue.
import { z } from 'astro/zod';

export const progressProps = z.strictObject({
  title: z.string().default('Your progress').describe('The widget’s heading.'),
});

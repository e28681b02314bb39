// <Teardown>'s props, checked at build (shared/checked-props.ts) and listed in the widget catalogue.
import { z } from 'astro/zod';

export const teardownProps = z.strictObject({
  title: z.string().default('Delete what the lab made').describe('The widget’s heading.'),
});

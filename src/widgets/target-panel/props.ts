// <TargetPanel>'s props, checked at build (shared/checked-props.ts) and listed in the widget catalogue.
import { z } from 'astro/zod';

export const targetPanelProps = z.strictObject({
  title: z.string().default('Before you start: choose your target').describe('The panel’s heading.'),
});

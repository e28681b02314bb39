// <LabReport>'s props, checked at build (shared/checked-props.ts) and listed in the widget catalogue.
import { z } from 'astro/zod';

export const labReportProps = z.strictObject({
  label: z.string().min(1).default('Download my lab report').describe('The button’s words.'),
});

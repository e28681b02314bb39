// <PythonCell>'s props, checked at build (shared/checked-props.ts) and listed in the widget catalogue.
import { z } from 'astro/zod';
import { DEFAULT_TIMEOUT_SECONDS } from './python-runner.ts';

export const pythonCellProps = z.strictObject({
  code: z.string().describe('The Python the cell starts with; Reset goes back to it.'),
  title: z.string().optional().describe('Shown above the cell, and its name for screen readers.'),
  timeout: z.number().positive().default(DEFAULT_TIMEOUT_SECONDS).describe('Seconds the code may run before the cell stops it.'),
});

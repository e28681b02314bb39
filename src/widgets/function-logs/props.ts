// <FunctionLogs>'s props, checked at build (shared/checked-props.ts) and listed in the widget catalogue.
import { z } from 'astro/zod';
import { CRUD_FUNCTION } from '../../steps/task-8-1/names.ts';

export const functionLogsProps = z.strictObject({
  functionName: z.string().min(1).default(CRUD_FUNCTION).describe('The function whose log group is shown; the student can name another in the widget.'),
});

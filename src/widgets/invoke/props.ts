// <InvokeFunction>'s props, checked at build (shared/checked-props.ts) and listed in the widget catalogue.
import { z } from 'astro/zod';
import { CRUD_FUNCTION, TASK_8_1_TABLE } from '../../steps/task-8-1/names.ts';

export const invokeFunctionProps = z.strictObject({
  functionName: z.string().min(1).default(CRUD_FUNCTION).describe('The function to invoke; the student can name another in the widget.'),
  tableName: z.string().min(1).default(TASK_8_1_TABLE).describe('The table the HTTP API templates name.'),
  template: z.number().int().min(0).max(2).default(0).describe('The template the event starts as: 0 the GET, 1 the POST, 2 the empty event.'),
});

// <FunctionEditor>'s props, checked at build (shared/checked-props.ts) and listed in the widget catalogue.
import { z } from 'astro/zod';
import { CRUD_HANDLER } from '../../steps/task-8-1/function.ts';
import { CRUD_FUNCTION } from '../../steps/task-8-1/names.ts';

export const functionEditorProps = z.strictObject({
  functionName: z.string().min(1).default(CRUD_FUNCTION).describe('The function to create or update.'),
  handler: z
    .string()
    .min(1)
    .default(CRUD_HANDLER)
    .describe('The file (without .py) and the function in it that Lambda calls; the zip holds the source under that file name.'),
  code: z.string().optional().describe('The Python source to start from; the lab’s CRUD function (lambda/crud/lambda_crud.py) when left out.'),
});

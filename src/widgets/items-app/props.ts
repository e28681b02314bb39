// <ItemsApp>'s props, checked at build (shared/checked-props.ts) and listed in the widget catalogue.
import { z } from 'astro/zod';
import { CRUD_API, CRUD_STAGE, TASK_8_1_TABLE } from '../../steps/task-8-1/names.ts';

export const itemsAppProps = z.strictObject({
  apiName: z.string().min(1).default(CRUD_API).describe('The API whose invoke URL is filled in.'),
  stage: z.string().min(1).default(CRUD_STAGE).describe('The stage in that URL.'),
  tableName: z.string().min(1).default(TASK_8_1_TABLE).describe('The table whose items are shown.'),
});

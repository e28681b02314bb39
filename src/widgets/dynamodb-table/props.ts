// <DynamoDBTable>'s props, checked at build (shared/checked-props.ts) and listed in the widget catalogue.
import { z } from 'astro/zod';
import { TASK_8_1_TABLE } from '../../steps/task-8-1/names.ts';

export const dynamoDBTableProps = z.strictObject({
  tableName: z.string().min(1).default(TASK_8_1_TABLE).describe('The table to create and browse.'),
  create: z
    .boolean()
    .default(true)
    .describe('Whether the widget shows the step that creates the table (key thingID); `{false}` browses a table another step makes, e.g. a declared one.'),
});

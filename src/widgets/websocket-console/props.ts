// <WebSocketConsole>'s props, checked at build (shared/checked-props.ts) and listed in the widget catalogue.
import { z } from 'astro/zod';
import { TASK_8_2_NAMES } from '../../steps/task-8-2/names.ts';

export const webSocketConsoleProps = z.strictObject({
  apiName: z.string().min(1).default(TASK_8_2_NAMES.apiName).describe('The WebSocket API whose invoke URL the sessions start with.'),
  stage: z.string().min(1).default(TASK_8_2_NAMES.stageName).describe('Its stage.'),
  template: z.string().default('hello!').describe('The first message the lab sends, offered as a template.'),
  sessions: z.number().int().min(1).default(1).describe('How many sessions the console opens with.'),
});

// Task 8.2's first part with the author test kit, in the sandbox and with the lab's own
// names (no other spec on this server uses them): the connections table as a single step,
// then the sequence that adopts it and deploys the four functions, then the chapter's check.
import { removeFromSandbox } from '../browser/sandbox-resources.ts';
import { TASK_8_2_NAMES } from '../../src/steps/task-8-2/names.ts';
import { expect, test } from './kit.ts';

const { tableName, connectFunction, disconnectFunction, defaultFunction, fanoutFunction } = TASK_8_2_NAMES;

test.beforeAll(async ({ request }) => {
  await removeFromSandbox(request, { tables: [tableName], functions: [connectFunction, disconnectFunction, defaultFunction, fanoutFunction] });
});

test('the connections table, the four functions and the backend check', async ({ chapter }) => {
  await chapter.open('task-8-2');
  await chapter.useSandbox();
  const table = await chapter.runStep('Create the connections table');
  await expect(table.locator('.lb-lab__outcome')).toHaveText(`Created ${tableName}.`);
  await chapter.runSequence('Create the connections table and the four functions');
  await chapter.expectCheckPasses('Task 8.2: the connections table and the four functions');
});

// The lab's own resources come from their chapters' `resources:` frontmatter, as any chapter's
// do: the steps keep the ids students' progress is stored under, the function deploys the
// file the chapter shows, and the names the widgets default to are the declared ones.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { STEPS } from '../../src/steps/catalogue.ts';
import { LAB_CHAPTER_SLUGS } from '../../src/steps/declared/lab-chapter-slugs.ts';
import { LAB_RESOURCES } from '../../src/steps/lab-resources.ts';
import { CRUD_API, CRUD_FUNCTION, CRUD_STAGE, TASK_8_1_TABLE } from '../../src/steps/task-8-1/names.ts';

const place = { targetKey: 'sandbox', account: '123456789012', region: 'us-east-1' };

test('the chapters the build leaves to the lab’s steps are the ones the lab’s steps import', () => {
  expect([...LAB_CHAPTER_SLUGS].sort()).toEqual(Object.keys(LAB_RESOURCES).sort());
});

test('Task 8.1’s steps are its chapter’s declarations, under the ids they always had', () => {
  expect(STEPS.map((step) => step.id).filter((id) => id.startsWith('task-8-1/'))).toEqual([
    'task-8-1/table',
    'task-8-1/function',
    'task-8-1/http-api',
    'task-8-1/http-api-permission',
    'task-8-1/http-api-integration',
    'task-8-1/http-api-routes',
    'task-8-1/http-api-stage',
    'task-8-1/http-api-deployment',
  ]);
  const byId = (id: string) => STEPS.find((step) => step.id === id)!.defaults(place) as Record<string, unknown>;
  expect(byId('task-8-1/table')).toMatchObject({ tableName: TASK_8_1_TABLE, partitionKey: 'thingID', keyType: 'S' });
  expect(byId('task-8-1/function')).toMatchObject({
    functionName: CRUD_FUNCTION,
    handler: 'lambda_crud.lambda_handler',
    code: readFileSync(new URL('../../lambda/crud/lambda_crud.py', import.meta.url), 'utf8'),
    fileName: 'lambda_crud.py',
    environment: { LOG_LEVEL: 'INFO' },
  });
  expect(byId('task-8-1/http-api-permission')).toMatchObject({ apiName: CRUD_API, statementId: 'crud-http-api', routePattern: '*/*/' });
  expect(byId('task-8-1/http-api-stage')).toMatchObject({ stageName: CRUD_STAGE });
});

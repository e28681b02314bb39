// The lab's own resources come from their chapters' `resources:` frontmatter, as any chapter's
// do: the steps keep the ids students' progress is stored under, the function deploys the
// file the chapter shows, and the names the widgets default to are the declared ones.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { STEPS } from '../../src/steps/catalogue.ts';
import { LAB_CHAPTER_SLUGS } from '../../src/steps/declared/lab-chapter-slugs.ts';
import { LAB_RESOURCES } from '../../src/steps/lab-resources.ts';
import { CRUD_API, CRUD_FUNCTION, CRUD_STAGE, TASK_8_1_TABLE } from '../../src/steps/task-8-1/names.ts';
import { TASK_8_2_NAMES } from '../../src/steps/task-8-2/names.ts';

const place = { targetKey: 'sandbox', account: '123456789012', region: 'us-east-1' };
const defaultsOf = (id: string) => STEPS.find((step) => step.id === id)!.defaults(place) as Record<string, unknown>;
const code = (file: string) => readFileSync(new URL(`../../lambda/${file}`, import.meta.url), 'utf8');

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
  expect(defaultsOf('task-8-1/table')).toMatchObject({ tableName: TASK_8_1_TABLE, partitionKey: 'thingID', keyType: 'S' });
  expect(defaultsOf('task-8-1/function')).toMatchObject({
    functionName: CRUD_FUNCTION,
    handler: 'lambda_crud.lambda_handler',
    code: code('crud/lambda_crud.py'),
    environment: { LOG_LEVEL: 'INFO' },
  });
  expect(defaultsOf('task-8-1/http-api-permission')).toMatchObject({ apiName: CRUD_API, statementId: 'crud-http-api', routePattern: '*/*/' });
  expect(defaultsOf('task-8-1/http-api-stage')).toMatchObject({ stageName: CRUD_STAGE });
});

// What each function deploys (file, timeout, TABLE_NAME) is held by steps-task-8-2-backend.test.ts.
test('Task 8.2’s table and functions are its chapter’s declarations, each function named by its role with TABLE_NAME its table', () => {
  expect(defaultsOf('task-8-2/table')).toMatchObject({ tableName: TASK_8_2_NAMES.tableName, partitionKey: 'connectionid', keyType: 'S' });
  const roles = {
    'ws-connect': 'connectFunction',
    'ws-disconnect': 'disconnectFunction',
    'ws-default': 'defaultFunction',
    'flight-fanout': 'fanoutFunction',
  } as const;
  for (const [step, role] of Object.entries(roles)) {
    expect(defaultsOf(`task-8-2/${step}`)).toMatchObject({ [role]: TASK_8_2_NAMES[role], tableName: TASK_8_2_NAMES.tableName });
  }
});

test('Task 8.2’s WebSocket API, stream and mapping are its chapter’s declarations, each route’s function named by its role', () => {
  expect(STEPS.map((step) => step.id).filter((id) => /^task-8-2\/(ws-api|stream|fanout)/.test(id))).toEqual([
    'task-8-2/ws-api',
    ...['connect', 'disconnect', 'default'].flatMap((route) => ['integration', 'route', 'permission'].map((part) => `task-8-2/ws-api-${route}-${part}`)),
    'task-8-2/ws-api-stage',
    'task-8-2/ws-api-deployment',
    'task-8-2/stream',
    'task-8-2/fanout-mapping',
  ]);
  expect(defaultsOf('task-8-2/ws-api')).toMatchObject({ apiName: TASK_8_2_NAMES.apiName, routeSelectionExpression: '$request.body.action' });
  expect(defaultsOf('task-8-2/ws-api-disconnect-permission')).toMatchObject({
    disconnectFunction: TASK_8_2_NAMES.disconnectFunction,
    statementId: 'flight-map-ws-api',
    routePattern: '*/$disconnect',
  });
  expect(defaultsOf('task-8-2/ws-api-stage')).toMatchObject({ stageName: TASK_8_2_NAMES.stageName });
  expect(defaultsOf('task-8-2/stream')).toMatchObject({ streamName: TASK_8_2_NAMES.streamName, shardCount: 1 });
  expect(defaultsOf('task-8-2/fanout-mapping')).toMatchObject({
    fanoutFunction: TASK_8_2_NAMES.fanoutFunction,
    streamName: TASK_8_2_NAMES.streamName,
    batchSize: 100,
    startingPosition: 'LATEST',
  });
});

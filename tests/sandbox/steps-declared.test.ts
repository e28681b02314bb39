// A chapter's declared resources (its `resources:` frontmatter) against the sandbox: a table
// with a partition and a sort key, a Python and a Node.js function from their sources, an HTTP
// API in front of one, a WebSocket API in front of the other, and a stream mapped to a function
// are made by their steps, carry labbook's tags, answer through the API, pass the chapter's
// check, and are found and removed, API first, by teardown in a browser that never made them.
import { DynamoDBClient, ListTagsOfResourceCommand } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient, ListTagsCommand } from '@aws-sdk/client-lambda';
import { expect, test } from 'vitest';
import { STEPS } from '../../src/steps/catalogue.ts';
import { declaredCheck, declaredSteps, type DeclaredChapter } from '../../src/steps/declared/declared-step.ts';
import { tagMap } from '../../src/steps/labbook-tags.ts';
import { madeRecords, runStep } from '../../src/steps/runner.ts';
import { memoryStorage } from '../../src/steps/target-records.ts';
import { findLeftovers, tearDown } from '../../src/steps/teardown.ts';
import { onDemandTable } from './dynamodb-helpers.ts';
import { useSandbox } from './harness.ts';
import { stepContext } from './step-helpers.ts';

const sandbox = useSandbox();

const chapter: DeclaredChapter = {
  slug: 'examples/counter',
  title: 'Counter',
  resources: [
    {
      stepId: 'examples/counter/Counts',
      declaration: { kind: 'dynamodb-table', name: 'Counts', partitionKey: { name: 'page', type: 'S' }, sortKey: { name: 'day', type: 'S' } },
    },
    {
      stepId: 'examples/counter/Count',
      declaration: {
        kind: 'lambda-function',
        name: 'Count',
        runtime: 'python3.13',
        code: 'count.py',
        handler: 'count.handler',
        timeout: 3,
        memory: 128,
        environment: { TABLE_NAME: 'Counts' },
      },
      source: 'def handler(event, context):\n    return {"statusCode": 200, "body": "counted"}\n',
    },
    {
      stepId: 'examples/counter/Greet',
      declaration: {
        kind: 'lambda-function',
        name: 'Greet',
        runtime: 'nodejs22.x',
        code: 'greet.mjs',
        handler: 'greet.handler',
        timeout: 3,
        memory: 128,
        environment: {},
      },
      source: 'export const handler = async (event) => `hello ${event.name}`;\n',
    },
    {
      stepId: 'examples/counter/CountApi',
      declaration: { kind: 'http-api', name: 'CountApi', function: 'Count', routes: ['GET /count'], stage: 'prod' },
    },
    {
      stepId: 'examples/counter/GreetWs',
      declaration: { kind: 'websocket-api', name: 'GreetWs', routeSelection: '$request.body.action', routes: { $default: 'Greet' }, stage: 'live' },
    },
    { stepId: 'examples/counter/Clicks', declaration: { kind: 'kinesis-stream', name: 'Clicks', shards: 1 } },
    {
      stepId: 'examples/counter/clicks-to-count',
      declaration: {
        kind: 'event-source-mapping',
        name: 'clicks-to-count',
        stream: 'Clicks',
        function: 'Count',
        batchSize: 10,
        startingPosition: 'TRIM_HORIZON',
      },
    },
  ],
};
const PAGE = '/examples/counter/';

test('declared resources are made with labbook tags, checked, and torn down from a fresh browser', async () => {
  const ctx = stepContext(sandbox);
  const steps = chapter.resources.flatMap(declaredSteps);
  let invokeUrl: string | undefined;
  const records = madeRecords(memoryStorage());
  for (const step of steps) {
    const result = await runStep(step, ctx, step.defaults(ctx), records, { title: step.title, page: PAGE });
    if (step.id === 'examples/counter/CountApi-deployment') invokeUrl = result.made.url;
    expect({ step: step.id, outcome: result.outcome, failed: result.findings.filter((f) => !f.ok) }).toEqual({ step: step.id, outcome: 'created', failed: [] });
  }

  const tags = { 'labbook:step': 'examples/counter/Counts', 'labbook:chapter': PAGE };
  const arn = `arn:aws:dynamodb:us-east-1:${sandbox.accountId}:table/Counts`;
  expect(tagMap((await sandbox.client(DynamoDBClient).send(new ListTagsOfResourceCommand({ ResourceArn: arn }))).Tags)).toEqual(tags);
  const functionArn = `arn:aws:lambda:us-east-1:${sandbox.accountId}:function:Count`;
  expect((await sandbox.client(LambdaClient).send(new ListTagsCommand({ Resource: functionArn }))).Tags).toEqual({
    'labbook:step': 'examples/counter/Count',
    'labbook:chapter': PAGE,
  });

  // The Node.js function runs from its .mjs file, as declared.
  const greeting = await sandbox.client(LambdaClient).send(new InvokeCommand({ FunctionName: 'Greet', Payload: JSON.stringify({ name: 'Ada' }) }));
  expect({ error: greeting.FunctionError, payload: new TextDecoder().decode(greeting.Payload) }).toEqual({ error: undefined, payload: '"hello Ada"' });

  const answer = await fetch(`${invokeUrl}count`);
  expect({ status: answer.status, body: await answer.text() }).toEqual({ status: 200, body: 'counted' });

  const findings = await declaredCheck(chapter).run(ctx);
  expect(findings.map((f) => f.label)).toContain('Sort key day of type S (string)');
  expect(findings.filter((f) => !f.ok)).toEqual([]);

  // A fresh browser: no records, so what carries tags is found by them, the rest (AWS keeps no
  // tags on routes or stages) by its declared names; in the reverse of the declaration's order.
  const fresh = madeRecords(memoryStorage());
  const leftovers = (await findLeftovers(ctx, fresh, [...STEPS, ...steps])).filter((leftover) => leftover.id.startsWith('examples/'));
  const found = { origin: 'found', page: undefined };
  const tagged = { origin: 'tagged', page: PAGE };
  expect(leftovers.map(({ id, origin, page }) => ({ id, origin, page }))).toEqual([
    { id: 'examples/counter/clicks-to-count:Count ← Clicks', ...found },
    { id: 'examples/counter/Clicks:Clicks', ...tagged },
    { id: 'examples/counter/GreetWs-deployment:GreetWs/live', ...found },
    { id: 'examples/counter/GreetWs-stage:GreetWs/live', ...found },
    { id: 'examples/counter/GreetWs-default-route:GreetWs: $default', ...found },
    { id: 'examples/counter/GreetWs-default-integration:GreetWs → Greet', ...found },
    { id: 'examples/counter/GreetWs:GreetWs', ...tagged },
    { id: 'examples/counter/CountApi-deployment:CountApi/prod', ...found },
    { id: 'examples/counter/CountApi-stage:CountApi/prod', ...found },
    { id: 'examples/counter/CountApi-routes:CountApi: GET /count', ...found },
    { id: 'examples/counter/CountApi-integration:CountApi → Count', ...found },
    { id: 'examples/counter/CountApi:CountApi', ...tagged },
    { id: 'examples/counter/Greet:Greet', ...tagged },
    { id: 'examples/counter/Count:Count', ...tagged },
    { id: 'examples/counter/Counts:Counts', ...tagged },
  ]);
  const states = await tearDown(ctx, leftovers, fresh);
  expect([...states.values()].filter((state) => state.state !== 'gone')).toEqual([]);
  expect((await declaredCheck(chapter).run(ctx)).filter((f) => f.ok)).toEqual([]);
});

test('the check fails a table whose sort key is not the declared one', async () => {
  const ctx = stepContext(sandbox);
  await sandbox.client(DynamoDBClient).send(onDemandTable('DatedCounts', 'page', 'S', { key: 'date', type: 'S' }));
  const [table] = declaredSteps({
    stepId: 'examples/counter/DatedCounts',
    declaration: { kind: 'dynamodb-table', name: 'DatedCounts', partitionKey: { name: 'page', type: 'S' }, sortKey: { name: 'day', type: 'S' } },
  });
  const failed = (await table.check(ctx, table.defaults(ctx))).filter((f) => !f.ok);
  expect(failed).toEqual([{ label: 'Sort key day of type S (string)', ok: false, detail: 'The sort key is date of type S.' }]);
});

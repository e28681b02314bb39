// What the item browser, Invoke, Logs and Check my work do, against the sandbox: the lab's
// table and CRUD function, deployed by the steps, then used as a student would.
import { beforeAll, describe, expect, test } from 'vitest';
import { latestLogEvents, listLogStreams, logsCli } from '../../src/steps/actions/function-logs.ts';
import { eventTemplates, invokeCli, invokeFunction } from '../../src/steps/actions/invoke.ts';
import { attributeText, columnsOf, deleteItem, itemsCli, keyOf, parseItem, putItem, scanItems } from '../../src/steps/actions/table-items.ts';
import { checkProgress } from '../../src/steps/check-progress.ts';
import { runCheck } from '../../src/steps/checks.ts';
import { madeRecords, runStep } from '../../src/steps/runner.ts';
import { memoryStorage } from '../../src/steps/target-records.ts';
import { answerHoldsItems, task81FirstHalfCheck } from '../../src/steps/task-8-1/check.ts';
import { functionStep } from '../../src/steps/task-8-1/function.ts';
import { tableStep } from '../../src/steps/task-8-1/table.ts';
import { useSandbox } from './harness.ts';
import { stepContext } from './step-helpers.ts';
import { renderScript, type Script } from '../../src/steps/shells.ts';

const bash = (script: Script) => renderScript(script, 'bash');

const sandbox = useSandbox();
const TABLE = 'ccbda-lambda-first';
const place = () => ({ targetKey: `sandbox:${sandbox.accountId}`, account: sandbox.accountId, region: 'us-east-1' });
const [GET, POST, EMPTY] = eventTemplates(TABLE);

describe('before anything is deployed', () => {
  test('Check my work fails, says why, and marks nothing done', async () => {
    const progress = checkProgress(memoryStorage());
    const ctx = stepContext(sandbox);
    const { passed, findings } = await runCheck(task81FirstHalfCheck, ctx, progress);
    expect(passed).toBe(false);
    expect(findings.map((finding) => finding.detail)).toEqual([
      `There is no table named ${TABLE} in us-east-1.`,
      'There is no function named LambdaCRUD in us-east-1.',
      'Not tried: fix the table and the function first.',
    ]);
    expect(progress.all(ctx.targetKey)).toEqual({});
    expect(ctx.calls.filter((call) => call.error)).toEqual([]);
  });

  test('a function that never ran has no log streams', async () => {
    const ctx = stepContext(sandbox);
    expect(await listLogStreams(ctx, 'NeverRan')).toEqual([]);
    expect(ctx.calls.filter((call) => call.error)).toEqual([]);
  });
});

describe('with the table and the CRUD function deployed', () => {
  beforeAll(async () => {
    const records = madeRecords(memoryStorage());
    await runStep(tableStep, stepContext(sandbox), tableStep.defaults(place()), records);
    await runStep(functionStep, stepContext(sandbox), functionStep.defaults(place()), records);
  });

  test('an answer listing no items from the new, empty table passes and says so', async () => {
    const finding = await answerHoldsItems(stepContext(sandbox), 'GET lists the items', TABLE, {
      statusCode: 200,
      body: JSON.stringify({ Items: [], Count: 0 }),
    });
    expect(finding).toEqual({ label: 'GET lists the items', ok: true, detail: 'It returned no items, and the table is empty.' });
  });

  test('items are added, listed, replaced and deleted', async () => {
    const ctx = stepContext(sandbox);
    await putItem(ctx, TABLE, { thingID: { S: 'chair' }, legs: { N: '4' } });
    await putItem(ctx, TABLE, { thingID: { S: 'desk' }, colour: { S: 'oak' } });
    await putItem(ctx, TABLE, { thingID: { S: 'chair' }, legs: { N: '3' }, tags: { SS: ['wobbly'] } });
    const { items, truncated } = await scanItems(ctx, TABLE);
    expect(truncated).toBe(false);
    const chair = items.find((item) => item.thingID.S === 'chair')!;
    expect(chair).toEqual({ thingID: { S: 'chair' }, legs: { N: '3' }, tags: { SS: ['wobbly'] } });
    expect(columnsOf(items, ['thingID'])).toEqual(expect.arrayContaining(['thingID', 'legs', 'tags', 'colour']));
    expect(columnsOf(items, ['thingID'])[0]).toBe('thingID');
    expect([attributeText(chair.legs), attributeText(chair.tags), attributeText(undefined)]).toEqual(['3', '["wobbly"]', '']);

    await deleteItem(ctx, TABLE, keyOf(chair, ['thingID']));
    expect((await scanItems(ctx, TABLE)).items.map((item) => item.thingID.S)).toEqual(['desk']);
    expect(ctx.calls.map((call) => call.operation)).toEqual(['PutItem', 'PutItem', 'PutItem', 'Scan', 'DeleteItem', 'Scan']);
    await deleteItem(ctx, TABLE, { thingID: { S: 'desk' } });
  });

  test('a bad item gets DynamoDB’s own error', async () => {
    await expect(putItem(stepContext(sandbox), TABLE, { colour: { S: 'no key' } })).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('Missing the key thingID'),
    });
  });

  test('the GET template returns 200 with the items; the log tail and REPORT show a cold start, then a warm one', async () => {
    const ctx = stepContext(sandbox);
    await putItem(ctx, TABLE, { thingID: { S: 'lamp' } });
    const cold = await invokeFunction(ctx, 'LambdaCRUD', GET.event);
    expect(cold.statusCode).toBe(200);
    expect(cold.functionError).toBeUndefined();
    const answer = JSON.parse(cold.payload);
    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body).Items).toEqual([{ thingID: { S: 'lamp' } }]);
    expect(cold.logTail).toMatch(/^START RequestId: /m);
    expect(cold.logTail).toContain('operation GET');
    expect(cold.report).toMatchObject({ memoryMb: 128, durationMs: expect.any(Number), initMs: expect.any(Number) });

    const warm = await invokeFunction(ctx, 'LambdaCRUD', GET.event);
    expect(warm.report?.initMs).toBeUndefined();
    await deleteItem(ctx, TABLE, { thingID: { S: 'lamp' } });
  });

  test('the POST template puts the lab’s lamp into the table', async () => {
    const ctx = stepContext(sandbox);
    const result = await invokeFunction(ctx, 'LambdaCRUD', POST.event);
    expect(JSON.parse(result.payload).statusCode).toBe(200);
    expect((await scanItems(ctx, TABLE)).items).toEqual([{ thingID: { S: 'lamp' }, colour: { S: 'red' } }]);
    await deleteItem(ctx, TABLE, { thingID: { S: 'lamp' } });
  });

  test('the empty event makes the handler raise: Lambda answers 200 with FunctionError Unhandled', async () => {
    const result = await invokeFunction(stepContext(sandbox), 'LambdaCRUD', EMPTY.event);
    expect(result.statusCode).toBe(200);
    expect(result.functionError).toBe('Unhandled');
    expect(JSON.parse(result.payload)).toMatchObject({ errorType: 'KeyError', errorMessage: "'requestContext'" });
  });

  test('an event that is not JSON gets Lambda’s own error', async () => {
    await expect(invokeFunction(stepContext(sandbox), 'LambdaCRUD', '{not json')).rejects.toMatchObject({ name: 'InvalidRequestContentException' });
  });

  test('logs: streams newest first, and a stream’s events newest first', async () => {
    const ctx = stepContext(sandbox);
    await invokeFunction(ctx, 'LambdaCRUD', GET.event);
    const streams = await listLogStreams(ctx, 'LambdaCRUD');
    expect(streams.length).toBeGreaterThan(0);
    expect(streams[0].name).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    const times = streams.map((stream) => stream.lastEventAt ?? 0);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const events = await latestLogEvents(ctx, 'LambdaCRUD', streams[0].name);
    expect(events[0].message).toMatch(/^REPORT RequestId: /);
    expect(events.at(-1)!.message).toMatch(/^(INIT_START|START) /);
    const at = events.map((event) => event.at);
    expect(at).toEqual([...at].sort((a, b) => b - a));
  });

  test('Check my work passes and is marked done for this target only', async () => {
    const progress = checkProgress(memoryStorage());
    const ctx = stepContext(sandbox);
    await putItem(ctx, TABLE, { thingID: { S: 'checked' } });
    const { passed, findings } = await runCheck(task81FirstHalfCheck, ctx, progress);
    expect(findings.filter((finding) => !finding.ok)).toEqual([]);
    expect(passed).toBe(true);
    expect(findings.at(-1)).toEqual({ label: `A GET event returns 200 with the items of ${TABLE}`, ok: true, detail: 'It returned all 1 item(s).' });
    expect(progress.get(ctx.targetKey, task81FirstHalfCheck.id)).toMatchObject({ done: true });
    expect(progress.all('aws:123456789012:us-east-1')).toEqual({});
  });

  test('Check my work catches the lab’s forgotten return', async () => {
    const forgetful = functionStep
      .defaults(place())
      .code.replace("        return respond(None, f'{type(error).__name__}: {error}')", "        respond(None, f'{type(error).__name__}: {error}')");
    const broken = forgetful.replace('dynamodb.scan(**', 'dynamodb.scan(Bad=1, **');
    await runStep(functionStep, stepContext(sandbox), { ...functionStep.defaults(place()), code: broken }, madeRecords(memoryStorage()));
    const { passed, findings } = await runCheck(task81FirstHalfCheck, stepContext(sandbox), checkProgress(memoryStorage()));
    expect(passed).toBe(false);
    expect(findings.at(-1)?.detail).toBe('The function returned None: an API would answer 200 with the body null. Does every branch return?');
    await runStep(functionStep, stepContext(sandbox), functionStep.defaults(place()), madeRecords(memoryStorage()));
  });
});

describe('parsing an item typed as DynamoDB JSON', () => {
  test('accepts attributes with their types and names what is wrong otherwise', () => {
    expect(parseItem('{"thingID": {"S": "lamp"}, "n": {"N": "2"}}')).toEqual({ item: { thingID: { S: 'lamp' }, n: { N: '2' } } });
    expect(parseItem('{"thingID": "lamp"}')).toEqual({ problem: 'Attribute thingID needs its type, e.g. {"S": "text"} or {"N": "3"}.' });
    expect(parseItem('[1]')).toEqual({ problem: 'An item is a JSON object: {"thingID": {"S": "lamp"}}.' });
    expect(parseItem('{oops')).toMatchObject({ problem: expect.stringMatching(/^This is not JSON: /) });
  });
});

describe('CLI equivalents of the item browser, Invoke and Logs', () => {
  const aws = { targetKey: 'aws:123456789012:us-east-1', account: '123456789012', region: 'us-east-1' };

  test('put-item quotes the item for the shell', () => {
    expect(bash(itemsCli.put(aws, TABLE, { thingID: { S: "Bob's lamp" } }))).toBe(
      ['aws dynamodb put-item \\', `  --table-name ${TABLE} \\`, `  --item '{"thingID":{"S":"Bob'\\''s lamp"}}' \\`, '  --region us-east-1'].join('\n'),
    );
  });

  test('invoke sends the event as raw JSON and decodes the log tail', () => {
    expect(bash(invokeCli(aws, 'LambdaCRUD', '{\n  "a": 1\n}'))).toBe(
      [
        'aws lambda invoke \\',
        '  --function-name LambdaCRUD \\',
        '  --cli-binary-format raw-in-base64-out \\',
        `  --payload '{"a":1}' \\`,
        '  --log-type Tail \\',
        '  --query LogResult \\',
        '  --output text \\',
        '  response.json \\',
        '  --region us-east-1 | base64 --decode',
        'cat response.json',
      ].join('\n'),
    );
  });

  test('logs are followed with aws logs tail', () => {
    expect(bash(logsCli.follow({ ...aws, endpointUrl: 'http://127.0.0.1:4510' }, 'LambdaCRUD'))).toBe(
      ['aws logs tail /aws/lambda/LambdaCRUD \\', '  --follow \\', '  --region us-east-1 \\', '  --endpoint-url http://127.0.0.1:4510'].join('\n'),
    );
  });
});

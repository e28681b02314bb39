// Teardown against the sandbox, over every step the lab has (STEPS): what the steps made is
// listed and deleted in the reverse of the lab's order; a failure leaves the rest deleted and
// a second run finishes; expired credentials stop the run; resources under the lab's names
// that this browser never recorded are found and deleted too, by the labbook tags the steps
// put on them or by the lab's names; nothing recorded is left.
import { CreateTableCommand, DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { describe, expect, test } from 'vitest';
import { STEPS } from '../../src/steps/catalogue.ts';
import { StepError } from '../../src/steps/errors.ts';
import { labbookTags } from '../../src/steps/labbook-tags.ts';
import type { AnyStep } from '../../src/steps/model.ts';
import { madeRecords, recordId, runStep, type MadeRecords } from '../../src/steps/runner.ts';
import { memoryStorage } from '../../src/steps/target-records.ts';
import { deletable, findLeftovers, forgetLeftover, removalOrder, tearDown, type ItemState } from '../../src/steps/teardown.ts';
import { tableStep } from '../../src/steps/task-8-1/table.ts';
import { TASK_8_1_TABLE } from '../../src/steps/task-8-1/names.ts';
import { functionStep } from '../../src/steps/task-8-1/function.ts';
import { httpApiStep } from '../../src/steps/task-8-1/http-api.ts';
import { flightFanoutStep, wsConnectStep } from '../../src/steps/task-8-2/functions.ts';
import { fanoutMappingStep, flightsStreamStep } from '../../src/steps/task-8-2/stream.ts';
import { connectionsTableStep } from '../../src/steps/task-8-2/table.ts';
import { wsApiStep } from '../../src/steps/task-8-2/websocket-api.ts';
import { onDemandTable } from './dynamodb-helpers.ts';
import { testSandbox, useSandbox } from './harness.ts';
import { stepContext, type TestStepContext } from './step-helpers.ts';

const sandbox = useSandbox();

/** Runs every step of the lab with its defaults, in the lab's order, as a student would. */
async function makeEverything(ctx: TestStepContext, records: MadeRecords): Promise<void> {
  for (const step of STEPS) await runStep(step, ctx, step.defaults(ctx), records);
}

/**
 * The record ids of what the steps find under the lab's names, in removal order. A step that
 * cannot look without an error answer (a function's permission) finds nothing: what it made
 * goes with the resource it belongs to.
 */
async function foundIds(ctx: TestStepContext): Promise<string[]> {
  const ids: string[] = [];
  for (const step of removalOrder()) {
    const inputs = step.defaults(ctx);
    if ((await step.find(ctx, inputs)) !== undefined) ids.push(recordId(step, step.nameOf(inputs)));
  }
  return ids;
}

/** True when no step finds anything under the lab's names. */
async function nothingUnderLabNames(ctx: TestStepContext): Promise<boolean> {
  for (const step of STEPS) if ((await step.find(ctx, step.defaults(ctx))) !== undefined) return false;
  return true;
}

function collect(): { events: Array<[string, ItemState['state']]>; report: (id: string, state: ItemState) => void } {
  const events: Array<[string, ItemState['state']]> = [];
  return { events, report: (id, state) => events.push([id, state.state]) };
}

describe('teardown', () => {
  test(
    'lists everything the steps made, with costs, and deletes it in the reverse of the lab’s order until nothing is left',
    { timeout: 120_000 },
    async () => {
      const ctx = stepContext(sandbox);
      const records = madeRecords(memoryStorage());
      await makeEverything(ctx, records);
      const expected = await foundIds(ctx);
      // Every kind the lab makes, at least the table and function of Task 8.1.
      expect(expected.length).toBeGreaterThanOrEqual(2);
      // Each table, function, API and stream carries its step's labbook tag.
      for (const step of STEPS.filter((s) => s.tagged)) {
        const listed = await step.tagged!.list(ctx);
        expect([step.id, listed.find((r) => r.name === step.nameOf(step.defaults(ctx)))?.tags]).toEqual([step.id, labbookTags(step.id)]);
      }

      const leftovers = await findLeftovers(ctx, records);
      expect(leftovers.map((leftover) => leftover.id)).toEqual(expected);
      expect(leftovers.filter((leftover) => !leftover.cost || leftover.cost.text.includes('pricing page'))).toEqual([]);
      expect(leftovers.every((leftover) => leftover.origin === 'made' && deletable(leftover))).toBe(true);
      expect(leftovers.find((leftover) => leftover.step === tableStep)?.cost?.text).toMatch(/GB-month/);
      expect(leftovers.find((leftover) => leftover.step === functionStep)?.cost?.text).toMatch(/nothing while idle/);

      const { events, report } = collect();
      const states = await tearDown(ctx, leftovers, records, report);
      const deletingOrder = events.filter(([, state]) => state === 'deleting').map(([id]) => id);
      expect(deletingOrder).toEqual(expected);
      // Whatever uses another resource goes first: the mapping before the stream it reads and the
      // function it invokes, each API before the functions it calls, functions before tables.
      const at = (step: AnyStep) => deletingOrder.indexOf(recordId(step, step.nameOf(step.defaults(ctx))));
      expect(at(fanoutMappingStep)).toBeLessThan(at(flightsStreamStep));
      expect(at(fanoutMappingStep)).toBeLessThan(at(flightFanoutStep));
      expect(at(wsApiStep)).toBeLessThan(at(wsConnectStep));
      expect(at(httpApiStep)).toBeLessThan(at(functionStep));
      expect(at(wsConnectStep)).toBeLessThan(at(connectionsTableStep));
      expect(at(functionStep)).toBeLessThan(at(tableStep));
      // The stream is the one that bills by the hour.
      expect(leftovers.filter((leftover) => leftover.cost?.hourly).map((leftover) => leftover.name)).toEqual(['ccbda-flights']);
      expect(leftovers.find((leftover) => leftover.step === flightsStreamStep)?.cost?.text).toContain('1 shard, about $0.36 a day');
      expect([...states.values()].map((state) => state.state)).toEqual(leftovers.map(() => 'gone'));

      expect(await findLeftovers(ctx, records)).toEqual([]);
      expect(records.all(ctx.targetKey)).toEqual({});
      expect(await nothingUnderLabNames(ctx)).toBe(true);
    },
  );

  test('a deletion that fails leaves the others deleted, and a second run deletes what is left', { timeout: 120_000 }, async () => {
    const ctx = stepContext(sandbox);
    const records = madeRecords(memoryStorage());
    await makeEverything(ctx, records);

    // The function refuses deletion once, as AWS does while a function is being updated.
    const refusing = STEPS.map((step) =>
      step === functionStep
        ? {
            ...step,
            remove: () =>
              Promise.reject(
                new StepError('ResourceConflictException', 'The operation cannot be performed at this time. An update is in progress for resource: LambdaCRUD'),
              ),
          }
        : step,
    );
    const first = await findLeftovers(ctx, records, refusing);
    const states = await tearDown(ctx, first, records);
    const functionId = recordId(functionStep, 'LambdaCRUD');
    expect(states.get(functionId)).toMatchObject({
      state: 'failed',
      failure: { code: 'ResourceConflictException', message: expect.stringContaining('An update is in progress') },
    });
    for (const [id, state] of states) if (id !== functionId) expect([id, state.state]).toEqual([id, 'gone']);
    expect(Object.keys(records.all(ctx.targetKey))).toEqual([functionId]);

    const second = await findLeftovers(ctx, records);
    expect(second.map((leftover) => leftover.id)).toEqual([functionId]);
    expect([...(await tearDown(ctx, second, records)).values()]).toEqual([{ state: 'gone' }]);
    expect(await findLeftovers(ctx, records)).toEqual([]);
    expect(records.all(ctx.targetKey)).toEqual({});
  });

  test('expired credentials stop the run: the rest are not tried, and nothing is forgotten', { timeout: 120_000 }, async () => {
    const ctx = stepContext(sandbox);
    const records = madeRecords(memoryStorage());
    await makeEverything(ctx, records);
    const leftovers = await findLeftovers(ctx, records);
    const recorded = Object.keys(records.all(ctx.targetKey)).sort();
    expect(recorded).toEqual(leftovers.map((leftover) => leftover.id).sort());

    const expired = stepContext(sandbox, { credentials: await sandbox.issueCredentials({ durationSeconds: 0 }) });
    const states = [...(await tearDown(expired, leftovers, records)).values()];
    expect(states[0]).toMatchObject({ state: 'failed', failure: { credentials: true } });
    expect(states.slice(1)).toEqual(leftovers.slice(1).map(() => ({ state: 'not-tried' })));
    expect(Object.keys(records.all(ctx.targetKey)).sort()).toEqual(recorded);

    await tearDown(ctx, await findLeftovers(ctx, records), records);
    expect(await nothingUnderLabNames(ctx)).toBe(true);
  });

  test('finds what exists under the lab’s names though this browser never made it, and tells the CLI’s from labbook’s', { timeout: 120_000 }, async () => {
    const ctx = stepContext(sandbox);
    // Made by the CLI (the table, untagged) and by another browser (the function, tagged): no record here.
    await sandbox.client(DynamoDBClient).send(onDemandTable(TASK_8_1_TABLE, 'thingID'));
    await runStep(functionStep, ctx, functionStep.defaults(ctx), madeRecords(memoryStorage()), { title: 'Deploy LambdaCRUD', page: '/lambda/' });

    const records = madeRecords(memoryStorage());
    const leftovers = await findLeftovers(ctx, records);
    expect(leftovers.map((leftover) => [leftover.name, leftover.origin, leftover.page])).toEqual([
      ['LambdaCRUD', 'tagged', '/lambda/'],
      [TASK_8_1_TABLE, 'untagged', undefined],
    ]);
    await tearDown(ctx, leftovers, records);
    expect(await nothingUnderLabNames(ctx)).toBe(true);
    expect(await findLeftovers(ctx, records)).toEqual([]);
  });

  test('a resource another browser made under a name of the student’s own is found by its labbook tags and deleted', async () => {
    const ctx = stepContext(sandbox);
    const elsewhere = madeRecords(memoryStorage());
    await runStep(tableStep, ctx, { ...tableStep.defaults(ctx), tableName: 'teardown-elsewhere' }, elsewhere, {
      title: 'Create the table',
      page: '/dynamodb/',
    });

    const records = madeRecords(memoryStorage());
    const [found] = await findLeftovers(ctx, records);
    expect(found).toMatchObject({ name: 'teardown-elsewhere', origin: 'tagged', page: '/dynamodb/', inputs: { tableName: 'teardown-elsewhere' } });
    await tearDown(ctx, [found], records);
    expect(await tableStep.find(ctx, found.inputs as never)).toBeUndefined();
  });

  test('a table still CREATING, whose tags AWS will not read yet, is left out; the rest are listed', async () => {
    const slow = await testSandbox({ timings: { profile: 'aws', scale: 0.05, seed: 3 } });
    try {
      const ctx = stepContext(slow);
      const dynamodb = slow.client(DynamoDBClient);
      const Tags = Object.entries(labbookTags(tableStep.id)).map(([Key, Value]) => ({ Key, Value }));
      const create = (tableName: string) => dynamodb.send(new CreateTableCommand({ ...onDemandTable(tableName, 'thingID').input, Tags }));
      await create('teardown-ready');
      await waitUntilTableExists({ client: dynamodb, maxWaitTime: 10, minDelay: 0.1 }, { TableName: 'teardown-ready' });
      await create('teardown-creating');
      const leftovers = await findLeftovers(ctx, madeRecords(memoryStorage()));
      expect(leftovers.map((leftover) => leftover.name)).toEqual(['teardown-ready']);
    } finally {
      await slow.close();
    }
  });

  test('a chapter tag that is not a path on this site is not offered as a link', async () => {
    const ctx = stepContext(sandbox);
    for (const [tableName, chapter] of [
      ['teardown-tag-other-host', '//elsewhere/'],
      ['teardown-tag-script', 'javascript:alert(1)'],
    ]) {
      const Tags = Object.entries(labbookTags(tableStep.id, chapter)).map(([Key, Value]) => ({ Key, Value }));
      await sandbox.client(DynamoDBClient).send(new CreateTableCommand({ ...onDemandTable(tableName, 'thingID').input, Tags }));
    }
    const records = madeRecords(memoryStorage());
    const leftovers = await findLeftovers(ctx, records, [tableStep]);
    expect(leftovers.map((leftover) => [leftover.name, leftover.origin, leftover.page])).toEqual([
      ['teardown-tag-other-host', 'tagged', undefined],
      ['teardown-tag-script', 'tagged', undefined],
    ]);
    await tearDown(ctx, leftovers, records);
  });

  test('a resource made under a name of the student’s own is found from its record and deleted', async () => {
    const ctx = stepContext(sandbox);
    const records = madeRecords(memoryStorage());
    await runStep(tableStep, ctx, { ...tableStep.defaults(ctx), tableName: 'teardown-own-things' }, records);

    const [own] = await findLeftovers(ctx, records);
    expect(own).toMatchObject({ name: 'teardown-own-things', origin: 'made', inputs: { tableName: 'teardown-own-things', partitionKey: 'thingID' } });
    await tearDown(ctx, [own], records);
    expect(await tableStep.find(ctx, own.inputs as never)).toBeUndefined();
    expect(records.all(ctx.targetKey)).toEqual({});
  });

  test('records of things no longer there are forgotten; a record of a step labbook no longer has can be forgotten', async () => {
    const ctx = stepContext(sandbox);
    const records = madeRecords(memoryStorage());
    const at = new Date().toISOString();
    records.set(ctx.targetKey, recordId(tableStep, 'teardown-deleted-by-hand'), {
      step: tableStep.id,
      name: 'teardown-deleted-by-hand',
      origin: 'created',
      state: 'ready',
      at,
    });
    records.set(ctx.targetKey, 'retired/step:Old', { step: 'retired/step', name: 'Old', origin: 'created', state: 'ready', at });

    const leftovers = await findLeftovers(ctx, records);
    expect(leftovers).toEqual([{ id: 'retired/step:Old', title: 'retired/step', name: 'Old', origin: 'made' }]);
    expect(Object.keys(records.all(ctx.targetKey))).toEqual(['retired/step:Old']);
    // Delete all leaves it alone (it cannot be looked up); Forget drops it.
    expect((await tearDown(ctx, leftovers, records)).size).toBe(0);
    forgetLeftover(ctx.targetKey, leftovers[0], records);
    expect(records.all(ctx.targetKey)).toEqual({});
  });

  test('a step that cannot look, or a recorded name it cannot read back, is listed with why, and the rest still are', async () => {
    const ctx = stepContext(sandbox);
    const records = madeRecords(memoryStorage());
    await runStep(tableStep, ctx, tableStep.defaults(ctx), records);
    const refused = {
      ...functionStep,
      find: () => Promise.reject(new StepError('AccessDeniedException', 'User is not authorized to perform: lambda:ListFunctions')),
    };
    const numbered = {
      ...tableStep,
      id: 'teardown/numbered',
      defaults: () => ({ ...tableStep.defaults(ctx), tableName: 'teardown-numbered' }),
      nameOf: (inputs: { tableName: string }) => `table #${inputs.tableName.length}`,
    };
    records.set(ctx.targetKey, recordId(numbered, 'table #7'), {
      step: numbered.id,
      name: 'table #7',
      origin: 'created',
      state: 'ready',
      at: new Date().toISOString(),
    });

    const leftovers = await findLeftovers(ctx, records, [tableStep, refused, numbered]);
    expect(leftovers.map((leftover) => [leftover.name, leftover.lookupFailure?.code, deletable(leftover)])).toEqual([
      ['table #7', undefined, false],
      ['LambdaCRUD', 'AccessDeniedException', true],
      [TASK_8_1_TABLE, undefined, true],
    ]);
    // Delete all still tries the one it could not look at (its remove looks its own way and
    // finds no such function here) and deletes the table; the unreadable record is left to Forget.
    const states = await tearDown(ctx, leftovers, records);
    expect(states.get(recordId(refused, 'LambdaCRUD'))).toEqual({ state: 'gone' });
    expect(states.get(recordId(tableStep, TASK_8_1_TABLE))).toEqual({ state: 'gone' });
    expect(states.has(recordId(numbered, 'table #7'))).toBe(false);
  });
});

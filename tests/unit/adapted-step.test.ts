// A step seen through other inputs: every call reaches the wrapped step with its own
// inputs, renamed fields and defaults carry the new names, and teardown can still read a
// recorded name back into the new inputs.
import { describe, expect, test } from 'vitest';
import { adaptedStep, renamedInputs } from '../../src/steps/adapted-step.ts';
import { inputsNamed } from '../../src/steps/inputs-by-name.ts';
import type { Place, Step, StepContext } from '../../src/steps/model.ts';
import { renderScript, type Script } from '../../src/steps/shells.ts';

const bash = (script: Script) => renderScript(script, 'bash');

interface Inner {
  functionName: string;
  streamName: string;
  batchSize: number;
}

const place: Place = { targetKey: 'sandbox:123456789012', account: '123456789012', region: 'us-east-1' };
const ctx = { ...place } as StepContext;

/** A step that reports which inputs each of its parts was given. */
function spyStep(withUpdate: boolean): { step: Step<Inner, string>; seen: Array<[string, Inner]> } {
  const seen: Array<[string, Inner]> = [];
  const note = (part: string, inputs: Inner) => seen.push([part, inputs]);
  const step: Step<Inner, string> = {
    id: 'test/mapping',
    title: 'A mapping',
    fields: [
      { name: 'functionName', label: 'Function', kind: 'text' },
      { name: 'streamName', label: 'Stream', kind: 'text' },
      { name: 'batchSize', label: 'Batch size', kind: 'number' },
    ],
    defaults: () => ({ functionName: 'FlightFanout', streamName: 'ccbda-flights', batchSize: 100 }),
    nameOf: (inputs) => `${inputs.functionName} ← ${inputs.streamName}`,
    find: async (_ctx, inputs) => (note('find', inputs), 'found'),
    create: async (_ctx, inputs) => void note('create', inputs),
    update: withUpdate ? async (_ctx, inputs) => (note('update', inputs), true) : undefined,
    waitReady: async (_ctx, inputs) => (note('waitReady', inputs), { name: 'made', summary: '' }),
    check: async (_ctx, inputs) => (note('check', inputs), []),
    remove: async (_ctx, inputs) => (note('remove', inputs), true),
    cli: (inputs) => [
      { kind: 'comment', text: `aws lambda create-event-source-mapping --function-name ${inputs.functionName} --batch-size ${inputs.batchSize}` },
    ],
  };
  return { step, seen };
}

describe('renamedInputs', () => {
  test('shows the renamed input under its new name and gives the step its own names back', async () => {
    const { step, seen } = spyStep(true);
    const renamed = renamedInputs(step, { functionName: 'fanoutFunction' });
    expect(renamed.fields.map((field) => field.name)).toEqual(['fanoutFunction', 'streamName', 'batchSize']);
    expect(renamed.defaults(place)).toEqual({ fanoutFunction: 'FlightFanout', streamName: 'ccbda-flights', batchSize: 100 });

    const outer = { fanoutFunction: 't82-Fanout', streamName: 't82-flights', batchSize: 10 };
    const inner = { functionName: 't82-Fanout', streamName: 't82-flights', batchSize: 10 };
    expect(renamed.nameOf(outer)).toBe('t82-Fanout ← t82-flights');
    expect(bash(renamed.cli(outer, place))).toBe('# aws lambda create-event-source-mapping --function-name t82-Fanout --batch-size 10');
    await renamed.find(ctx, outer);
    await renamed.create(ctx, outer);
    await renamed.update!(ctx, outer, 'found');
    await renamed.waitReady(ctx, outer);
    await renamed.check(ctx, outer);
    await renamed.remove(ctx, outer);
    expect(seen).toEqual(['find', 'create', 'update', 'waitReady', 'check', 'remove'].map((part) => [part, inner]));
  });

  test('keeps the id and title, and has no update where the step has none', () => {
    const renamed = renamedInputs(spyStep(false).step, { functionName: 'fanoutFunction' });
    expect([renamed.id, renamed.title, renamed.update]).toEqual(['test/mapping', 'A mapping', undefined]);
  });

  test('a recorded name reads back into the renamed inputs, as teardown needs', () => {
    const renamed = renamedInputs(spyStep(true).step, { functionName: 'fanoutFunction' });
    expect(inputsNamed(renamed, place, 't82-Fanout ← t82-flights')).toEqual({ fanoutFunction: 't82-Fanout', streamName: 't82-flights', batchSize: 100 });
  });
});

describe('adaptedStep', () => {
  test('maps other inputs onto the step’s own, e.g. a table name that becomes part of another input', async () => {
    const { step, seen } = spyStep(true);
    const adapted = adaptedStep<{ fanoutFunction: string; prefix: string }, Inner, string>(step, {
      fields: [{ name: 'fanoutFunction', label: 'Fan-out function', kind: 'text' }],
      defaults: () => ({ fanoutFunction: 'FlightFanout', prefix: 'ccbda' }),
      inner: (outer) => ({ functionName: outer.fanoutFunction, streamName: `${outer.prefix}-flights`, batchSize: 100 }),
    });
    await adapted.check(ctx, { fanoutFunction: 'F', prefix: 't82' });
    expect(seen).toEqual([['check', { functionName: 'F', streamName: 't82-flights', batchSize: 100 }]]);
    expect(adapted.nameOf(adapted.defaults(place))).toBe('FlightFanout ← ccbda-flights');
  });
});

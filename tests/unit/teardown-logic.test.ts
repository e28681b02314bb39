// Teardown's pure parts: what a resource costs if left on AWS (from the step's CLI and what
// AWS described), and turning a recorded name back into the inputs that find it.
import { describe, expect, test } from 'vitest';
import { STEPS } from '../../src/steps/catalogue.ts';
import { costOf, createCommandOf, isSandbox } from '../../src/steps/costs.ts';
import { inputsNamed } from '../../src/steps/inputs-by-name.ts';
import type { AnyStep, Place } from '../../src/steps/model.ts';
import { functionStep } from '../../src/steps/task-8-1/function.ts';
import { tableStep } from '../../src/steps/task-8-1/table.ts';
import { renderScript, type Script } from '../../src/steps/shells.ts';

const bash = (script: Script) => renderScript(script, 'bash');

const place: Place = { targetKey: 'aws:123456789012:us-east-1', account: '123456789012', region: 'us-east-1' };

/** A step that only has what costOf and inputsNamed read. */
function fakeStep(cli: string, defaults: Record<string, unknown> = {}, nameOf: (inputs: Record<string, string | number>) => string = () => 'x'): AnyStep {
  const never = () => Promise.reject(new Error('not used'));
  return {
    id: 'fake',
    title: 'Fake',
    fields: [],
    defaults: () => ({ ...defaults }),
    nameOf,
    find: never,
    create: never,
    waitReady: never,
    check: never,
    remove: never,
    cli: () => [{ kind: 'native', text: { bash: cli, powershell: cli, cmd: cli } }],
  };
}

describe('what a resource costs if left', () => {
  test('the create command is found past other lines', () => {
    expect(createCommandOf(bash(functionStep.cli(functionStep.defaults(place), place)))).toBe('lambda create-function');
    expect(createCommandOf(bash(tableStep.cli(tableStep.defaults(place), place)))).toBe('dynamodb create-table');
    expect(createCommandOf('API_ID=$(aws apigatewayv2 create-api \\\n  --name A)')).toBe('apigatewayv2 create-api');
    expect(createCommandOf('for R in a b; do aws apigatewayv2 create-route --route-key "$R"; done')).toBe('apigatewayv2 create-route');
    expect(createCommandOf('# aws lambda create-function in a comment\naws lambda list-functions')).toBeUndefined();
  });

  test('every step of the lab makes something teardown knows the cost of', () => {
    const unknown = STEPS.filter((step) => costOf(step, step.defaults(place), place, undefined).text.includes('pricing page'));
    expect(unknown.map((step) => [step.id, createCommandOf(bash(step.cli(step.defaults(place), place)))])).toEqual([]);
  });

  test('a provisioned stream bills per shard-hour, idle or not, with its day and month', () => {
    const stream = fakeStep('aws kinesis create-stream \\\n  --stream-name s');
    const cost = costOf(stream, {}, place, { StreamModeDetails: { StreamMode: 'PROVISIONED' }, OpenShardCount: 2 });
    expect(cost.hourly).toBe(true);
    expect(cost.text).toContain('$0.015 per shard-hour');
    expect(cost.text).toContain('2 shards, about $0.72 a day, $21.60 a month');
    expect(costOf(stream, {}, place, { StreamModeDetails: { StreamMode: 'ON_DEMAND' } }).text).toMatch(/per stream-hour even when idle/);
  });

  test('tables, functions and APIs cost nothing while idle but what they store', () => {
    const table = costOf(tableStep, tableStep.defaults(place), place, { BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' } });
    expect(table).toEqual({ hourly: false, text: expect.stringContaining('$0.25 per GB-month') });
    expect(costOf(tableStep, tableStep.defaults(place), place, { BillingModeSummary: { BillingMode: 'PROVISIONED' } }).hourly).toBe(true);
    expect(costOf(functionStep, functionStep.defaults(place), place, {}).text).toMatch(/nothing while idle.*log group/);
    const api = fakeStep('aws apigatewayv2 create-api --name A --protocol-type HTTP');
    expect(costOf(api, {}, place, {}).text).toMatch(/^HTTP API: nothing while idle; about \$1 per million requests/);
    expect(costOf(api, {}, place, { ProtocolType: 'WEBSOCKET' }).text).toMatch(/connection-minutes/);
    expect(costOf(fakeStep('aws apigatewayv2 create-route --api-id x'), {}, place, {}).text).toMatch(/^Part of its API/);
    expect(costOf(fakeStep('aws lambda create-event-source-mapping'), {}, place, {}).text).toMatch(/billed invocation/);
  });

  test('the sandbox is told apart by its target key', () => {
    expect(isSandbox({ targetKey: 'sandbox:000000000000' })).toBe(true);
    expect(isSandbox(place)).toBe(false);
  });
});

describe('a recorded name back into inputs', () => {
  test('a name that is one input', () => {
    expect(inputsNamed(tableStep, place, 'my-things')).toEqual({ ...tableStep.defaults(place), tableName: 'my-things' });
    expect(inputsNamed(functionStep, place, 'LambdaCRUD')).toEqual(functionStep.defaults(place));
  });

  test('a name made of two inputs and fixed words', () => {
    const mapping = fakeStep('', { functionName: 'FlightFanout', streamName: 'ccbda-flights', batchSize: 100 }, (i) => `${i.functionName} ← ${i.streamName}`);
    expect(inputsNamed(mapping, place, 'MyFanout ← my-flights')).toEqual({ functionName: 'MyFanout', streamName: 'my-flights', batchSize: 100 });
    expect(inputsNamed(mapping, place, 'no arrow here')).toBeUndefined();
  });

  test('a name the inputs cannot give back', () => {
    const hashed = fakeStep('', { apiName: 'CrudHttpAPI' }, (i) => `api-${String(i.apiName).length}`);
    expect(inputsNamed(hashed, place, 'api-3')).toBeUndefined();
  });
});

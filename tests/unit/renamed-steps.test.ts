// A browser that recorded Task 8.2's WebSocket steps under their old ids reads them under the
// new ones: the sequence shows them done and Clean-up knows them, and nothing else changes.
import { expect, test } from 'vitest';
import { STEPS } from '../../src/steps/catalogue.ts';
import { RENAMED_STEPS } from '../../src/steps/renamed-steps.ts';
import { madeRecords } from '../../src/steps/runner.ts';
import { memoryStorage } from '../../src/steps/target-records.ts';

const KEY = 'labbook:made:sandbox';
const record = (step: string, name: string) => ({ step, name, origin: 'made', state: 'ready', at: '2026-11-30T10:00:00.000Z' });

test('records of renamed steps are read under the new ids, the others as they were', () => {
  const storage = memoryStorage();
  storage.setItem(
    KEY,
    JSON.stringify({
      'task-8-2/connect-integration:FlightMapWsAPI → WsConnect': record('task-8-2/connect-integration', 'FlightMapWsAPI → WsConnect'),
      'task-8-2/ws-stage:FlightMapWsAPI/prod': record('task-8-2/ws-stage', 'FlightMapWsAPI/prod'),
      'task-8-2/ws-api:FlightMapWsAPI': record('task-8-2/ws-api', 'FlightMapWsAPI'),
    }),
  );
  const records = madeRecords(storage);
  expect(records.all('sandbox')).toEqual({
    'task-8-2/ws-api-connect-integration:FlightMapWsAPI → WsConnect': record('task-8-2/ws-api-connect-integration', 'FlightMapWsAPI → WsConnect'),
    'task-8-2/ws-api-stage:FlightMapWsAPI/prod': record('task-8-2/ws-api-stage', 'FlightMapWsAPI/prod'),
    'task-8-2/ws-api:FlightMapWsAPI': record('task-8-2/ws-api', 'FlightMapWsAPI'),
  });
  // The next change stores them under the new ids.
  records.set('sandbox', 'task-8-2/ws-api:FlightMapWsAPI', undefined);
  expect(Object.keys(JSON.parse(storage.getItem(KEY)!) as object)).toEqual([
    'task-8-2/ws-api-connect-integration:FlightMapWsAPI → WsConnect',
    'task-8-2/ws-api-stage:FlightMapWsAPI/prod',
  ]);
});

test('every renamed step is a step of the lab', () => {
  const ids = new Set(STEPS.map((step) => step.id));
  expect([...RENAMED_STEPS.values()].filter((id) => !ids.has(id))).toEqual([]);
  expect([...RENAMED_STEPS.keys()].filter((id) => ids.has(id))).toEqual([]);
});

test('records that are not JSON, or not records, are left to the store to ignore', () => {
  const storage = memoryStorage();
  storage.setItem(KEY, 'not json');
  expect(madeRecords(storage).all('sandbox')).toEqual({});
  storage.setItem(KEY, '[1, 2]');
  expect(madeRecords(storage).all('sandbox')).toEqual({});
});

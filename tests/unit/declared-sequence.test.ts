// A chapter's declared API runs as one <LabSequence>, as the lab's own APIs do: its steps in
// order under its title, sharing the names that every step takes.
import { expect, test } from 'vitest';
import { declaredSequence } from '../../src/steps/declared/declared-sequence.ts';
import { resourcesSchema } from '../../src/steps/declared/schema.ts';

const [http, ws, table] = resourcesSchema.parse([
  { kind: 'http-api', name: 'VisitsApi', function: 'ReadVisits', routes: ['GET /visits'] },
  { kind: 'websocket-api', name: 'ChatWs', routes: { $connect: 'Join', $default: 'Say' } },
  { kind: 'dynamodb-table', name: 'Visits', partitionKey: { name: 'page', type: 'S' } },
]);

test('an HTTP API is a sequence of its six steps, sharing its name, its function and its stage', () => {
  const sequence = declaredSequence({ stepId: 'examples/visits/VisitsApi', declaration: http })!;
  expect(sequence.id).toBe('examples/visits/VisitsApi');
  expect(sequence.title).toBe('Build the HTTP API VisitsApi');
  expect(sequence.steps.map((step) => step.id.replace('examples/visits/VisitsApi', ''))).toEqual([
    '',
    '-permission',
    '-integration',
    '-routes',
    '-stage',
    '-deployment',
  ]);
  expect(sequence.sharedNames.map(({ name }) => name)).toEqual(['apiName', 'functionName', 'stageName']);
});

test('a WebSocket API shares its name and stage, not a function: each route has its own', () => {
  const sequence = declaredSequence({ stepId: 'examples/chat/ChatWs', declaration: ws })!;
  expect(sequence.title).toBe('Build the WebSocket API ChatWs');
  expect(sequence.steps).toHaveLength(1 + 2 * 3 + 2);
  expect(sequence.sharedNames.map(({ name }) => name)).toEqual(['apiName', 'stageName']);
});

test('a resource of one step is no sequence', () => {
  expect(declaredSequence({ stepId: 'examples/visits/Visits', declaration: table })).toBeUndefined();
});

// A chapter's `resources:` frontmatter: what the schema accepts and fills in, and its answer
// to each mistake, as Astro prints it (`path: message`) when the content is loaded.
import { describe, expect, test } from 'vitest';
import { declaredHttpApiSteps, declaredSteps } from '../../src/steps/declared/declared-step.ts';
import { resourcesSchema, type ResourceDeclaration } from '../../src/steps/declared/schema.ts';

const table = { kind: 'dynamodb-table', name: 'VisitorCounts', partitionKey: { name: 'page', type: 'S' }, sortKey: { name: 'day', type: 'S' } };
const fn = { kind: 'lambda-function', name: 'RecordVisit', code: 'record_visit.py', handler: 'record_visit.handler' };
const api = { kind: 'http-api', name: 'VisitorApi', function: 'RecordVisit', routes: ['GET /visits', 'POST /visits'] };

const problems = (resources: unknown) => {
  const result = resourcesSchema.safeParse(resources);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('the resources schema', () => {
  test('accepts a table with a sort key, a function and an HTTP API, filling in their defaults', () => {
    expect(resourcesSchema.parse([table, fn, api])).toEqual([
      table,
      { ...fn, runtime: 'python3.13', timeout: 3, memory: 128, environment: {} },
      { ...api, stage: 'prod' },
    ]);
  });

  test('names the field of each mistake', () => {
    expect(problems([{ ...table, partitionKey: { name: 'page', type: 'string' } }])).toEqual([expect.stringMatching(/^0\.partitionKey\.type: /)]);
    expect(problems([{ ...table, billing: 'PROVISIONED' }])).toEqual([expect.stringMatching(/^0: Unrecognized key: "billing"/)]);
    expect(problems([{ ...table, kind: 'sql-table' }])).toEqual([expect.stringMatching(/^0\.kind: /)]);
    expect(problems([{ ...table, name: 'ab' }])).toEqual(['0.name: A table name is 3 to 255 letters, digits, _ . or -.']);
    expect(problems([{ ...fn, runtime: 'python2.7' }])).toEqual([expect.stringMatching(/^0\.runtime: /)]);
    expect(problems([{ ...fn, code: 'record_visit.rb' }])).toEqual([
      '0.code: The code is a .py, .mjs, .js or .cjs file, by its path from the chapter, e.g. counter.py or ../lambda/counter.py.',
    ]);
    expect(problems([{ ...fn, code: '/etc/record_visit.py' }])).toEqual([expect.stringMatching(/^0\.code: /)]);
    expect(problems([{ ...table, step: 'Table One' }])).toEqual(['0.step: A step is lowercase letters, digits and -, e.g. table.']);
    expect(problems([{ ...api, statementId: 'a b' }])).toEqual(['0.statementId: A statement id is 1 to 100 letters, digits, _ or -.']);
    expect(problems([{ ...fn, timeout: 901 }])).toEqual([expect.stringMatching(/^0\.timeout: /)]);
    expect(problems([{ ...api, routes: ['/visits'] }])).toEqual(['0.routes.0: A route is a method and a path, e.g. GET /visits.']);
    expect(problems([{ ...api, routes: [] }])).toEqual([expect.stringMatching(/^0\.routes: /)]);
  });

  test('takes a Node.js function, and refuses its code on a Python runtime', () => {
    const node = { ...fn, code: 'record_visit.mjs', runtime: 'nodejs22.x' };
    expect(problems([node])).toEqual([]);
    expect(problems([{ ...node, runtime: undefined }])).toEqual([
      '0.runtime: record_visit.mjs is not code for python3.13: a .py file runs on python3.x, a .mjs, .js or .cjs file on nodejs (e.g. runtime: nodejs22.x).',
    ]);
  });

  test('refuses a handler that names another file, and two resources of one name', () => {
    expect(problems([{ ...fn, handler: 'counter.handler' }])).toEqual([
      '0.handler: A function’s handler names its code file: code record_visit.py goes with a handler record_visit.<function>.',
    ]);
    const twice = [': Each resource of a chapter needs a name (or step) of its own: the step id is the chapter’s slug and the step or name.'];
    expect(problems([table, { ...fn, name: 'VisitorCounts' }])).toEqual(twice);
    expect(
      problems([
        { ...table, step: 'one' },
        { ...fn, step: 'one' },
      ]),
    ).toEqual(twice);
  });

  test('takes code from a folder beside the chapter or above it, the handler naming the file alone', () => {
    expect(problems([{ ...fn, code: '../lambda/crud/lambda_crud.py', handler: 'lambda_crud.lambda_handler' }])).toEqual([]);
    expect(problems([{ ...fn, code: 'functions/record_visit.py', handler: 'functions.handler' }])).toEqual([
      '0.handler: A function’s handler names its code file: code functions/record_visit.py goes with a handler record_visit.<function>.',
    ]);
  });
});

describe('the resources schema for WebSocket APIs, streams and mappings', () => {
  const ws = { kind: 'websocket-api', name: 'ChatWs', routes: { $connect: 'Join', $default: 'Say' } };
  const stream = { kind: 'kinesis-stream', name: 'clicks' };
  const mapping = { kind: 'event-source-mapping', name: 'clicks-to-count', stream: 'clicks', function: 'Count' };

  test('accepts them, filling in their defaults', () => {
    expect(resourcesSchema.parse([ws, stream, mapping])).toEqual([
      { ...ws, routeSelection: '$request.body.action', stage: 'prod' },
      { ...stream, shards: 1 },
      { ...mapping, batchSize: 100, startingPosition: 'LATEST' },
    ]);
  });

  test('names the field of each mistake', () => {
    expect(problems([{ ...ws, routes: { 'send message': 'Say' } }])).toEqual([
      '0.routes.send message: A route key is $connect, $disconnect, $default or a word of your own, e.g. sendmessage.',
    ]);
    expect(problems([{ ...ws, routes: { $default: 'Say it' } }])).toEqual(['0.routes.$default: A function name is 1 to 64 letters, digits, _ or -.']);
    expect(problems([{ ...ws, routes: {} }])).toEqual(['0.routes: A WebSocket API needs at least one route, e.g. $default: MyFunction.']);
    expect(problems([{ ...ws, routes: { default: 'Say' } }])).toEqual([
      '0.routes.default: A route key of your own cannot be connect, disconnect or default: the steps of $connect, $disconnect and $default have those names.',
    ]);
    expect(problems([{ ...ws, routeSelection: '$request.header.action' }])).toEqual([
      '0.routeSelection: A route selection expression here is $request.body.<field>, e.g. $request.body.action.',
    ]);
    expect(problems([{ ...stream, name: 'clicks/all' }])).toEqual(['0.name: A stream name is 1 to 128 letters, digits, _ . or -.']);
    expect(problems([{ ...stream, shards: 0 }])).toEqual([expect.stringMatching(/^0\.shards: /)]);
    expect(problems([{ ...mapping, batchSize: 10_001 }])).toEqual([expect.stringMatching(/^0\.batchSize: /)]);
    expect(problems([{ ...mapping, startingPosition: 'AT_TIMESTAMP' }])).toEqual([expect.stringMatching(/^0\.startingPosition: /)]);
    expect(problems([{ ...mapping, function: '' }])).toEqual(['0.function: A function name is 1 to 64 letters, digits, _ or -.']);
  });

  test('names a WebSocket API’s steps after the API’s and each route’s key', () => {
    const declared = resourcesSchema.parse([ws])[0] as Extract<ResourceDeclaration, { kind: 'websocket-api' }>;
    const steps = declaredSteps({ stepId: 'examples/chat/ChatWs', declaration: declared });
    expect(steps.map((step) => step.id)).toEqual([
      'examples/chat/ChatWs',
      'examples/chat/ChatWs-connect-integration',
      'examples/chat/ChatWs-connect-route',
      'examples/chat/ChatWs-connect-permission',
      'examples/chat/ChatWs-default-integration',
      'examples/chat/ChatWs-default-route',
      'examples/chat/ChatWs-default-permission',
      'examples/chat/ChatWs-stage',
      'examples/chat/ChatWs-deployment',
    ]);
    const place = { targetKey: 'sandbox', account: '123456789012', region: 'us-east-1' };
    expect(steps[3].defaults(place)).toMatchObject({ functionName: 'Join', statementId: 'ChatWs', routePattern: '*/$connect' });
  });
});

describe('a declared HTTP API’s permission', () => {
  const place = { targetKey: 'sandbox', account: '123456789012', region: 'us-east-1' };
  const permission = (routes: string[], statementId?: string) => {
    const declared = resourcesSchema.parse([{ ...api, routes, statementId }])[0] as Extract<ResourceDeclaration, { kind: 'http-api' }>;
    const { routePattern, statementId: sid } = declaredHttpApiSteps('examples/visits/VisitorApi', declared)[1].defaults(place);
    return { routePattern, statementId: sid };
  };

  test('lets the API invoke from the one path its routes share, any stage and method, under the API’s name', () => {
    expect(permission(['GET /visits', 'POST /visits'])).toEqual({ routePattern: '*/*/visits', statementId: 'VisitorApi' });
    expect(permission(['GET /', 'DELETE /'], 'crud-http-api')).toEqual({ routePattern: '*/*/', statementId: 'crud-http-api' });
  });

  test('lets it invoke from anywhere in the API when the paths differ or have parameters', () => {
    expect(permission(['GET /visits', 'GET /pages']).routePattern).toBe('*');
    expect(permission(['GET /visits/{page}']).routePattern).toBe('*');
  });

  test('names its steps after the API’s', () => {
    const declared = resourcesSchema.parse([api])[0] as Extract<ResourceDeclaration, { kind: 'http-api' }>;
    const parts = declaredHttpApiSteps('examples/visits/VisitorApi', declared).map((step) => step.id.replace('examples/visits/VisitorApi', ''));
    expect(parts).toEqual(['', '-permission', '-integration', '-routes', '-stage', '-deployment']);
  });
});

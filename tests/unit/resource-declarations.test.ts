// A chapter's `resources:` frontmatter: what the schema accepts and fills in, and its answer
// to each mistake, as Astro prints it (`path: message`) when the content is loaded.
import { describe, expect, test } from 'vitest';
import { resourcesSchema } from '../../src/steps/declared/schema.ts';

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
    expect(problems([{ ...fn, code: 'record_visit.rb' }])).toEqual(['0.code: The code is a .py, .mjs, .js or .cjs file beside the chapter, e.g. counter.py.']);
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
    expect(problems([table, { ...fn, name: 'VisitorCounts' }])).toEqual([
      ': Each resource of a chapter needs a name of its own: the step id is the chapter’s slug and the name.',
    ]);
  });
});

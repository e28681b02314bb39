// A chapter's `resources:` frontmatter: the cloud resources the chapter makes, declared as
// data. Each becomes a step (`<LabStep step="<chapter slug>/<name>" />`, an API several) with
// its CLI text, its check, its labbook tags and its place in teardown (declared-step.ts).
// Checked when the content is loaded, so a wrong field stops `astro build` with the file and
// the field; the code file is checked to exist when the site is built (declared-resources.ts). The
// descriptions are the instructors' documentation (the props tables on content/instructors.mdx).
// Limits are AWS's, from botocore's models: dynamodb 2012-08-10 (TableName 3–255 of
// [a-zA-Z0-9_.-], ScalarAttributeType S|N|B), lambda 2015-03-31 (FunctionName, Handler
// [^\s]+ up to 128, Timeout ≥ 1, MemorySize 128–32768, EnvironmentVariableName, Runtime,
// StatementId, BatchSize 1–10000, EventSourcePosition), kinesis 2013-12-02 (StreamName 1–128
// of [a-zA-Z0-9_.-], ShardCount ≥ 1) and apigatewayv2 (which types API and stage names,
// route keys and selection expressions as plain strings).
import { z } from 'astro/zod';
import { NODE_RUNTIMES, PYTHON_RUNTIMES } from '../resources/lambda-runtimes.ts';

const keyAttribute = z
  .strictObject({
    name: z.string().min(1).max(255).describe('The attribute’s name, e.g. `page`.'),
    type: z.enum(['S', 'N', 'B']).describe('Its type: `S` string, `N` number, `B` binary.'),
  })
  .describe('A key attribute: `{ name, type }`.');

/** The step id's last part, when it is not the resource's name. */
const stepField = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'A step is lowercase letters, digits and -, e.g. table.')
  .optional()
  .describe('The step’s id after the chapter’s slug, when it is not the name (the lab’s chapters keep the ids students’ progress is stored under).');

/** The step card's title, and what it is when left out. */
const titleField = (otherwise: string) => z.string().min(1).optional().describe(`The step card’s title; ${otherwise} if left out.`);

export const tableDeclaration = z.strictObject({
  kind: z.literal('dynamodb-table').describe('`dynamodb-table`: a DynamoDB table, billed on demand.'),
  name: z
    .string()
    .regex(/^[a-zA-Z0-9_.-]{3,255}$/, 'A table name is 3 to 255 letters, digits, _ . or -.')
    .describe('The table’s name; the step’s id is `<chapter slug>/<name>`.'),
  step: stepField,
  title: titleField('`Create the table <name>`'),
  partitionKey: keyAttribute.describe('The partition key: `{ name, type }`.'),
  sortKey: keyAttribute.optional().describe('The sort key, if the table has one: `{ name, type }`.'),
});

/** The module a handler names for a code file: its file name without the folders and the extension. */
const moduleOf = (code: string) => code.slice(code.lastIndexOf('/') + 1, code.lastIndexOf('.'));

export const functionDeclaration = z
  .strictObject({
    kind: z.literal('lambda-function').describe('`lambda-function`: a Lambda function from one source file, run as LabRole.'),
    name: z
      .string()
      .regex(/^[a-zA-Z0-9_-]{1,64}$/, 'A function name is 1 to 64 letters, digits, _ or -.')
      .describe('The function’s name; the step’s id is `<chapter slug>/<name>`.'),
    step: stepField,
    title: titleField('`Deploy the function <name>`'),
    runtime: z
      .enum([...PYTHON_RUNTIMES, ...NODE_RUNTIMES])
      .default('python3.13')
      .describe('The runtime: Python for a .py file, Node.js for a .mjs, .js or .cjs one.'),
    code: z
      .string()
      .regex(
        /^(\.\.\/)*([\w-]+\/)*[\w-]+\.(py|mjs|js|cjs)$/,
        'The code is a .py, .mjs, .js or .cjs file, by its path from the chapter, e.g. counter.py or ../lambda/counter.py.',
      )
      .describe('The source file, by its path from the chapter (e.g. `counter.py` beside it); the build reads it and fails if it is missing.'),
    handler: z
      .string()
      .regex(/^[\w-]+\.[\w]+$/, 'A handler is the file’s name without its extension, a dot and the function’s name, e.g. counter.handler.')
      .describe('`<file without its extension>.<function>`, e.g. `counter.handler`: it must name the code file.'),
    timeout: z.number().int().min(1).max(900).default(3).describe('Seconds, 1 to 900 (Lambda’s limit).'),
    memory: z.number().int().min(128).max(32768).default(128).describe('MB, 128 to 32768.'),
    environment: z
      .record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]+$/, 'An environment variable’s name is a letter then letters, digits or _.'), z.string())
      .default({})
      .describe('Environment variables, name to value.'),
  })
  .refine((declared) => declared.handler.split('.')[0] === moduleOf(declared.code), {
    path: ['handler'],
    error: (issue) => {
      const { code } = issue.input as { code: string };
      return `A function’s handler names its code file: code ${code} goes with a handler ${moduleOf(code)}.<function>.`;
    },
  })
  .refine((declared) => declared.code.endsWith('.py') === declared.runtime.startsWith('python'), {
    path: ['runtime'],
    // Only once the fields themselves are right: a wrong code file is reported as that alone.
    when: (payload) => payload.issues.length === 0,
    error: (issue) => {
      const { code, runtime } = issue.input as { code: string; runtime: string };
      return `${code} is not code for ${runtime}: a .py file runs on python3.x, a .mjs, .js or .cjs file on nodejs (e.g. runtime: nodejs22.x).`;
    },
  });

/** Lambda's FunctionName as a declaration names a function (the function's own field). */
const functionName = z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'A function name is 1 to 64 letters, digits, _ or -.');

/** A Kinesis StreamName: 1 to 128 of [a-zA-Z0-9_.-]. */
const streamName = z.string().regex(/^[a-zA-Z0-9_.-]{1,128}$/, 'A stream name is 1 to 128 letters, digits, _ . or -.');

// An API's name is also its permissions' statement id unless one is given: Lambda's StatementId is 1 to 100 of [a-zA-Z0-9-_].
const apiName = z.string().regex(/^[a-zA-Z0-9_-]{1,100}$/, 'An API name here is 1 to 100 letters, digits, _ or -: it is also its permissions’ statement id.');
const statementId = z
  .string()
  .regex(/^[a-zA-Z0-9_-]{1,100}$/, 'A statement id is 1 to 100 letters, digits, _ or -.')
  .optional();
const stageName = z
  .string()
  .regex(/^[\w-]{1,128}$/, 'A stage name is 1 to 128 letters, digits, _ or -.')
  .default('prod');

export const httpApiDeclaration = z.strictObject({
  kind: z
    .literal('http-api')
    .describe(
      '`http-api`: an HTTP API whose routes all invoke one function, as six steps: the API `<slug>/<name>`, then `<slug>/<name>-permission`, `-integration`, `-routes`, `-stage` and `-deployment`.',
    ),
  name: apiName.describe('The API’s name, and the statement id of the permission that lets it invoke the function unless `statementId` says otherwise.'),
  step: stepField,
  statementId: statementId.describe('The statement id of the permission in the function’s policy; the API’s name if left out.'),
  function: functionName.describe('The function every route invokes (payload format 2.0); the API may invoke it and nothing else may, through it.'),
  routes: z
    .array(z.string().regex(/^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY) \/\S*$/, 'A route is a method and a path, e.g. GET /visits.'))
    .min(1)
    .describe('Its routes, each a method and a path, e.g. `GET /visits`.'),
  stage: stageName.describe('The stage it is deployed to: its invoke URL ends in `/<stage>/`.'),
});

export const webSocketApiDeclaration = z.strictObject({
  kind: z
    .literal('websocket-api')
    .describe(
      '`websocket-api`: a WebSocket API whose routes each invoke a function: the API `<slug>/<name>`, then for each route `<slug>/<name>-<route>-integration`, `-route` and `-permission` (`<route>` is the route key without its `$`), then `<slug>/<name>-stage` and `-deployment`.',
    ),
  name: apiName.describe('The API’s name, and the statement id of the permissions that let it invoke its functions unless `statementId` says otherwise.'),
  step: stepField,
  statementId: statementId.describe('The statement id of the permission in each function’s policy; the API’s name if left out.'),
  routeSelection: z
    .string()
    .regex(/^\$request\.body\.[\w.]+$/, 'A route selection expression here is $request.body.<field>, e.g. $request.body.action.')
    .default('$request.body.action')
    .describe('Where in a message its route key is: `$request.body.<field>` of a JSON message.'),
  routes: z
    .record(z.string(), functionName)
    .refine((routes) => Object.keys(routes).length > 0, { error: 'A WebSocket API needs at least one route, e.g. $default: MyFunction.' })
    // Checked here rather than as the record's key schema, whose own message would be zod's "Invalid key in record".
    .superRefine((routes, ctx) => {
      for (const key of Object.keys(routes)) {
        if (!/^(\$connect|\$disconnect|\$default|[\w-]{1,64})$/.test(key))
          ctx.addIssue({ code: 'custom', path: [key], message: 'A route key is $connect, $disconnect, $default or a word of your own, e.g. sendmessage.' });
        // A route's steps are named after its key without the `$`: `default` would be `$default`'s.
        else if (['connect', 'disconnect', 'default'].includes(key))
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: 'A route key of your own cannot be connect, disconnect or default: the steps of $connect, $disconnect and $default have those names.',
          });
      }
    })
    .describe('Each route key (`$connect`, `$disconnect`, `$default` or one of your own) and the function it invokes, e.g. `{ $default: Echo }`.'),
  stage: stageName.describe('The stage it is deployed to: clients connect to `wss://…/<stage>`.'),
});

export const streamDeclaration = z.strictObject({
  kind: z.literal('kinesis-stream').describe('`kinesis-stream`: a provisioned Kinesis data stream, billed per shard-hour.'),
  name: streamName.describe('The stream’s name; the step’s id is `<chapter slug>/<name>`.'),
  step: stepField,
  title: titleField('`Create the stream <name>`'),
  shards: z.number().int().min(1).default(1).describe('Its shards: each takes 1 MB or 1,000 records a second in.'),
});

export const eventSourceMappingDeclaration = z.strictObject({
  kind: z.literal('event-source-mapping').describe('`event-source-mapping`: Lambda reads a Kinesis stream and invokes a function with each batch of records.'),
  name: z
    .string()
    .regex(/^[a-zA-Z0-9_-]{1,100}$/, 'A mapping’s name is 1 to 100 letters, digits, _ or -.')
    .describe('A name for the mapping in this chapter (AWS gives a mapping an id, not a name); the step’s id is `<chapter slug>/<name>`.'),
  step: stepField,
  title: titleField('`Connect <stream> to <function>`'),
  stream: streamName.describe('The Kinesis stream it reads.'),
  function: functionName.describe('The function it invokes with each batch.'),
  batchSize: z.number().int().min(1).max(10_000).default(100).describe('Records per invocation, at most: 1 to 10,000 for Kinesis.'),
  startingPosition: z
    .enum(['LATEST', 'TRIM_HORIZON'])
    .default('LATEST')
    .describe('Where a new mapping starts: `LATEST`, records written from then on, or `TRIM_HORIZON`, the oldest the stream keeps.'),
});

export const resourceDeclaration = z.discriminatedUnion('kind', [
  tableDeclaration,
  functionDeclaration,
  httpApiDeclaration,
  webSocketApiDeclaration,
  streamDeclaration,
  eventSourceMappingDeclaration,
]);

export const resourcesSchema = z
  .array(resourceDeclaration)
  .min(1)
  .refine((resources) => new Set(resources.map((resource) => resource.step ?? resource.name)).size === resources.length, {
    error: 'Each resource of a chapter needs a name (or step) of its own: the step id is the chapter’s slug and the step or name.',
  })
  .describe('The chapter’s cloud resources, in the order the chapter makes them; Clean-up removes them in reverse.');

export type ResourceDeclaration = z.infer<typeof resourceDeclaration>;

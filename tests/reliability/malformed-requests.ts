// A seeded generator of malformed requests across the sandbox's services. The
// same seed gives the same requests, so a failure reproduces with
// RELIABILITY_SEED=<seed>. Each request is signed properly unless the fault is
// the signature, so it gets past the front door and reaches the operation.
import type { IssuedCredentials } from '../../src/sandbox/index.ts';
import { ask, frame, signed, upgrade, upgradeHead, type HttpAnswer, type HttpAsk, type UpgradeOutcome } from './wire.ts';

/** What a correct answer looks like: the error shape of the protocol the request spoke. */
export type Shape = 'aws-json' | 'rest-json' | 'query' | 'api-gateway' | 'websocket-close';

export type Outcome = { kind: 'http'; answer: HttpAnswer } | UpgradeOutcome;

export interface MalformedCase {
  id: number;
  service: string;
  fault: string;
  shape: Shape;
  send(): Promise<Outcome>;
}

/** What the generated requests aim at, made beforehand in the sandbox. */
export interface Targets {
  url: string;
  accountId: string;
  credentials: IssuedCredentials;
  /** Issued with a lifetime of 0: the sandbox knows them, and they have run out. */
  expiredCredentials: IssuedCredentials;
  table: string;
  functionName: string;
  stream: string;
  logGroup: string;
  logStream: string;
  httpApi: { apiId: string; stage: string; integrationId: string };
  webSocketApi: { apiId: string; stage: string };
}

/** mulberry32: small, fast and good enough to pick faults. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (below: number) => Math.floor(next() * below);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const text = (length: number) => Array.from({ length }, () => pick([...'abcdefghijklmnopqrstuvwxyz0123456789'])).join('');
  const bytes = (length: number) => Buffer.from(Array.from({ length }, () => int(256)));
  return { next, int, pick, text, bytes };
}
export type Random = ReturnType<typeof seededRandom>;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// ---- turning a valid body into a broken one ----

/** Text that is not JSON: cut short, garbage, or bytes that are not UTF-8. */
function brokenJson(random: Random, valid: string): Buffer {
  switch (random.int(6)) {
    case 0:
      return Buffer.from(valid.slice(0, 1 + random.int(Math.max(1, valid.length - 2))));
    case 1:
      return Buffer.from(valid.replace(/"/, ''));
    case 2:
      return Buffer.from(`${valid},`);
    case 3:
      return Buffer.concat([Buffer.from('{"'), random.bytes(8 + random.int(64)).map((b) => b | 0x80)]);
    case 4:
      return Buffer.from(random.pick(['{', '[', '{"a":}', '{a:1}', "{'a':1}", 'nul', '"unterminated', '{"a":1}}', '\u0000']));
    default:
      return Buffer.from(`${valid.slice(0, -1)},"x":tru}`);
  }
}

/** A value of another JSON type than `value` (null aside, which AWS reads as absent). */
function wrongTypeFor(random: Random, value: Json): Json {
  if (typeof value === 'string') return random.pick<Json>([42, true, {}, [], [value], { S: value }]);
  if (typeof value === 'number') return random.pick<Json>(['forty-two', true, {}, [value]]);
  if (typeof value === 'boolean') return random.pick<Json>(['yes', 1, {}, []]);
  if (Array.isArray(value)) return random.pick<Json>(['list', 7, { item: value[0] ?? 1 }, false]);
  return random.pick<Json>(['object', 7, [], true]);
}

/** Every path to a member of the body: top-level members, and members inside objects and lists. */
function memberPaths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, Json][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...memberPaths(child, [...prefix, key])]);
}

/** A deep copy of `body` with the member at `path` replaced (or removed when `replacement` is undefined). */
function changed(body: Json, path: (string | number)[], replacement: Json | undefined): Json {
  const copy = structuredClone(body) as Record<string | number, Json>;
  let parent: Record<string | number, Json> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  const last = path[path.length - 1];
  if (replacement === undefined) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

function withWrongType(random: Random, body: Json): { body: Json; member: string } {
  const path = random.pick(memberPaths(body));
  let original: Json = body;
  for (const key of path) original = (original as Record<string | number, Json>)[key];
  return { body: changed(body, path, wrongTypeFor(random, original)), member: path.join('.') };
}

// ---- faults every signed service shares ----

export interface SignedCall {
  service: string;
  /** The SigV4 service name. */
  signingName: string;
  /** The service's real AWS host: used for some requests, and for every unsigned one (else nothing says which service). */
  awsHost: string;
  method: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** What of the call its signature covers, under the signer's names. */
const signedParts = (call: SignedCall) => ({
  service: call.signingName,
  method: call.method,
  path: call.path,
  query: call.query,
  headers: call.headers,
  body: call.body,
});

const BAD_SIGNATURES = [
  'tampered-signature',
  'wrong-secret',
  'unknown-access-key',
  'expired-token',
  'no-authorization',
  'malformed-authorization',
  'clock-skew',
  'body-changed-after-signing',
  'missing-session-token',
] as const;

/**
 * Sends the call signed with the test's credentials, to the sandbox's host or
 * (as the relay and a custom Host do) the service's real one.
 */
function sendSigned(random: Random, targets: Targets, call: SignedCall): () => Promise<Outcome> {
  const useAwsHost = random.next() < 0.3;
  return () =>
    http(
      signed(targets.url, { ...signedParts(call), host: useAwsHost ? call.awsHost : undefined, credentials: targets.credentials }).then((request) =>
        ask(targets.url, request),
      ),
    );
}

/** The call with one thing wrong in its signature (chosen now, so the seed decides); the rest is a valid request. */
function sendBadlySigned(random: Random, targets: Targets, call: SignedCall): { fault: string; send: () => Promise<Outcome> } {
  const fault = random.pick(BAD_SIGNATURES);
  const { credentials } = targets;
  const otherKey = `ASIA${random.text(16).toUpperCase()}`;
  const garbage = random.pick(['AWS4-HMAC-SHA256', 'AWS4-HMAC-SHA256 Credential=', 'Bearer abc', 'AWS4-HMAC-SHA256 Signature=00', random.text(30)]);
  const skewMs = (random.next() < 0.5 ? -1 : 1) * (6 + random.int(60)) * 60_000;
  const sign = (overrides: Partial<IssuedCredentials> = {}, signingDate?: Date) =>
    signed(targets.url, { ...signedParts(call), host: call.awsHost, credentials: { ...credentials, ...overrides }, signingDate });
  const badRequest = async (): Promise<HttpAsk> => {
    switch (fault) {
      case 'tampered-signature': {
        const request = await sign();
        request.headers.authorization = request.headers.authorization.replace(/Signature=(\w)/, (_m, c) => `Signature=${c === 'a' ? 'b' : 'a'}`);
        return request;
      }
      case 'wrong-secret':
        return sign({ secretAccessKey: credentials.secretAccessKey.split('').reverse().join('') });
      case 'unknown-access-key':
        return sign({ accessKeyId: otherKey });
      case 'expired-token':
        return sign(targets.expiredCredentials);
      case 'no-authorization': {
        const request = await sign();
        delete request.headers.authorization;
        return request;
      }
      case 'malformed-authorization': {
        const request = await sign();
        request.headers.authorization = garbage;
        return request;
      }
      case 'clock-skew':
        return sign({}, new Date(Date.now() + skewMs));
      case 'body-changed-after-signing': {
        const request = await sign();
        request.body = Buffer.concat([Buffer.from(request.body ?? ''), Buffer.from(' ')]);
        return request;
      }
      case 'missing-session-token': {
        const request = await sign();
        delete request.headers['x-amz-security-token'];
        return request;
      }
    }
  };
  return { fault, send: () => http(badRequest().then((request) => ask(targets.url, request))) };
}

/** A body over the service's limit, shared by every huge-body case (made once: it is big). */
let hugeBody: Buffer | undefined;
function bodyOver(limit: number): Buffer {
  if (!hugeBody || hugeBody.length <= limit) hugeBody = Buffer.alloc(limit + 64 * 1024, '{"a":"'.charCodeAt(0));
  return hugeBody.subarray(0, limit + 1024);
}

// ---- the services ----

interface JsonOperation {
  /** A valid request body. */
  body: Json;
  /** Members whose absence AWS refuses. */
  required: string[];
}

type Generator = (random: Random, targets: Targets) => { fault: string; shape: Shape; send(): Promise<Outcome> };

const http = async (answer: Promise<HttpAnswer>): Promise<Outcome> => ({ kind: 'http', answer: await answer });

const SIGNATURE_SHARE = 0.15;
const HUGE_SHARE = 0.015;

/** awsJson services (DynamoDB, Kinesis, Logs): POST / with X-Amz-Target. */
function awsJsonService(
  service: string,
  signingName: string,
  targetPrefix: string,
  version: '1.0' | '1.1',
  operations: (targets: Targets) => Record<string, JsonOperation>,
): Generator {
  return (random, targets) => {
    const ops = operations(targets);
    const name = random.pick(Object.keys(ops));
    const op = ops[name];
    const call = (target: string, body: string | Buffer): SignedCall => ({
      service,
      signingName,
      awsHost: `${signingName}.us-east-1.amazonaws.com`,
      method: 'POST',
      path: '/',
      headers: { 'content-type': `application/x-amz-json-${version}`, 'x-amz-target': `${targetPrefix}.${target}` },
      body,
    });
    const valid = JSON.stringify(op.body);
    const roll = random.next();
    if (roll < HUGE_SHARE) return { fault: `huge-body ${name}`, shape: 'aws-json', send: sendSigned(random, targets, call(name, bodyOver(16 * 1024 * 1024))) };
    if (roll < HUGE_SHARE + SIGNATURE_SHARE) {
      const bad = sendBadlySigned(random, targets, call(name, valid));
      return { fault: `${bad.fault} ${name}`, shape: 'aws-json', send: bad.send };
    }
    const kind = random.pick(['bad-json', 'wrong-type', 'missing-field', 'unknown-operation', 'wrong-target'] as const);
    if (kind === 'bad-json') return { fault: `bad-json ${name}`, shape: 'aws-json', send: sendSigned(random, targets, call(name, brokenJson(random, valid))) };
    if (kind === 'wrong-type') {
      const broken = withWrongType(random, op.body);
      return { fault: `wrong-type ${name} ${broken.member}`, shape: 'aws-json', send: sendSigned(random, targets, call(name, JSON.stringify(broken.body))) };
    }
    if (kind === 'missing-field' && op.required.length > 0) {
      const member = random.pick(op.required);
      return {
        fault: `missing-field ${name} ${member}`,
        shape: 'aws-json',
        send: sendSigned(random, targets, call(name, JSON.stringify(changed(op.body, [member], undefined)))),
      };
    }
    if (kind === 'wrong-target') {
      const target = random.pick(['', name, `${targetPrefix}`, `Other_20200101.${name}`, `${targetPrefix}.`]);
      const request = { ...call(name, valid), headers: { 'content-type': `application/x-amz-json-${version}`, 'x-amz-target': target } };
      return { fault: `wrong-target '${target}'`, shape: 'aws-json', send: sendSigned(random, targets, request) };
    }
    const unknown = random.pick(['DescribeEverything', `${name}s`, name.toLowerCase(), random.text(12), 'Invoke', '__proto__', 'constructor']);
    return { fault: `unknown-operation ${unknown}`, shape: 'aws-json', send: sendSigned(random, targets, call(unknown, valid)) };
  };
}

const dynamodb = awsJsonService('DynamoDB', 'dynamodb', 'DynamoDB_20120810', '1.0', (t) => {
  const key = { pk: { S: 'item-1' } };
  return {
    PutItem: { body: { TableName: t.table, Item: { pk: { S: 'item-1' }, n: { N: '1' }, tags: { SS: ['a', 'b'] } } }, required: ['TableName', 'Item'] },
    GetItem: { body: { TableName: t.table, Key: key, ConsistentRead: true }, required: ['TableName', 'Key'] },
    UpdateItem: {
      body: { TableName: t.table, Key: key, UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': { N: '2' } } },
      required: ['TableName', 'Key'],
    },
    DeleteItem: { body: { TableName: t.table, Key: key }, required: ['TableName', 'Key'] },
    Query: {
      body: { TableName: t.table, KeyConditionExpression: 'pk = :v', ExpressionAttributeValues: { ':v': { S: 'item-1' } }, Limit: 5 },
      required: ['TableName', 'KeyConditionExpression'],
    },
    Scan: { body: { TableName: t.table, Limit: 5 }, required: ['TableName'] },
    DescribeTable: { body: { TableName: t.table }, required: ['TableName'] },
    CreateTable: {
      body: {
        TableName: 'reliability-never-made',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      },
      required: ['TableName', 'KeySchema', 'AttributeDefinitions'],
    },
    BatchWriteItem: { body: { RequestItems: { [t.table]: [{ PutRequest: { Item: { pk: { S: 'item-2' } } } }] } }, required: ['RequestItems'] },
  };
});

const kinesis = awsJsonService('Kinesis', 'kinesis', 'Kinesis_20131202', '1.1', (t) => ({
  PutRecord: { body: { StreamName: t.stream, Data: Buffer.from('hello').toString('base64'), PartitionKey: 'p' }, required: ['Data', 'PartitionKey'] },
  PutRecords: { body: { StreamName: t.stream, Records: [{ Data: Buffer.from('x').toString('base64'), PartitionKey: 'p' }] }, required: ['Records'] },
  DescribeStream: { body: { StreamName: t.stream, Limit: 10 }, required: ['StreamName'] },
  DescribeStreamSummary: { body: { StreamName: t.stream }, required: ['StreamName'] },
  GetShardIterator: {
    body: { StreamName: t.stream, ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' },
    required: ['ShardId', 'ShardIteratorType'],
  },
  ListShards: { body: { StreamName: t.stream, MaxResults: 10 }, required: [] },
  CreateStream: { body: { StreamName: 'reliability-never-made', ShardCount: 1 }, required: ['StreamName'] },
}));

const logs = awsJsonService('CloudWatch Logs', 'logs', 'Logs_20140328', '1.1', (t) => ({
  CreateLogGroup: { body: { logGroupName: '/reliability/never-made' }, required: ['logGroupName'] },
  CreateLogStream: { body: { logGroupName: t.logGroup, logStreamName: 'never-made' }, required: ['logGroupName', 'logStreamName'] },
  PutLogEvents: {
    body: { logGroupName: t.logGroup, logStreamName: t.logStream, logEvents: [{ timestamp: Date.now(), message: 'hello' }] },
    required: ['logGroupName', 'logStreamName', 'logEvents'],
  },
  GetLogEvents: { body: { logGroupName: t.logGroup, logStreamName: t.logStream, limit: 10, startFromHead: true }, required: ['logStreamName'] },
  FilterLogEvents: { body: { logGroupName: t.logGroup, filterPattern: 'hello', limit: 10 }, required: [] },
  DescribeLogStreams: { body: { logGroupName: t.logGroup, orderBy: 'LastEventTime', descending: true }, required: [] },
  DescribeLogGroups: { body: { logGroupNamePrefix: '/reliability', limit: 5 }, required: [] },
}));

interface RestOperation {
  method: string;
  path: string;
  body?: Json;
  required?: string[];
  query?: Record<string, string>;
}

type OwnFault = { fault: string; call: Omit<SignedCall, 'service' | 'signingName' | 'awsHost'> };

/** restJson control planes (Lambda, API Gateway v2): method and path name the operation. */
function restJsonService(
  service: string,
  signingName: string,
  operations: (targets: Targets) => Record<string, RestOperation>,
  /** Faults of the service's own: bad path parameters, query strings and headers. */
  ownFaults: (random: Random, targets: Targets) => OwnFault,
  unknownPaths: string[],
): Generator {
  return (random, targets) => {
    const ops = operations(targets);
    const name = random.pick(Object.keys(ops));
    const op = ops[name];
    const call = (body: string | Buffer | undefined, change: Partial<SignedCall> = {}): SignedCall => ({
      service,
      signingName,
      awsHost: `${signingName}.us-east-1.amazonaws.com`,
      method: op.method,
      path: op.path,
      query: op.query,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body,
      ...change,
    });
    const valid = op.body === undefined ? undefined : JSON.stringify(op.body);
    const roll = random.next();
    if (roll < HUGE_SHARE && op.body !== undefined) {
      return { fault: `huge-body ${name}`, shape: 'rest-json', send: sendSigned(random, targets, call(bodyOver(16 * 1024 * 1024))) };
    }
    if (roll < HUGE_SHARE + SIGNATURE_SHARE) {
      const bad = sendBadlySigned(random, targets, call(valid));
      return { fault: `${bad.fault} ${name}`, shape: 'rest-json', send: bad.send };
    }
    const kind = random.pick(['bad-json', 'wrong-type', 'missing-field', 'unknown-operation', 'own'] as const);
    if (op.body !== undefined && kind === 'bad-json') {
      return { fault: `bad-json ${name}`, shape: 'rest-json', send: sendSigned(random, targets, call(brokenJson(random, valid!))) };
    }
    if (op.body !== undefined && kind === 'wrong-type') {
      const broken = withWrongType(random, op.body);
      return { fault: `wrong-type ${name} ${broken.member}`, shape: 'rest-json', send: sendSigned(random, targets, call(JSON.stringify(broken.body))) };
    }
    if (op.required?.length && kind === 'missing-field') {
      const member = random.pick(op.required);
      return {
        fault: `missing-field ${name} ${member}`,
        shape: 'rest-json',
        send: sendSigned(random, targets, call(JSON.stringify(changed(op.body!, [member], undefined)))),
      };
    }
    if (kind === 'unknown-operation') {
      const method = random.pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']);
      const path = random.pick(unknownPaths).replace('{id}', random.text(8));
      return { fault: `unknown-operation ${method} ${path}`, shape: 'rest-json', send: sendSigned(random, targets, call(valid, { method, path, query: {} })) };
    }
    const own = ownFaults(random, targets);
    return {
      fault: own.fault,
      shape: 'rest-json',
      send: sendSigned(random, targets, { service, signingName, awsHost: `${signingName}.us-east-1.amazonaws.com`, ...own.call }),
    };
  };
}

const FUNCTIONS = '/2015-03-31/functions';
const BAD_NAMES = ['has space', 'x'.repeat(200), 'semi;colon', 'ünïcode', '%2E%2E', 'arn:aws:lambda:us-east-1:000000000000:function:', 'a:b:c:d', '*'];

const lambda = restJsonService(
  'Lambda',
  'lambda',
  (t) => ({
    CreateFunction: {
      method: 'POST',
      path: FUNCTIONS,
      body: {
        FunctionName: 'reliability-never-made',
        Runtime: 'python3.13',
        Role: `arn:aws:iam::${t.accountId}:role/LabRole`,
        Handler: 'app.handler',
        Code: { ZipFile: 'UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==' },
        Timeout: 3,
        MemorySize: 128,
        Environment: { Variables: { MODE: 'test' } },
      },
      required: ['FunctionName', 'Role', 'Code'],
    },
    UpdateFunctionConfiguration: {
      method: 'PUT',
      path: `${FUNCTIONS}/${t.functionName}/configuration`,
      body: { Timeout: 5, MemorySize: 256, Environment: { Variables: { MODE: 'test' } }, Handler: 'app.handler' },
    },
    AddPermission: {
      method: 'POST',
      path: `${FUNCTIONS}/${t.functionName}/policy`,
      body: { StatementId: 'reliability', Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com' },
      required: ['StatementId', 'Action', 'Principal'],
    },
    CreateEventSourceMapping: {
      method: 'POST',
      path: '/2015-03-31/event-source-mappings/',
      body: {
        FunctionName: t.functionName,
        EventSourceArn: `arn:aws:kinesis:us-east-1:${t.accountId}:stream/${t.stream}`,
        StartingPosition: 'LATEST',
        BatchSize: 10,
      },
      required: ['FunctionName'],
    },
    GetFunction: { method: 'GET', path: `${FUNCTIONS}/${t.functionName}` },
    ListFunctions: { method: 'GET', path: `${FUNCTIONS}/`, query: { MaxItems: '5' } },
  }),
  (random, t): OwnFault => {
    const invoke = `${FUNCTIONS}/${t.functionName}/invocations`;
    const payload = { 'content-type': 'application/json' };
    switch (random.int(5)) {
      case 0: {
        const name = random.pick(BAD_NAMES);
        return { fault: `bad-function-name ${name}`, call: { method: random.pick(['GET', 'DELETE']), path: `${FUNCTIONS}/${encodeURIComponent(name)}` } };
      }
      case 1: {
        const max = random.pick(['0', '-1', 'ten', '100000', '1.5']);
        return { fault: `bad-MaxItems ${max}`, call: { method: 'GET', path: `${FUNCTIONS}/`, query: { MaxItems: max } } };
      }
      case 2: {
        const type = random.pick(['Bogus', 'event', 'request-response', '']);
        return {
          fault: `bad-invocation-type '${type}'`,
          call: { method: 'POST', path: invoke, headers: { ...payload, 'x-amz-invocation-type': type || 'X' }, body: '{}' },
        };
      }
      case 3:
        return { fault: 'bad-json Invoke payload', call: { method: 'POST', path: invoke, headers: payload, body: brokenJson(random, '{"a":1}') } };
      default: {
        const qualifier = random.pick(['no-such-alias', '99', 'bad!qualifier', '$LATEST$']);
        return { fault: `bad-qualifier ${qualifier}`, call: { method: 'POST', path: invoke, query: { Qualifier: qualifier }, headers: payload, body: '{}' } };
      }
    }
  },
  [
    `${FUNCTIONS}/{id}/nothing-here`,
    '/2015-03-31/everything',
    '/2099-01-01/functions',
    '/',
    '/2015-03-31/functions/{id}/invocations/more',
    '/2015-03-31/layers',
  ],
);

const apiGatewayControl = restJsonService(
  'API Gateway v2',
  'apigateway',
  (t) => ({
    CreateApi: {
      method: 'POST',
      path: '/v2/apis',
      body: { name: 'reliability-never-made', protocolType: 'HTTP', corsConfiguration: { allowOrigins: ['*'], maxAge: 60 } },
      required: ['name', 'protocolType'],
    },
    UpdateApi: { method: 'PATCH', path: `/v2/apis/${t.httpApi.apiId}`, body: { description: 'changed', disableExecuteApiEndpoint: false } },
    CreateRoute: {
      method: 'POST',
      path: `/v2/apis/${t.httpApi.apiId}/routes`,
      body: { routeKey: 'GET /never-made', target: `integrations/${t.httpApi.integrationId}` },
      required: ['routeKey'],
    },
    CreateIntegration: {
      method: 'POST',
      path: `/v2/apis/${t.httpApi.apiId}/integrations`,
      body: {
        integrationType: 'AWS_PROXY',
        integrationUri: `arn:aws:lambda:us-east-1:${t.accountId}:function:${t.functionName}`,
        payloadFormatVersion: '2.0',
        timeoutInMillis: 3000,
      },
      required: ['integrationType'],
    },
    CreateStage: {
      method: 'POST',
      path: `/v2/apis/${t.httpApi.apiId}/stages`,
      body: { stageName: 'never-made', autoDeploy: true, stageVariables: { a: 'b' } },
      required: ['stageName'],
    },
    GetApis: { method: 'GET', path: '/v2/apis', query: { maxResults: '5' } },
  }),
  (random, t): OwnFault => {
    switch (random.int(3)) {
      case 0: {
        const path = random.pick([
          `/v2/apis/${random.text(10)}`,
          `/v2/apis/${t.httpApi.apiId}/routes/${random.text(7)}`,
          `/v2/apis/${t.httpApi.apiId}/stages/${random.text(5)}`,
          `/v2/apis/${t.httpApi.apiId}/integrations/${random.text(7)}`,
        ]);
        return { fault: `not-found ${path}`, call: { method: random.pick(['GET', 'DELETE']), path } };
      }
      case 1: {
        const value = random.pick(['0', '-3', 'many', '']);
        return { fault: `bad-maxResults '${value}'`, call: { method: 'GET', path: '/v2/apis', query: { maxResults: value } } };
      }
      default: {
        const token = random.pick(['!!!', '-1', random.text(20)]);
        return { fault: `bad-nextToken ${token}`, call: { method: 'GET', path: `/v2/apis/${t.httpApi.apiId}/routes`, query: { nextToken: token } } };
      }
    }
  },
  ['/v2/apis/{id}/nothing', '/v2/everything', '/v1/restapis', '/v2/apis/{id}/routes/{id}/extra/deep', '/v2/domainnames/{id}/x'],
);

/** awsQuery services (STS; IAM, which the sandbox does not emulate): a form-encoded POST. */
function queryService(service: string, signingName: string, awsHost: string, valid: Record<string, string>): Generator {
  return (random, targets) => {
    const call = (body: string | Buffer, change: Partial<SignedCall> = {}): SignedCall => ({
      service,
      signingName,
      awsHost,
      method: 'POST',
      path: '/',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body,
      ...change,
    });
    const form = (params: Record<string, string>) => new URLSearchParams(params).toString();
    const roll = random.next();
    if (roll < HUGE_SHARE) return { fault: 'huge-body', shape: 'query', send: sendSigned(random, targets, call(bodyOver(16 * 1024 * 1024))) };
    if (roll < HUGE_SHARE + SIGNATURE_SHARE * 2) {
      const bad = sendBadlySigned(random, targets, call(form(valid)));
      return { fault: `${bad.fault} ${valid.Action}`, shape: 'query', send: bad.send };
    }
    const kind = random.int(5);
    if (kind === 0) {
      const action = random.pick(['GetEverything', 'getcalleridentity', random.text(10), 'AssumeRoleWithSAML ', '']);
      return { fault: `unknown-action '${action}'`, shape: 'query', send: sendSigned(random, targets, call(form({ ...valid, Action: action }))) };
    }
    if (kind === 1) {
      const { Action: _dropped, ...rest } = valid;
      return { fault: 'missing-action', shape: 'query', send: sendSigned(random, targets, call(form(rest))) };
    }
    if (kind === 2) {
      const body = random.pick([
        `Action=${valid.Action}&Version=%ZZ`,
        '&&&==',
        `Action=%E0%A4%A&Version=${valid.Version}`,
        random.bytes(40).toString('latin1'),
      ]);
      return { fault: 'broken-form', shape: 'query', send: sendSigned(random, targets, call(body)) };
    }
    if (kind === 3) {
      const version = random.pick(['1999-01-01', 'latest', '']);
      return { fault: `bad-version '${version}'`, shape: 'query', send: sendSigned(random, targets, call(form({ ...valid, Version: version }))) };
    }
    const method = random.pick(['PUT', 'DELETE', 'PATCH']);
    return { fault: `wrong-method ${method}`, shape: 'query', send: sendSigned(random, targets, call(form(valid), { method })) };
  };
}

const sts = queryService('STS', 'sts', 'sts.amazonaws.com', { Action: 'GetCallerIdentity', Version: '2011-06-15' });
// The lab's `aws iam create-role`: a Learner Lab may not (iam/errors.ts), so an AccessDenied in IAM's own (XML) shape.
const iam = queryService('IAM', 'iam', 'iam.amazonaws.com', {
  Action: 'CreateRole',
  Version: '2010-05-08',
  RoleName: 'lambda-role',
  AssumeRolePolicyDocument: '{}',
});

/** @connections: signed for execute-api; a connection that is not open is 410, too much data 413. */
const connections: Generator = (random, targets) => {
  const { apiId, stage } = targets.webSocketApi;
  const base = `/_api/${apiId}/${stage}/@connections`;
  const call = (change: Partial<SignedCall> = {}): SignedCall => ({
    service: '@connections',
    signingName: 'execute-api',
    awsHost: `${apiId}.execute-api.us-east-1.amazonaws.com`,
    method: 'POST',
    path: `${base}/${random.text(12)}=`,
    body: 'hello',
    ...change,
  });
  if (random.next() < SIGNATURE_SHARE * 2) {
    // Signed for the sandbox's own host: under the execute-api host the path would have no /_api/<apiId> prefix.
    const bad = sendBadlySigned(random, targets, { ...call(), awsHost: new URL(targets.url).host });
    return { fault: `${bad.fault} PostToConnection`, shape: 'rest-json', send: bad.send };
  }
  const kind = random.int(4);
  const viaSandboxHost = (c: SignedCall) => sendSigned(random, targets, { ...c, awsHost: new URL(targets.url).host });
  if (kind === 0) {
    const method = random.pick(['POST', 'GET', 'DELETE']);
    return { fault: `gone-connection ${method}`, shape: 'rest-json', send: viaSandboxHost(call({ method, body: method === 'POST' ? 'hi' : undefined })) };
  }
  if (kind === 1) {
    const method = random.pick(['PUT', 'PATCH']);
    return { fault: `wrong-method ${method}`, shape: 'rest-json', send: viaSandboxHost(call({ method })) };
  }
  if (kind === 2) {
    const path = random.pick([
      `${base}/`,
      `${base}/a/b`,
      `${base}/%ZZ`,
      `/_api/${apiId}/no-such-stage/@connections/abc`,
      `/_api/${apiId}/${stage}/@connections`,
    ]);
    return { fault: `bad-path ${path}`, shape: 'rest-json', send: viaSandboxHost(call({ path })) };
  }
  return {
    fault: 'huge-message',
    shape: 'rest-json',
    send: viaSandboxHost(call({ body: bodyOver(128 * 1024).subarray(0, 128 * 1024 + 1 + random.int(1000)) })),
  };
};

/** An HTTP API's data plane: unsigned, answered as API Gateway answers, {"message": …}. */
const httpDataPlane: Generator = (random, targets) => {
  const { apiId, stage } = targets.httpApi;
  const base = `/_api/${apiId}`;
  const kind = random.int(6);
  const get =
    (path: string, method = 'GET', body?: Buffer) =>
    () =>
      http(ask(targets.url, { method, path, headers: {}, body }));
  if (kind === 0) {
    const path = `${base}/${stage}/${random.pick(['nothing', 'items/1/2/3', 'ITEMS', random.text(10)])}`;
    return { fault: `no-route ${path}`, shape: 'api-gateway', send: get(path) };
  }
  if (kind === 1) return { fault: 'no-stage', shape: 'api-gateway', send: get(`${base}/${random.text(6)}/items`) };
  if (kind === 2) {
    const method = random.pick(['DELETE', 'PUT', 'PATCH', 'PROPFIND']);
    return { fault: `no-route-for-method ${method}`, shape: 'api-gateway', send: get(`${base}/${stage}/items`, method) };
  }
  if (kind === 3) return { fault: 'no-such-api', shape: 'api-gateway', send: get(`/_api/${random.text(10)}/${stage}/items`) };
  if (kind === 4) return { fault: 'huge-body', shape: 'api-gateway', send: get(`${base}/${stage}/items`, 'POST', bodyOver(10 * 1024 * 1024)) };
  const path = `${base}/${stage}/${random.pick(['%', '%ZZ', '%E0%A4%A', 'items%'])}`;
  return { fault: `bad-percent-encoding ${path}`, shape: 'api-gateway', send: get(path) };
};

/** Frames a well-behaved client never sends; each is a protocol error the server must close on. */
function brokenFrames(random: Random): { fault: string; frames: Buffer[] } {
  const text = (s: string, options = {}) => frame(0x1, Buffer.from(s), options);
  switch (random.int(13)) {
    case 0:
      return { fault: 'unmasked-frame', frames: [text('hello', { masked: false })] };
    case 1:
      return { fault: 'reserved-bits', frames: [text('hello', { rsv: 1 + random.int(7) })] };
    case 2: {
      const opcode = random.pick([3, 4, 5, 6, 7, 0xb, 0xc, 0xd, 0xe, 0xf]);
      return { fault: `unknown-opcode ${opcode}`, frames: [frame(opcode, Buffer.from('x'))] };
    }
    case 3:
      return { fault: 'fragmented-ping', frames: [frame(0x9, Buffer.from('p'), { fin: false })] };
    case 4:
      return { fault: 'control-frame-over-125', frames: [frame(0x9, Buffer.alloc(126 + random.int(200), 1))] };
    case 5:
      return { fault: 'invalid-utf8', frames: [frame(0x1, Buffer.from([0x68, 0xc3, 0x28, 0xff, 0xfe]))] };
    case 6:
      return { fault: 'continuation-without-start', frames: [frame(0x0, Buffer.from('tail'))] };
    case 7: {
      const code = random.pick([0, 999, 1004, 1005, 1006, 1015, 2999, 5000]);
      const payload = Buffer.alloc(2);
      payload.writeUInt16BE(code);
      return { fault: `close-with-invalid-code ${code}`, frames: [frame(0x8, payload)] };
    }
    case 8:
      return { fault: 'close-with-one-byte', frames: [frame(0x8, Buffer.from([3]))] };
    case 9:
      return { fault: 'new-message-inside-fragmented-one', frames: [text('part', { fin: false }), text('another')] };
    case 10:
      return { fault: 'frame-over-limit', frames: [frame(0x1, Buffer.alloc(0), { declaredLength: 2 ** 32 + random.int(1000) })] };
    case 11:
      return { fault: 'binary-frame', frames: [frame(0x2, random.bytes(16))] };
    default:
      return { fault: 'close-reason-invalid-utf8', frames: [frame(0x8, Buffer.from([0x03, 0xe8, 0xff, 0xfe]))] };
  }
}

/** WebSocket: broken frames after a valid handshake, and broken handshakes. */
const webSocket: Generator = (random, targets) => {
  const { apiId, stage } = targets.webSocketApi;
  const path = `/_api/${apiId}/${stage}`;
  if (random.next() < 0.6) {
    const { fault, frames } = brokenFrames(random);
    return { fault, shape: 'websocket-close', send: () => upgrade(targets.url, upgradeHead(targets.url, path), frames) };
  }
  const broken = random.pick([
    { fault: 'no-key', head: upgradeHead(targets.url, path, { headers: { 'Sec-WebSocket-Key': undefined } }) },
    { fault: 'bad-key', head: upgradeHead(targets.url, path, { headers: { 'Sec-WebSocket-Key': random.text(10) } }) },
    { fault: 'bad-version', head: upgradeHead(targets.url, path, { headers: { 'Sec-WebSocket-Version': random.pick(['12', '0', 'x']) } }) },
    { fault: 'post-upgrade', head: upgradeHead(targets.url, path, { method: 'POST', headers: { 'Content-Length': '0' } }) },
    { fault: 'no-upgrade-header', head: upgradeHead(targets.url, path, { headers: { Upgrade: undefined, Connection: 'close' } }) },
    { fault: 'unknown-stage', head: upgradeHead(targets.url, `/_api/${apiId}/${random.text(6)}`) },
    { fault: 'path-below-stage', head: upgradeHead(targets.url, `${path}/${random.text(4)}`) },
    { fault: 'unknown-api', head: upgradeHead(targets.url, `/_api/${random.text(10)}/${stage}`) },
  ]);
  return { fault: broken.fault, shape: 'api-gateway', send: () => upgrade(targets.url, broken.head) };
};

/** Every generator, with how many of each round of cases it makes (roughly how much each service has to get wrong). */
const MIX: [string, Generator, number][] = [
  ['DynamoDB', dynamodb, 3],
  ['Lambda', lambda, 3],
  ['API Gateway v2', apiGatewayControl, 2],
  ['Kinesis', kinesis, 2],
  ['CloudWatch Logs', logs, 2],
  ['STS', sts, 1],
  ['IAM', iam, 1],
  ['@connections', connections, 1],
  ['HTTP API', httpDataPlane, 1],
  ['WebSocket', webSocket, 2],
];

/** `count` malformed requests for the sandbox at `targets`, the same ones for the same seed. */
export function malformedRequests(seed: number, count: number, targets: Targets): MalformedCase[] {
  const random = seededRandom(seed);
  const deck = MIX.flatMap(([service, generator, weight]) => Array.from({ length: weight }, () => [service, generator] as const));
  return Array.from({ length: count }, (_, id) => {
    const [service, generator] = deck[id % deck.length];
    return { id, service, ...generator(random, targets) };
  });
}

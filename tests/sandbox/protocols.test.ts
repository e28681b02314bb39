// The protocol layer on its own: the building blocks every service is made of,
// and the front door's promise that no request can crash the sandbox.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadAccount } from '../../src/sandbox/account.ts';
import { openCredentialStore, type IssuedCredentials } from '../../src/sandbox/credentials/store.ts';
import { createFrontDoor } from '../../src/sandbox/front-door.ts';
import { awsJsonService } from '../../src/sandbox/protocol/aws-json.ts';
import { model as lambdaModel } from '../../src/sandbox/protocol/generated/lambda.ts';
import { model as logsModel } from '../../src/sandbox/protocol/generated/logs.ts';
import { model as stsModel } from '../../src/sandbox/protocol/generated/sts.ts';
import { AwsError } from '../../src/sandbox/protocol/errors.ts';
import { queryService } from '../../src/sandbox/protocol/query.ts';
import { restJsonService } from '../../src/sandbox/protocol/rest-json.ts';
import type { SandboxRequest } from '../../src/sandbox/protocol/service.ts';
import { memoryStore } from '../../src/sandbox/storage/document-store.ts';
import { rawRequest, sendSigned } from './harness.ts';

const request = (overrides: Partial<SandboxRequest>): SandboxRequest => ({
  method: 'GET',
  path: '/',
  query: new URLSearchParams(),
  headers: {},
  body: Buffer.alloc(0),
  region: 'us-east-1',
  requestId: 'req-1',
  ...overrides,
});

describe('restJson', () => {
  const service = restJsonService({
    signingName: 'example',
    hostPrefix: 'example',
    invalidJson: (detail) => new AwsError('InvalidRequestContentException', `Could not parse request body into json: ${detail}`),
    routes: [
      {
        method: 'GET',
        path: '/2015-03-31/functions/{FunctionName}',
        operation: 'GetFunction',
        handler: async ({ params }) => ({ body: { name: params.FunctionName } }),
      },
      {
        method: 'POST',
        path: '/2015-03-31/functions/{FunctionName}/invocations',
        operation: 'Invoke',
        handler: async ({ json }) => ({ headers: { 'x-amz-executed-version': '$LATEST' }, body: Buffer.from(JSON.stringify(json())) }),
      },
    ],
  });

  test('routes by method and path template, with path parameters decoded', async () => {
    const res = await service.handle(request({ path: '/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A1%3Afunction%3Afn' }));
    expect(res.status).toBe(200);
    expect(JSON.parse(String(res.body))).toEqual({ name: 'arn:aws:lambda:us-east-1:1:function:fn' });
  });

  test('a Buffer body is sent as is, with the headers the handler set', async () => {
    const res = await service.handle(request({ method: 'POST', path: '/2015-03-31/functions/fn/invocations', body: Buffer.from('{"a":1}') }));
    expect(res.headers).toMatchObject({ 'content-type': 'application/octet-stream', 'x-amz-executed-version': '$LATEST' });
    expect(String(res.body)).toBe('{"a":1}');
  });

  test("malformed JSON gets the service's own error", async () => {
    const error = await service.handle(request({ method: 'POST', path: '/2015-03-31/functions/fn/invocations', body: Buffer.from('{') })).catch((e) => e);
    expect(error).toBeInstanceOf(AwsError);
    expect(error.code).toBe('InvalidRequestContentException');
  });

  test('no route, or a wrong method, is UnknownOperationException 404', async () => {
    for (const req of [request({ path: '/2015-03-31/nothing' }), request({ method: 'DELETE', path: '/2015-03-31/functions/fn/invocations' })]) {
      const error = await service.handle(req).catch((e) => e);
      expect([error.code, error.status]).toEqual(['UnknownOperationException', 404]);
    }
  });

  test('errors carry x-amzn-ErrorType and a {Type, message} body; signature mismatches show what was expected', () => {
    const res = service.protocol.errorResponse(
      new AwsError('ResourceNotFoundException', 'Function not found: fn', 404, { Message: 'Function not found: fn' }),
      'r',
    );
    expect(res.status).toBe(404);
    expect(res.headers?.['x-amzn-errortype']).toBe('ResourceNotFoundException');
    expect(JSON.parse(String(res.body))).toEqual({ Type: 'User', message: 'Function not found: fn', Message: 'Function not found: fn' });
    const auth = service.protocol.authError({
      kind: 'signature',
      message: 'mismatch.',
      expected: { canonicalRequest: 'GET\n/', stringToSign: 'AWS4-HMAC-SHA256\n…' },
    });
    expect([auth.code, auth.status]).toEqual(['InvalidSignatureException', 403]);
    expect(auth.message).toBe(
      "mismatch.\n\nThe Canonical String for this request should have been\n'GET\n/'\n\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256\n…'\n",
    );
  });
});

describe('query', () => {
  const service = queryService({
    signingName: 'example',
    hostPrefix: 'example',
    version: '2011-06-15',
    xmlNamespace: 'https://example.amazonaws.com/doc/2011-06-15/',
    operations: { Echo: async (params) => ({ Said: params.get('Text'), Items: ['a', 'b'] }) },
  });
  const form = (body: string) =>
    request({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: Buffer.from(body) });

  test('form parameters in, XML out, with values escaped', async () => {
    const res = await service.handle(form('Action=Echo&Version=2011-06-15&Text=%3Cb%3E%26'));
    expect(String(res.body)).toBe(
      '<EchoResponse xmlns="https://example.amazonaws.com/doc/2011-06-15/"><EchoResult><Said>&#60;b&#62;&#38;</Said>' +
        '<Items><member>a</member><member>b</member></Items></EchoResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></EchoResponse>',
    );
  });

  test('an unknown action is InvalidAction, written as an <ErrorResponse>', async () => {
    const error = await service.handle(form('Action=Nope&Version=2011-06-15')).catch((e) => e);
    expect([error.code, error.status, error.message]).toEqual(['InvalidAction', 400, 'Could not find operation Nope for version 2011-06-15']);
    expect(String(service.protocol.errorResponse(error, 'r-9').body)).toBe(
      '<ErrorResponse xmlns="https://example.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>InvalidAction</Code>' +
        '<Message>Could not find operation Nope for version 2011-06-15</Message></Error><RequestId>r-9</RequestId></ErrorResponse>',
    );
  });

  test('an action asked for in another API version, or with none, is InvalidAction too', async () => {
    for (const [body, version] of [
      ['Action=Echo&Version=1999-01-01', '1999-01-01'],
      ['Action=Echo', 'NO_VERSION_SPECIFIED'],
      ['Action=Echo&Version=', 'NO_VERSION_SPECIFIED'],
    ]) {
      const error = await service.handle(form(body)).catch((e) => e);
      expect([error.code, error.status, error.message]).toEqual(['InvalidAction', 400, `Could not find operation Echo for version ${version}`]);
    }
  });
});

describe('awsJson', () => {
  const service = awsJsonService({
    signingName: 'example',
    hostPrefix: 'example',
    targetPrefix: 'Example_20240101',
    version: '1.1',
    errorNamespace: 'com.amazonaws.example',
    operations: { Add: async (input) => ({ sum: Number(input.a) + Number(input.b) }) },
  });
  const call = (target: string, body: string) => service.handle(request({ method: 'POST', headers: { 'x-amz-target': target }, body: Buffer.from(body) }));

  test('dispatches on X-Amz-Target', async () => {
    const res = await call('Example_20240101.Add', '{"a":2,"b":3}');
    expect(res.headers?.['content-type']).toBe('application/x-amz-json-1.1');
    expect(JSON.parse(String(res.body))).toEqual({ sum: 5 });
  });

  test.each([
    ['Example_20240101.Subtract', '{}', 'UnknownOperationException'],
    ['Example_20240101.toString', '{}', 'UnknownOperationException'],
    ['Example_20240101.Add', '[1]', 'SerializationException'],
    ['Example_20240101.Add', 'nope', 'SerializationException'],
  ])('%s with %s is %s', async (target, body, code) => {
    const error = await call(target, body).catch((e) => e);
    expect(error.code).toBe(code);
    expect(JSON.parse(String(service.protocol.errorResponse(error, 'r').body)).__type).toBe(`com.amazon.coral.service#${code}`);
  });

  test("the service's own errors carry its namespace", () => {
    const res = service.protocol.errorResponse(new AwsError('ResourceNotFoundException', 'gone'), 'r');
    expect(JSON.parse(String(res.body))).toEqual({ __type: 'com.amazonaws.example#ResourceNotFoundException', message: 'gone' });
  });
});

// Each protocol checks a request against the service's botocore model (generated/*.ts) before the operation runs.
describe('model validation in the protocol layer', () => {
  const ran: string[] = [];
  const lambdaService = restJsonService({
    signingName: 'lambda',
    hostPrefix: 'lambda',
    validation: { model: lambdaModel, errorCode: 'ValidationException', serviceRules: () => [] },
    routes: [
      {
        method: 'POST',
        path: '/2015-03-31/functions/{FunctionName}/invocations',
        operation: 'Invoke',
        handler: ({ req }) => {
          ran.push('Invoke');
          return Promise.resolve({ body: req.body });
        },
      },
      {
        method: 'POST',
        path: '/2015-03-31/functions',
        operation: 'CreateFunction',
        handler: ({ json }) => {
          ran.push('CreateFunction');
          return Promise.resolve({ body: json() });
        },
      },
    ],
  });

  test('restJson: path, query string and headers are read by their bindings; the operation does not run', async () => {
    const error = await lambdaService
      .handle(
        request({
          method: 'POST',
          path: '/2015-03-31/functions/has%20space/invocations',
          query: new URLSearchParams(`Qualifier=${'v'.repeat(129)}`),
          headers: { 'x-amz-invocation-type': 'Later' },
          body: Buffer.from('not json: the payload is not read'),
        }),
      )
      .catch((e) => e);
    expect(error.code).toBe('ValidationException');
    expect(error.message).toMatch(
      /^3 validation errors detected: Value 'has space' at 'functionName' failed to satisfy constraint: Member must satisfy regular/,
    );
    expect(error.message).toContain(
      "Value 'Later' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]",
    );
    expect(error.message).toContain(
      `Value '${'v'.repeat(129)}' at 'qualifier' failed to satisfy constraint: Member must have length less than or equal to 128`,
    );
    expect(ran).toEqual([]);
  });

  test('restJson: a JSON body is read before the check, a raw payload is not', async () => {
    const missing = await lambdaService
      .handle(request({ method: 'POST', path: '/2015-03-31/functions', body: Buffer.from('{"FunctionName":"f"}') }))
      .catch((e) => e);
    expect(missing.message).toBe(
      "2 validation errors detected: Value null at 'role' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'code' failed to satisfy constraint: Member must not be null",
    );
    const invoked = await lambdaService.handle(request({ method: 'POST', path: '/2015-03-31/functions/f/invocations', body: Buffer.from('[1]') }));
    expect(String(invoked.body)).toBe('[1]');
    expect(ran).toEqual(['Invoke']);
  });

  test('awsJson: the input is checked before the operation, with the service’s error code', async () => {
    const logs = awsJsonService({
      version: '1.1',
      signingName: 'logs',
      hostPrefix: 'logs',
      targetPrefix: 'Logs_20140328',
      validation: { model: logsModel, errorCode: 'InvalidParameterException' },
      operations: { CreateLogGroup: () => Promise.resolve({}) },
    });
    const error = await logs
      .handle(request({ method: 'POST', headers: { 'x-amz-target': 'Logs_20140328.CreateLogGroup' }, body: Buffer.from('{"logGroupName":"no spaces"}') }))
      .catch((e) => e);
    expect([error.code, error.message]).toEqual([
      'InvalidParameterException',
      "1 validation error detected: Value 'no spaces' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+",
    ]);
  });

  test('query: top-level parameters are checked, nested ones only for presence', async () => {
    const sts = queryService({
      signingName: 'sts',
      hostPrefix: 'sts',
      version: '2011-06-15',
      xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
      validation: { model: stsModel, errorCode: 'ValidationError' },
      operations: { AssumeRole: () => Promise.resolve({}) },
    });
    const call = (body: string) =>
      sts.handle(request({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: Buffer.from(body) })).catch((e) => e);
    const error = await call('Action=AssumeRole&Version=2011-06-15&RoleArn=short&DurationSeconds=60&Tags.member.1.Key=k');
    expect([error.code, error.message]).toEqual([
      'ValidationError',
      "3 validation errors detected: Value 'short' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20; " +
        "Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null; " +
        "Value '60' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    ]);
  });
});

describe('the front door', () => {
  let server: Server;
  let url: string;
  let credentials: IssuedCredentials;
  const logged: string[] = [];

  beforeAll(async () => {
    const storage = memoryStore();
    const store = await openCredentialStore(storage, await loadAccount(storage));
    credentials = await store.issue();
    const broken = restJsonService({
      signingName: 'example',
      hostPrefix: 'example',
      routes: [
        {
          method: 'GET',
          path: '/boom',
          operation: 'Boom',
          handler: async () => {
            throw new TypeError('a bug in a service');
          },
        },
      ],
    });
    const handle = createFrontDoor({ services: [broken], credentials: store, log: (m) => logged.push(m) });
    server = createServer((req, res) => void handle(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  test('an unexpected exception is a 500 shaped by the protocol, logged without credentials', async () => {
    const res = await sendSigned(url, { service: 'example', method: 'GET', path: '/boom', credentials });
    expect(res.status).toBe(500);
    expect(res.headers['x-amzn-errortype']).toBe('InternalFailure');
    expect(JSON.parse(res.body)).toEqual({
      Type: 'Service',
      message: 'The request processing has failed because of an unknown error, exception or failure.',
    });
    const log = logged.join('\n');
    expect(log).toContain('a bug in a service');
    expect(log).toContain(String(res.headers['x-amzn-requestid']));
    for (const secret of [credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken]) expect(log).not.toContain(secret);
  });

  test('a request for a service the sandbox does not have is a clear client error', async () => {
    const res = await sendSigned(url, { service: 's3', method: 'GET', path: '/', credentials });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({
      __type: 'com.amazon.coral.service#UnknownOperationException',
      message: "The sandbox does not emulate the service 's3'.",
    });
  });

  test('an awsQuery service the sandbox does not have (SNS) gets that error as XML, the only error shape its clients read', async () => {
    const body = 'Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A123456789012%3At&Message=hi';
    const headers = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
    const res = await sendSigned(url, { host: 'sns.us-east-1.amazonaws.com', service: 'sns', path: '/', headers, body, credentials });
    expect(res.status).toBe(400);
    expect(res.body).toMatch(
      /^<ErrorResponse xmlns="[^"]+"><Error><Type>Sender<\/Type><Code>UnknownOperationException<\/Code><Message>The sandbox does not emulate the service &#39;sns&#39;.<\/Message>/,
    );
    const unsigned = await rawRequest(url, { path: '/', headers: { host: 'sns.us-east-1.amazonaws.com', ...headers }, body });
    expect(unsigned.status).toBe(403);
    expect(unsigned.body).toContain('<Code>MissingAuthenticationToken</Code><Message>Request is missing Authentication Token</Message>');
  });
});

// The HTTP API data plane: APIs and functions made with the SDK v3, called
// with fetch (and raw HTTP where a client would tidy the request up) as a
// browser or curl would. Stage and route selection, the payload 2.0 and 1.0
// events, response mapping (None included), errors, timeouts, permissions,
// CORS, limits — and the known bugs of other emulators: an unhandled error
// must be a 500, not a 200, and a handler returning None must not hang.
import { ApiGatewayV2Client, CreateDeploymentCommand, CreateRouteCommand, CreateStageCommand, UpdateApiCommand } from '@aws-sdk/client-apigatewayv2';
import { DynamoDBClient, GetItemCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { beforeAll, describe, expect, test } from 'vitest';
import { onDemandTable } from './dynamodb-helpers.ts';
import { useSandbox } from './harness.ts';
import { allowApiGateway, deployHttpApi, type HttpApiOptions } from './http-api-helpers.ts';
import { deploy, labRole } from './lambda-helpers.ts';

// The pages the CORS tests play: the sandbox's listener lets them through (as it lets labbook's own
// page), so what is tested is the API's CORS configuration, as on AWS.
const PAGE_ORIGINS = [
  'https://app.example.com',
  'https://evil.example.org',
  'https://anywhere.example',
  'https://shop.example.com',
  'https://example.com.evil.org',
  'https://a.example',
];
const sandbox = useSandbox({ allowedOrigins: PAGE_ORIGINS });
const gateway = () => sandbox.client(ApiGatewayV2Client);
const lambda = () => sandbox.client(LambdaClient);
const arnOf = (name: string) => `arn:aws:lambda:us-east-1:${sandbox.accountId}:function:${name}`;

// Echoes the event as its body unless the query string asks for something else:
// ?mode=none returns None, raise raises, sleep waits, return returns the JSON request body.
const PYTHON_ECHO = `
import json, time

def handler(event, context):
    params = event.get('queryStringParameters') or {}
    mode = params.get('mode')
    if mode == 'none':
        return None
    if mode == 'raise':
        raise ValueError('boom')
    if mode == 'sleep':
        time.sleep(float(params['seconds']))
    if mode == 'return':
        return json.loads(event['body'])
    return {'statusCode': 200, 'headers': {'content-type': 'application/json'}, 'body': json.dumps(event)}
`;

const NODE_ECHO = `
exports.handler = async (event) => {
  const mode = (event.queryStringParameters || {}).mode;
  if (mode === 'none') return undefined;
  if (mode === 'raise') throw new TypeError('boom');
  return { statusCode: 200, body: JSON.stringify(event) };
};
`;

let pythonEcho: string;
let nodeEcho: string;

beforeAll(async () => {
  pythonEcho = await deploy(lambda(), sandbox.accountId, { files: { 'app.py': PYTHON_ECHO }, Timeout: 10 });
  nodeEcho = await deploy(lambda(), sandbox.accountId, { files: { 'index.js': NODE_ECHO }, Runtime: 'nodejs22.x', Handler: 'index.handler' });
  await allowApiGateway(lambda(), pythonEcho);
  await allowApiGateway(lambda(), nodeEcho);
});

function api(options: Partial<HttpApiOptions> & { routeKeys: string[] }) {
  return deployHttpApi(gateway(), { functionArn: arnOf(pythonEcho), ...options });
}

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json(): any;
}

async function call(url: string, init?: RequestInit): Promise<Answer> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}

/** The event the echo function received for this request. */
async function eventFor(url: string, init?: RequestInit): Promise<any> {
  const answer = await call(url, init);
  expect(answer.status, answer.text).toBe(200);
  return answer.json();
}

/** A request sent byte for byte as given: repeated headers stay separate lines. */
function rawCall(url: string, method: string, headers: Record<string, string | string[]>, body = ''): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) for (const v of [value ?? []].flat()) responseHeaders.append(name, v);
        resolve({ status: res.statusCode ?? 0, headers: responseHeaders, text, json: () => JSON.parse(text) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** AWS's own answers: a JSON message, apigw-requestid, and no x-amzn-ErrorType. */
function expectGatewayAnswer(answer: Answer, status: number, message: string) {
  expect(answer.status).toBe(status);
  expect(answer.json()).toEqual({ message });
  expect(answer.headers.get('apigw-requestid')).toMatch(/^[A-Za-z0-9_-]{15}=$/);
  expect(answer.headers.get('x-amzn-errortype')).toBeNull();
}

describe('stage selection', () => {
  test('a named stage is the first path segment, and rawPath keeps it', async () => {
    const deployed = await api({ routeKeys: ['GET /items'] });
    const event = await eventFor(deployed.url('/items'));
    expect(event).toMatchObject({ rawPath: '/prod/items', routeKey: 'GET /items', requestContext: { stage: 'prod', http: { path: '/prod/items' } } });
  });

  test('the $default stage serves the whole path, with no stage in rawPath', async () => {
    const deployed = await api({ routeKeys: ['GET /prod/items'], stageName: '$default' });
    const event = await eventFor(`${deployed.apiEndpoint}/prod/items`);
    expect(event).toMatchObject({ rawPath: '/prod/items', routeKey: 'GET /prod/items', requestContext: { stage: '$default' } });
    expectGatewayAnswer(await call(`${deployed.apiEndpoint}/$default/prod/items`), 404, 'Not Found');
  });

  test('a named stage wins over $default for its own first segment; $default takes every other path', async () => {
    const deployed = await api({ routeKeys: ['GET /{proxy+}'] });
    await gateway().send(new CreateStageCommand({ ApiId: deployed.apiId, StageName: '$default', AutoDeploy: true }));
    expect(await eventFor(deployed.url('/a'))).toMatchObject({ rawPath: '/prod/a', pathParameters: { proxy: 'a' }, requestContext: { stage: 'prod' } });
    expect(await eventFor(`${deployed.apiEndpoint}/dev/a`)).toMatchObject({
      rawPath: '/dev/a',
      pathParameters: { proxy: 'dev/a' },
      requestContext: { stage: '$default' },
    });
  });

  test('an unknown stage, API or path is 404 {"message":"Not Found"}', async () => {
    const deployed = await api({ routeKeys: ['GET /items'] });
    expectGatewayAnswer(await call(`${deployed.apiEndpoint}/dev/items`), 404, 'Not Found');
    expectGatewayAnswer(await call(deployed.url('/other')), 404, 'Not Found');
    expectGatewayAnswer(await call(`${sandbox.url}/_api/nosuchapi0/prod/items`), 404, 'Not Found');
    expectGatewayAnswer(await call(deployed.url('/items'), { method: 'POST', body: '{}' }), 404, 'Not Found');
  });

  test('a stage serves its last deployment, not routes added since', async () => {
    const deployed = await api({ routeKeys: ['GET /items'] });
    await gateway().send(new CreateRouteCommand({ ApiId: deployed.apiId, RouteKey: 'GET /later', Target: `integrations/${deployed.integrationId}` }));
    expectGatewayAnswer(await call(deployed.url('/later')), 404, 'Not Found');
    await gateway().send(new CreateDeploymentCommand({ ApiId: deployed.apiId, StageName: 'prod' }));
    expect((await eventFor(deployed.url('/later'))).routeKey).toBe('GET /later');
  });

  test('requests signed for <apiId>.execute-api.<region>.amazonaws.com reach the same API', async () => {
    const deployed = await api({ routeKeys: ['GET /items'] });
    const answer = await rawCall(`${sandbox.url}/prod/items`, 'GET', { host: `${deployed.apiId}.execute-api.us-east-1.amazonaws.com` });
    expect(answer.status).toBe(200);
    expect(answer.json()).toMatchObject({ rawPath: '/prod/items', requestContext: { apiId: deployed.apiId } });
  });
});

describe('route selection', () => {
  // The developer guide's own example of how routes are chosen.
  const routeKeys = ['GET /pets/dog/1', 'GET /pets/dog/{id}', 'GET /pets/{proxy+}', 'ANY /{proxy+}', '$default'];

  test.each([
    ['GET', '/pets/dog/1', 'GET /pets/dog/1', undefined],
    ['GET', '/pets/dog/2', 'GET /pets/dog/{id}', { id: '2' }],
    ['GET', '/pets/cat/1', 'GET /pets/{proxy+}', { proxy: 'cat/1' }],
    ['POST', '/test/some/thing', 'ANY /{proxy+}', { proxy: 'test/some/thing' }],
    ['GET', '/', '$default', undefined],
  ])('%s %s goes to %s', async (method, path, routeKey, pathParameters) => {
    const deployed = await api({ routeKeys, stageName: '$default' });
    const event = await eventFor(deployed.url(path), { method, body: method === 'POST' ? '{}' : undefined });
    expect(event.routeKey).toBe(routeKey);
    expect(event.requestContext.routeKey).toBe(routeKey);
    expect(event.pathParameters).toEqual(pathParameters);
  });

  test('a named method wins over ANY on the same path; ANY takes the rest', async () => {
    const deployed = await api({ routeKeys: ['ANY /things', 'DELETE /things'] });
    expect((await eventFor(deployed.url('/things'), { method: 'DELETE' })).routeKey).toBe('DELETE /things');
    expect((await eventFor(deployed.url('/things'), { method: 'PATCH' })).routeKey).toBe('ANY /things');
  });

  test('path parameters arrive decoded; a greedy variable needs at least one segment', async () => {
    const deployed = await api({ routeKeys: ['GET /files/{name}', 'GET /tree/{path+}'] });
    expect((await eventFor(deployed.url('/files/a%20b'))).pathParameters).toEqual({ name: 'a b' });
    expect((await eventFor(deployed.url('/tree/x/y%2Fz'))).pathParameters).toEqual({ path: 'x/y/z' });
    expectGatewayAnswer(await call(deployed.url('/tree/')), 404, 'Not Found');
  });

  test('with no matching route and no $default route the answer is 404', async () => {
    const deployed = await api({ routeKeys: ['GET /'] });
    expect((await eventFor(deployed.url('/'))).routeKey).toBe('GET /');
    expectGatewayAnswer(await call(deployed.url('/'), { method: 'PUT', body: '{}' }), 404, 'Not Found');
  });
});

describe('the payload format 2.0 event', () => {
  test('has every member AWS sends, and the same request id as apigw-requestid', async () => {
    const deployed = await api({ routeKeys: ['POST /orders/{id}'], stageVariables: { table: 'ccbda-lambda-first' } });
    const before = Date.now();
    const answer = await rawCall(
      deployed.url('/orders/42?item=a&item=b&empty=&x=1'),
      'POST',
      {
        'Content-Type': 'application/json',
        'User-Agent': 'labbook-test/1.0',
        'X-Repeated': ['one', 'two'],
        Cookie: ['session=abc; theme=dark', 'extra=1'],
      },
      '{"thingID":{"S":"a"}}',
    );
    expect(answer.status).toBe(200);
    const event = answer.json();
    expect(Object.keys(event).sort()).toEqual(
      [
        'body',
        'cookies',
        'headers',
        'isBase64Encoded',
        'pathParameters',
        'queryStringParameters',
        'rawPath',
        'rawQueryString',
        'requestContext',
        'routeKey',
        'stageVariables',
        'version',
      ].sort(),
    );
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /orders/{id}',
      rawPath: '/prod/orders/42',
      rawQueryString: 'item=a&item=b&empty=&x=1',
      cookies: ['session=abc', 'theme=dark', 'extra=1'],
      queryStringParameters: { item: 'a,b', empty: '', x: '1' },
      pathParameters: { id: '42' },
      stageVariables: { table: 'ccbda-lambda-first' },
      body: '{"thingID":{"S":"a"}}',
      isBase64Encoded: false,
    });
    expect(event.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'labbook-test/1.0',
      'x-repeated': 'one,two',
      'content-length': '21',
      'x-forwarded-for': '127.0.0.1',
      'x-forwarded-proto': 'http',
      'x-forwarded-port': String(new URL(sandbox.url).port),
    });
    expect(event.headers['x-amzn-trace-id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(event.headers.cookie).toBeUndefined();
    expect(Object.keys(event.headers).every((name) => name === name.toLowerCase())).toBe(true);
    const context = event.requestContext;
    expect(context).toMatchObject({
      accountId: sandbox.accountId,
      apiId: deployed.apiId,
      domainName: `${deployed.apiId}.execute-api.us-east-1.amazonaws.com`,
      domainPrefix: deployed.apiId,
      http: { method: 'POST', path: '/prod/orders/42', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'labbook-test/1.0' },
      routeKey: 'POST /orders/{id}',
      stage: 'prod',
    });
    expect(context.requestId).toBe(answer.headers.get('apigw-requestid'));
    expect(context.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(context.timeEpoch).toBeGreaterThanOrEqual(before - 1000);
    expect(context.timeEpoch).toBeLessThanOrEqual(Date.now());
  });

  test('leaves out queryStringParameters, pathParameters, stageVariables, cookies and body when there are none', async () => {
    const deployed = await api({ routeKeys: ['GET /'] });
    const event = await eventFor(deployed.url('/'));
    expect(event).toMatchObject({ rawPath: '/prod/', rawQueryString: '', isBase64Encoded: false });
    for (const member of ['queryStringParameters', 'pathParameters', 'stageVariables', 'cookies', 'body']) expect(event).not.toHaveProperty(member);
    expect(event.headers['content-length']).toBe('0');
  });

  test.each([
    ['application/json; charset=utf-8', false],
    ['text/plain', false],
    ['application/xml', false],
    ['application/octet-stream', true],
    ['application/x-www-form-urlencoded', true],
  ])('a %s body arrives base64-encoded: %s', async (contentType, base64) => {
    const deployed = await api({ routeKeys: ['POST /'] });
    const body = 'thingID=a&é=1';
    const event = await eventFor(deployed.url('/'), { method: 'POST', headers: { 'content-type': contentType }, body });
    expect(event.isBase64Encoded).toBe(base64);
    expect(event.body).toBe(base64 ? Buffer.from(body).toString('base64') : body);
  });

  test('a body with no content type at all arrives base64-encoded', async () => {
    const deployed = await api({ routeKeys: ['POST /'] });
    const answer = await rawCall(deployed.url('/'), 'POST', {}, '{"a":1}');
    expect(answer.json()).toMatchObject({ body: Buffer.from('{"a":1}').toString('base64'), isBase64Encoded: true });
  });

  test('a Node.js handler gets the same event', async () => {
    const deployed = await api({ routeKeys: ['GET /node'], functionArn: arnOf(nodeEcho) });
    const event = await eventFor(deployed.url('/node?a=1'));
    expect(event).toMatchObject({ version: '2.0', routeKey: 'GET /node', rawPath: '/prod/node', queryStringParameters: { a: '1' } });
  });
});

describe('the payload format 1.0 event', () => {
  test('has single and multi-valued headers and query parameters, and nulls for what is missing', async () => {
    const deployed = await api({ routeKeys: ['PUT /items/{id}'], payloadFormatVersion: '1.0' });
    const answer = await rawCall(deployed.url('/items/7?a=1&a=2&b=3'), 'PUT', { 'content-type': 'text/plain', 'x-repeated': ['one', 'two'] }, 'hello');
    const event = answer.json();
    expect(event).toMatchObject({
      version: '1.0',
      resource: '/items/{id}',
      path: '/prod/items/7',
      httpMethod: 'PUT',
      queryStringParameters: { a: '2', b: '3' },
      multiValueQueryStringParameters: { a: ['1', '2'], b: ['3'] },
      pathParameters: { id: '7' },
      stageVariables: null,
      body: 'hello',
      isBase64Encoded: false,
    });
    expect(event.headers['x-repeated']).toBe('two');
    expect(event.multiValueHeaders['x-repeated']).toEqual(['one', 'two']);
    expect(event.requestContext).toMatchObject({
      accountId: sandbox.accountId,
      apiId: deployed.apiId,
      httpMethod: 'PUT',
      path: '/prod/items/7',
      resourcePath: '/items/{id}',
      stage: 'prod',
      requestId: answer.headers.get('apigw-requestid'),
      identity: { sourceIp: '127.0.0.1', accessKey: null, userArn: null },
    });
    expect(event.requestContext.requestTime).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
  });

  test('an empty request has null query parameters and body', async () => {
    const deployed = await api({ routeKeys: ['GET /'], payloadFormatVersion: '1.0' });
    expect(await eventFor(deployed.url('/'))).toMatchObject({
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
      pathParameters: null,
      body: null,
      isBase64Encoded: false,
    });
  });
});

/** Makes the echo function return `result` (it returns the request's JSON body). */
function returning(url: string, result: unknown): Promise<Answer> {
  return call(`${url}?mode=return`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(result) });
}

describe('response mapping, payload format 2.0', () => {
  let url: string;
  beforeAll(async () => {
    url = (await api({ routeKeys: ['POST /'] })).url('/');
  });

  test('statusCode as a number or a numeric string, headers, cookies', async () => {
    const answer = await returning(url, {
      statusCode: '201',
      headers: { 'X-Custom': 'yes', 'Content-Type': 'text/csv' },
      cookies: ['a=1; Path=/', 'b=2'],
      body: 'x,y',
    });
    expect(answer.status).toBe(201);
    expect(answer.text).toBe('x,y');
    expect(answer.headers.get('x-custom')).toBe('yes');
    expect(answer.headers.get('content-type')).toBe('text/csv');
    expect(answer.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2']);
    expect((await returning(url, { statusCode: 418, body: '' })).status).toBe(418);
  });

  test('a base64-encoded body is decoded', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    const response = await fetch(`${url}?mode=return`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ statusCode: 200, headers: { 'content-type': 'application/octet-stream' }, isBase64Encoded: true, body: bytes.toString('base64') }),
    });
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);
  });

  test('a body without a content type is labelled as UTF-8 text', async () => {
    const answer = await returning(url, { statusCode: 200, body: 'hi' });
    expect(answer.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  });

  test.each([
    [{ message: 'no statusCode' }, '{"message": "no statusCode"}'],
    ['Hello from Lambda!', '"Hello from Lambda!"'],
    [[1, 2], '[1, 2]'],
  ])('a result without statusCode (%j) is a 200 whose JSON body is the result', async (result, body) => {
    const answer = await returning(url, result);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(answer.text).toBe(body);
  });

  test('None (Python) and undefined (Node.js) are valid JSON null: a 200 with the body null, at once', async () => {
    for (const target of [url, (await api({ routeKeys: ['GET /'], functionArn: arnOf(nodeEcho) })).url('/')]) {
      const started = Date.now();
      const answer = await call(`${target}?mode=none`, { method: target === url ? 'POST' : 'GET', signal: AbortSignal.timeout(10_000) });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('application/json');
      expect(answer.text).toBe('null');
      expect(Date.now() - started).toBeLessThan(5_000);
    }
  });

  test.each([
    [{ statusCode: 'abc', body: 'x' }],
    [{ statusCode: 99 }],
    [{ statusCode: 200, body: { not: 'a string' } }],
    [{ statusCode: 200, headers: { 'x-bad': { nested: true } } }],
    [{ statusCode: 200, headers: 'not an object' }],
    [{ statusCode: 200, cookies: 'a=1' }],
  ])('a malformed response (%j) is a 500', async (result) => {
    expectGatewayAnswer(await returning(url, result), 500, 'Internal Server Error');
  });
});

describe('response mapping, payload format 1.0', () => {
  let url: string;
  beforeAll(async () => {
    url = (await api({ routeKeys: ['POST /'], payloadFormatVersion: '1.0' })).url('/');
  });

  test('headers and multiValueHeaders, the multi-valued ones winning', async () => {
    const answer = await returning(url, {
      statusCode: 202,
      headers: { 'x-one': 'single', 'x-both': 'from headers' },
      multiValueHeaders: { 'x-both': ['m1', 'm2'], 'set-cookie': ['a=1', 'b=2'] },
      body: 'ok',
    });
    expect(answer.status).toBe(202);
    expect(answer.headers.get('x-one')).toBe('single');
    expect(answer.headers.get('x-both')).toBe('m1,m2');
    expect(answer.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
  });

  test('anything but a response object is a 500: API Gateway assumes nothing for 1.0', async () => {
    expectGatewayAnswer(await returning(url, { message: 'no statusCode' }), 500, 'Internal Server Error');
    expectGatewayAnswer(await call(`${url}?mode=none`, { method: 'POST' }), 500, 'Internal Server Error');
  });
});

describe('failures', () => {
  test('an unhandled error is a 500 {"message":"Internal Server Error"}, never a 200 (Python and Node.js)', async () => {
    const python = await api({ routeKeys: ['GET /'] });
    const node = await api({ routeKeys: ['GET /'], functionArn: arnOf(nodeEcho) });
    for (const deployed of [python, node]) {
      const answer = await call(deployed.url('/?mode=raise'));
      expectGatewayAnswer(answer, 500, 'Internal Server Error');
      expect(answer.headers.get('content-type')).toBe('application/json');
      expect(answer.headers.get('date')).not.toBeNull();
    }
  });

  test("the function's own timeout is a 500; the integration's timeout is AWS's 503", async () => {
    const slow = await deploy(lambda(), sandbox.accountId, { files: { 'app.py': PYTHON_ECHO }, Timeout: 1 });
    await allowApiGateway(lambda(), slow);
    const functionTimeout = await api({ routeKeys: ['GET /'], functionArn: arnOf(slow) });
    expectGatewayAnswer(await call(functionTimeout.url('/?mode=sleep&seconds=3')), 500, 'Internal Server Error');
    const integrationTimeout = await api({ routeKeys: ['GET /'], timeoutInMillis: 300 });
    const started = Date.now();
    const answer = await call(integrationTimeout.url('/?mode=sleep&seconds=5'));
    expect(answer.status).toBe(503);
    expect(answer.json()).toEqual({ message: 'Service Unavailable' });
    // At the integration's 300 ms, not when the function ends: well short of its 5 s, even on a busy machine.
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  test('without a permission for API Gateway the answer is 500', async () => {
    const unpermitted = await deploy(lambda(), sandbox.accountId, { files: { 'app.py': PYTHON_ECHO } });
    const deployed = await api({ routeKeys: ['GET /'], functionArn: arnOf(unpermitted) });
    expectGatewayAnswer(await call(deployed.url('/')), 500, 'Internal Server Error');
    await allowApiGateway(lambda(), unpermitted);
    expect((await call(deployed.url('/'))).status).toBe(200);
  });

  test("a permission's source ARN must match the API, stage, method and route path", async () => {
    const guarded = await deploy(lambda(), sandbox.accountId, { files: { 'app.py': PYTHON_ECHO } });
    const deployed = await api({ routeKeys: ['ANY /items/{id}'], functionArn: arnOf(guarded) });
    await allowApiGateway(lambda(), guarded, `arn:aws:execute-api:us-east-1:${sandbox.accountId}:${deployed.apiId}/*/GET/items/{id}`);
    expect((await call(deployed.url('/items/5'))).status).toBe(200);
    expectGatewayAnswer(await call(deployed.url('/items/5'), { method: 'DELETE' }), 500, 'Internal Server Error');
    const other = await api({ routeKeys: ['GET /items/{id}'], functionArn: arnOf(guarded) });
    expectGatewayAnswer(await call(other.url('/items/5')), 500, 'Internal Server Error');
  });

  test('a function that does not exist is a 500', async () => {
    const deployed = await api({ routeKeys: ['GET /'], functionArn: arnOf('NoSuchFunction') });
    expectGatewayAnswer(await call(deployed.url('/')), 500, 'Internal Server Error');
  });
});

describe('CORS', () => {
  const cors = {
    AllowOrigins: ['https://app.example.com'],
    AllowMethods: ['GET', 'POST'],
    AllowHeaders: ['content-type', 'x-api-key'],
    ExposeHeaders: ['x-request-id'],
    MaxAge: 300,
    AllowCredentials: true,
  };

  test('with a CORS configuration, API Gateway answers preflights itself, even with an OPTIONS route', async () => {
    const deployed = await api({ routeKeys: ['GET /', 'OPTIONS /'], cors });
    const answer = await call(deployed.url('/'), {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(answer.status).toBe(204);
    expect(answer.text).toBe('');
    expect(Object.fromEntries([...answer.headers].filter(([name]) => name.startsWith('access-control-')))).toEqual({
      'access-control-allow-origin': 'https://app.example.com',
      'access-control-allow-methods': 'GET,POST',
      'access-control-allow-headers': 'content-type,x-api-key',
      'access-control-max-age': '300',
      'access-control-allow-credentials': 'true',
    });
  });

  test('an origin the configuration does not allow gets no CORS headers', async () => {
    const deployed = await api({ routeKeys: ['GET /'], cors });
    const preflight = await call(deployed.url('/'), {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example.org', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect([...preflight.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
    const actual = await call(deployed.url('/'), { headers: { origin: 'https://evil.example.org' } });
    expect(actual.headers.get('access-control-allow-origin')).toBeNull();
  });

  test("responses get the configured headers in place of the function's own", async () => {
    const deployed = await api({ routeKeys: ['POST /'], cors: { AllowOrigins: ['*'], ExposeHeaders: ['x-request-id'] } });
    const answer = await call(`${deployed.url('/')}?mode=return`, {
      method: 'POST',
      // A page the student serves on this machine (not labbook's own: see the next test).
      headers: { origin: 'http://localhost:8000', 'content-type': 'application/json' },
      body: JSON.stringify({
        statusCode: 200,
        headers: { 'Access-Control-Allow-Origin': 'https://wrong.example', 'Access-Control-Allow-Methods': 'DELETE' },
        body: 'ok',
      }),
    });
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(answer.headers.get('access-control-expose-headers')).toBe('x-request-id');
    expect(answer.headers.get('access-control-allow-methods')).toBeNull();
  });

  test("labbook's own page may read every header of an answer its CORS grants, so its request client shows them; no other origin may", async () => {
    const deployed = await api({ routeKeys: ['POST /'] });
    const answerFor = (origin: string) =>
      call(`${deployed.url('/')}?mode=return`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: JSON.stringify({ statusCode: 200, headers: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET, POST' }, body: 'ok' }),
      });
    // PAGE_ORIGINS are this sandbox's labbook page origins; a page the student serves on this machine is not one.
    expect((await answerFor(PAGE_ORIGINS[0])).headers.get('access-control-expose-headers')).toBe('*');
    expect((await answerFor('http://localhost:8000')).headers.get('access-control-expose-headers')).toBeNull();
  });

  test('wildcard origins such as https://*.example.com match subdomains', async () => {
    const deployed = await api({ routeKeys: ['GET /'], cors: { AllowOrigins: ['https://*.example.com'] } });
    const allowed = await call(deployed.url('/'), { headers: { origin: 'https://shop.example.com' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    const refused = await call(deployed.url('/'), { headers: { origin: 'https://example.com.evil.org' } });
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('without a CORS configuration an OPTIONS request goes to the OPTIONS route like any method', async () => {
    const deployed = await api({ routeKeys: ['OPTIONS /'] });
    const event = await eventFor(deployed.url('/'), {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' },
    });
    expect(event.routeKey).toBe('OPTIONS /');
  });

  test('a CORS configuration added later takes effect with the next deployment', async () => {
    const deployed = await api({ routeKeys: ['GET /'] });
    await gateway().send(new UpdateApiCommand({ ApiId: deployed.apiId, CorsConfiguration: { AllowOrigins: ['*'] } }));
    expect((await call(deployed.url('/'), { headers: { origin: 'https://a.example' } })).headers.get('access-control-allow-origin')).toBeNull();
    await gateway().send(new CreateDeploymentCommand({ ApiId: deployed.apiId, StageName: 'prod' }));
    expect((await call(deployed.url('/'), { headers: { origin: 'https://a.example' } })).headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('limits and bad input', () => {
  test('a body over 10 MB is refused with 413, and the API keeps working', async () => {
    const deployed = await api({ routeKeys: ['POST /', 'GET /'] });
    const answer = await call(deployed.url('/'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(10 * 1024 * 1024 + 1) });
    expectGatewayAnswer(answer, 413, 'Request Entity Too Large');
    expect((await call(deployed.url('/'))).status).toBe(200);
  });

  test("an event over Lambda's 6 MB limit is refused with 413", async () => {
    const deployed = await api({ routeKeys: ['POST /'] });
    const answer = await call(deployed.url('/'), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x'.repeat(7 * 1024 * 1024) });
    expectGatewayAnswer(answer, 413, 'Request Entity Too Large');
  });

  test('odd paths and methods get AWS answers, not crashes', async () => {
    const deployed = await api({ routeKeys: ['GET /items/{id}', 'GET /p/{__proto__}'] });
    expectGatewayAnswer(await call(deployed.url('/items/%E0%A4%A')), 404, 'Not Found');
    expectGatewayAnswer(await rawCall(deployed.url('/items/1'), 'PROPFIND', {}), 404, 'Not Found');
    for (const stage of ['constructor', '__proto__', 'toString']) expectGatewayAnswer(await call(`${deployed.apiEndpoint}/${stage}/items/1`), 404, 'Not Found');
    expect(Object.entries((await eventFor(deployed.url('/p/x'))).pathParameters)).toEqual([['__proto__', 'x']]);
    expect((await call(deployed.url('/items/1'))).status).toBe(200);
  });
});

describe("the lab's CRUD function behind the API", () => {
  beforeAll(async () => {
    const ddb = sandbox.client(DynamoDBClient);
    await ddb.send(onDemandTable('ccbda-lambda-first', 'thingID'));
    await waitUntilTableExists({ client: ddb, maxWaitTime: 30, minDelay: 1 }, { TableName: 'ccbda-lambda-first' });
  });

  async function crudApi(files: Record<string, string>) {
    const name = await deploy(lambda(), sandbox.accountId, { files, Handler: 'lambda_crud.lambda_handler', Role: labRole(sandbox.accountId) });
    await allowApiGateway(lambda(), name);
    return api({ routeKeys: ['GET /', 'POST /', 'PUT /', 'DELETE /', 'OPTIONS /'], functionArn: arnOf(name) });
  }

  test('lambda/crud: POST puts an item, GET scans it back', async () => {
    const deployed = await crudApi({ 'lambda_crud.py': await readFile('lambda/crud/lambda_crud.py', 'utf8') });
    const put = await call(deployed.url('/'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ TableName: 'ccbda-lambda-first', Item: { thingID: { S: 'through-the-api' } } }),
    });
    expect(put.status).toBe(200);
    const stored = await sandbox
      .client(DynamoDBClient)
      .send(new GetItemCommand({ TableName: 'ccbda-lambda-first', Key: { thingID: { S: 'through-the-api' } } }));
    expect(stored.Item).toEqual({ thingID: { S: 'through-the-api' } });
    const scan = await call(`${deployed.url('/')}?TableName=ccbda-lambda-first`);
    expect(scan.status).toBe(200);
    expect(scan.json().Items).toContainEqual({ thingID: { S: 'through-the-api' } });
  });
});

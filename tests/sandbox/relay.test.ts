// The relay, as the page uses it: SDK clients from src/cloud sign for the real
// AWS host, send to /relay/<host>/… on labbook's server, and the server forwards
// to the sandbox (LABBOOK_RELAY_UPSTREAM=sandbox) with Host restored, where the
// signature is checked against the real AWS host name as AWS would.
import { DynamoDBClient, ListTablesCommand, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { cloudClient } from '../../src/cloud/clients.ts';
import { parseCredentials } from '../../src/cloud/credentials-parse.ts';
import { $target, checkTarget, useAws } from '../../src/cloud/target.ts';
import { createRelay } from '../../src/server/relay/relay.ts';
import type { RunningServer } from '../../src/server/server.ts';
import { onDemandTable } from './dynamodb-helpers.ts';
import { labRole, zipOf } from './lambda-helpers.ts';
import { actAsPageOf, relayAccess, siteFetch, startTestServer } from './server-helpers.ts';
import type { IssuedCredentials } from '../../src/sandbox/index.ts';

let server: RunningServer;
let credentialsUrl: string;
const consoleCalls: unknown[][] = [];

async function issue(durationSeconds?: number): Promise<IssuedCredentials> {
  const response = await fetch(credentialsUrl, { method: 'POST', body: JSON.stringify(durationSeconds === undefined ? {} : { durationSeconds }) });
  return response.json();
}

function blockOf(c: Pick<IssuedCredentials, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>): string {
  return `[default]\naws_access_key_id=${c.accessKeyId}\naws_secret_access_key=${c.secretAccessKey}\naws_session_token=${c.sessionToken}\n`;
}

beforeAll(async () => {
  server = await startTestServer({ LABBOOK_RELAY_UPSTREAM: 'sandbox' });
  credentialsUrl = (await (await siteFetch(server, '/api/sandbox')).json()).credentialsUrl;
  actAsPageOf(server);
  // Nothing the relay does may reach a log.
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleCalls.push(args));
  }
});

afterAll(async () => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  await server?.close();
});

describe('SDK calls through the relay, signed for the real AWS hosts', () => {
  let issued: IssuedCredentials;

  beforeAll(async () => {
    issued = await issue();
  });

  test('GET /api/relay tells the page where the relay is, on an origin of its own, and its key', async () => {
    const response = await fetch('/api/relay');
    expect(response.status).toBe(200);
    const info = await response.json();
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/relay\/$/);
    expect(new URL(info.url).origin).not.toBe(new URL(server.url).origin);
    expect(info.key).toMatch(/^[\w-]{40,}$/);
  });

  test('pasted credentials are checked with STS GetCallerIdentity', async () => {
    await useAws(parseCredentials(blockOf(issued)), 'us-east-1');
    expect($target.get()).toMatchObject({ kind: 'aws', status: 'ready', identity: { account: issued.accountId, arn: issued.arn } });
    const identity = await cloudClient(STSClient).send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe(issued.accountId);
  });

  test('DynamoDB: create a table, put and scan an item', async () => {
    await useAws(parseCredentials(blockOf(issued)), 'us-east-1');
    const ddb = cloudClient(DynamoDBClient);
    await ddb.send(onDemandTable('relay-things', 'thingID'));
    expect((await ddb.send(new ListTablesCommand({}))).TableNames).toContain('relay-things');
    await ddb.send(new PutItemCommand({ TableName: 'relay-things', Item: { thingID: { S: 'a b/c?d' } } }));
    expect((await ddb.send(new ScanCommand({ TableName: 'relay-things' }))).Items).toEqual([{ thingID: { S: 'a b/c?d' } }]);
  });

  test('Lambda: a REST path with encoded characters arrives exactly as signed', async () => {
    await useAws(parseCredentials(blockOf(issued)), 'us-east-1');
    const lambda = cloudClient(LambdaClient);
    const { CreateFunctionCommand } = await import('@aws-sdk/client-lambda');
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'relay-fn',
        Runtime: 'python3.13',
        Handler: 'app.handler',
        Role: labRole(issued.accountId),
        Code: { ZipFile: zipOf({ 'app.py': 'def handler(event, context):\n    return event\n' }) },
      }),
    );
    // By ARN: the colons travel percent-encoded and are signed encoded twice.
    const arn = `arn:aws:lambda:us-east-1:${issued.accountId}:function:relay-fn`;
    const configuration = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: arn, Qualifier: '$LATEST' }));
    expect(configuration.FunctionArn).toBe(arn);
  });

  test('API Gateway: an API made through the relay has AWS’s invoke host, which the relay reaches again', async () => {
    await useAws(parseCredentials(blockOf(issued)), 'us-east-1');
    const { ApiGatewayV2Client, CreateApiCommand } = await import('@aws-sdk/client-apigatewayv2');
    const api = await cloudClient(ApiGatewayV2Client).send(new CreateApiCommand({ Name: 'relay-api', ProtocolType: 'HTTP' }));
    expect(api.ApiEndpoint).toBe(`https://${api.ApiId}.execute-api.us-east-1.amazonaws.com`);
    // No stage yet: API Gateway's own answer, from the sandbox's data plane behind the relay.
    const relay = await relayAccess(server);
    const answer = await fetch(`${relay.url}${api.ApiId}.execute-api.us-east-1.amazonaws.com/prod/`, { headers: { 'x-labbook-relay': relay.key } });
    expect(answer.status).toBe(404);
    expect(await answer.json()).toEqual({ message: 'Not Found' });
  });

  test('expired credentials: the check says expired, with AWS’s code', async () => {
    const expired = await issue(0);
    await useAws(parseCredentials(blockOf(expired)), 'us-east-1');
    expect($target.get()).toMatchObject({ status: 'expired', problem: expect.stringMatching(/^ExpiredToken: /) });
  });

  test('a call refused for its credentials marks the target expired, and a retry after new ones works', async () => {
    await useAws(parseCredentials(blockOf(issued)), 'us-east-1');
    const ddb = cloudClient(DynamoDBClient, { maxAttempts: 1 });
    const { accessKeyId, secretAccessKey, sessionToken } = issued;
    const wrongSecret = { accessKeyId, sessionToken, secretAccessKey: secretAccessKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) };
    $target.set({ ...$target.get(), credentials: wrongSecret });
    await expect(ddb.send(new ListTablesCommand({}))).rejects.toMatchObject({ name: 'InvalidSignatureException' });
    expect($target.get()).toMatchObject({ status: 'expired', problem: expect.stringMatching(/^InvalidSignatureException: /) });

    // The same client signs with whatever credentials the target has now.
    await useAws(parseCredentials(blockOf(issued)), 'us-east-1');
    expect((await ddb.send(new ListTablesCommand({}))).TableNames).toBeDefined();
  });

  test('an unknown key is invalid, not expired', async () => {
    await useAws(parseCredentials(blockOf({ ...issued, accessKeyId: 'ASIAUNKNOWNKEY000000' })), 'us-east-1');
    expect($target.get()).toMatchObject({ status: 'invalid', problem: expect.stringMatching(/^InvalidClientTokenId: /) });
    await useAws(parseCredentials(blockOf(issued)), 'us-east-1');
    await checkTarget();
    expect($target.get().status).toBe('ready');
  });

  test('neither credentials nor anything else reach the log', () => {
    expect(consoleCalls).toEqual([]);
  });
});

describe('the relay refuses what is not an AWS service host', () => {
  test.each([
    '/relay/169.254.169.254/latest/meta-data/',
    '/relay/2852039166/latest/meta-data/',
    '/relay/localhost:4510/',
    '/relay/127.0.0.1/',
    '/relay/dynamodb.us-east-1.amazonaws.com.example.org/',
    '/relay/dynamodb.us-east-1.amazonaws.com@169.254.169.254/',
    '/relay/dynamodb.us-east-1.amazonaws.com:80/',
    '/relay/dynamodb%2eus-east-1.amazonaws.com/',
    '/relay//169.254.169.254/',
    '/relay/DYNAMODB.US-EAST-1.AMAZONAWS.COM/',
    '/relay/dynamodb.us-east-1.amazonaws.com./',
  ])('%s', async (path) => {
    const relay = await relayAccess(server);
    const answer = await raw(relay.origin, { path, headers: { 'x-labbook-relay': relay.key } });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body).message).toMatch(/only to AWS service hosts/);
  });

  test('a page of another origin may not use it', async () => {
    const relay = await relayAccess(server);
    const answer = await raw(relay.origin, { path: '/relay/sts.amazonaws.com/', headers: { origin: 'https://evil.example', 'x-labbook-relay': relay.key } });
    expect(answer.status).toBe(403);
  });
});

/** An upstream that records what reached it and answers as told. */
function recordingUpstream(answer: (res: import('node:http').ServerResponse) => void) {
  const seen: Array<{ method?: string; url?: string; headers: IncomingHttpHeaders; body: Buffer }> = [];
  const upstream = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks) });
      answer(res);
    });
  });
  return { upstream, seen };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function raw(
  base: string,
  {
    method = 'POST',
    path,
    headers = {},
    body,
    chunks,
  }: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | string; chunks?: Buffer[] },
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, method, path, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString() }));
    });
    req.on('error', reject);
    for (const chunk of chunks ?? []) req.write(chunk);
    req.end(body);
  });
}

describe('forwarding, on its own', () => {
  let relay: Server;
  let relayUrl: string;
  let upstreamUrl: string;
  const { upstream, seen } = recordingUpstream((res) => {
    res.writeHead(302, {
      location: 'http://169.254.169.254/latest/meta-data/',
      'set-cookie': 'session=1',
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-requestid': 'req-1',
      'proxy-authenticate': 'Basic',
      'access-control-allow-origin': '*',
    });
    res.end('{"answer":true}');
  });

  beforeAll(async () => {
    upstreamUrl = await listen(upstream);
    const handle = createRelay({ allowedOrigins: () => ['http://127.0.0.1:1'], upstream: () => upstreamUrl, maxBodyBytes: 1024 });
    relay = createServer((req, res) => void handle(req, res));
    relayUrl = await listen(relay);
  });

  afterAll(async () => {
    await new Promise((resolve) => relay.close(resolve));
    await new Promise((resolve) => upstream.close(resolve));
  });

  test('the request leaves as signed, with Host restored and the page’s own headers dropped', async () => {
    const signed = {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.ListTables',
      'x-amz-date': '20260101T000000Z',
      'x-amz-security-token': 'token',
      authorization: 'AWS4-HMAC-SHA256 Credential=ASIA/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=abc',
      'amz-sdk-invocation-id': 'id',
    };
    const answer = await raw(relayUrl, {
      path: '/relay/dynamodb.us-east-1.amazonaws.com/a%2Fb//c?x=%20y&z',
      headers: {
        ...signed,
        cookie: 'labbook=1',
        origin: 'http://127.0.0.1:1',
        referer: 'http://127.0.0.1:1/page',
        'sec-fetch-mode': 'cors',
        connection: 'keep-alive, x-hop',
        'x-hop': '1',
      },
      body: '{}',
    });
    const last = seen.at(-1)!;
    expect(last.url).toBe('/a%2Fb//c?x=%20y&z');
    expect(last.headers.host).toBe('dynamodb.us-east-1.amazonaws.com');
    expect(last.headers).toMatchObject(signed);
    for (const name of ['cookie', 'origin', 'referer', 'sec-fetch-mode', 'x-hop']) expect(last.headers).not.toHaveProperty(name);
    expect(last.body.toString()).toBe('{}');

    // The redirect is not followed, and the browser is not told where it led; status and AWS's headers come back.
    expect(answer.status).toBe(302);
    expect(answer.body).toBe('{"answer":true}');
    expect(answer.headers['x-amzn-requestid']).toBe('req-1');
    expect(answer.headers['content-type']).toBe('application/x-amz-json-1.0');
    for (const name of ['location', 'set-cookie', 'proxy-authenticate', 'access-control-allow-origin']) expect(answer.headers).not.toHaveProperty(name);
    // The API's own CORS answer, under a name the browser ignores, for the request client to show.
    expect(answer.headers['x-labbook-api-access-control-allow-origin']).toBe('*');
    expect(seen).toHaveLength(1);
  });

  test('bodies over the cap get 413, declared or streamed, and never reach AWS', async () => {
    const before = seen.length;
    const declared = await raw(relayUrl, { path: '/relay/lambda.us-east-1.amazonaws.com/2015-03-31/functions', body: Buffer.alloc(1025) });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).message).toMatch(/larger than the relay forwards/);
    const streamed = await raw(relayUrl, {
      path: '/relay/lambda.us-east-1.amazonaws.com/2015-03-31/functions',
      headers: { 'transfer-encoding': 'chunked' },
      chunks: [Buffer.alloc(600), Buffer.alloc(600)],
    });
    expect(streamed.status).toBe(413);
    expect(seen.length).toBe(before);
    // Exactly at the cap is fine.
    expect((await raw(relayUrl, { path: '/relay/lambda.us-east-1.amazonaws.com/', body: Buffer.alloc(1024) })).status).toBe(302);
  });

  test('methods other than the SDK’s are refused; OPTIONS goes only to an API’s invoke URL', async () => {
    expect((await raw(relayUrl, { method: 'OPTIONS', path: '/relay/sts.amazonaws.com/' })).status).toBe(405);
    expect((await raw(relayUrl, { method: 'TRACE', path: '/relay/sts.amazonaws.com/' })).status).toBe(405);
    expect((await raw(relayUrl, { method: 'TRACE', path: '/relay/abc123defg.execute-api.us-east-1.amazonaws.com/prod/' })).status).toBe(405);
    const before = seen.length;
    expect((await raw(relayUrl, { method: 'OPTIONS', path: '/relay/abc123defg.execute-api.us-east-1.amazonaws.com/prod/' })).status).toBe(302);
    expect(seen.slice(before).map((request) => request.method)).toEqual(['OPTIONS']);
  });

  test('an unreachable AWS is a 502 that names the host', async () => {
    const closed = createServer();
    const closedUrl = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    const handle = createRelay({ allowedOrigins: () => [], upstream: () => closedUrl, maxBodyBytes: 1024 });
    const lonely = createServer((req, res) => void handle(req, res));
    const answer = await raw(await listen(lonely), { path: '/relay/sts.amazonaws.com/', body: '' });
    await new Promise((resolve) => lonely.close(resolve));
    expect(answer.status).toBe(502);
    expect(JSON.parse(answer.body).message).toMatch(/could not reach sts\.amazonaws\.com \(ECONNREFUSED\)/);
  });
});

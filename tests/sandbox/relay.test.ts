// The relay, as the page uses it: SDK clients from src/cloud sign for the real
// AWS host, send to /relay/<host>/… on labbook's server, and the server's relay opens
// TLS to that AWS name, which a front (aws-tls-front.ts) with a throwaway authority
// answers for the server's own sandbox: Host is restored, and the sandbox checks the
// signature against the real AWS host name as AWS would. The relay's
// forwarding on its own runs twice: to an http stand-in for AWS, and over TLS to AWS's
// names through a front (aws-tls-front.ts) whose throwaway authority only that relay trusts.
import { DynamoDBClient, ListTablesCommand, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { cloudClient } from '../../src/cloud/clients.ts';
import { parseCredentials } from '../../src/cloud/credentials-parse.ts';
import { $target, checkTarget, useAws } from '../../src/cloud/target.ts';
import { createRelay, type RelayOptions } from '../../src/server/relay/relay.ts';
import type { RunningServer } from '../../src/server/server.ts';
import { startTlsFront, throwawayAuthority, type CertificateAuthority, type TlsFront } from './aws-tls-front.ts';
import { onDemandTable } from './dynamodb-helpers.ts';
import { labRole, zipOf } from './lambda-helpers.ts';
import { actAsPageOf, relayAccess, siteFetch, startTestServer } from './server-helpers.ts';
import { connect } from './websocket-helpers.ts';
import type { IssuedCredentials } from '../../src/sandbox/index.ts';

/** The throwaway certificate authority of this file's TLS fronts, made once. */
let authority: Promise<CertificateAuthority> | undefined;
const testAuthority = () => (authority ??= throwawayAuthority());
let server: RunningServer;
/** AWS's names for the whole server's relay, in front of that server's sandbox. */
let front: TlsFront;
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
  let sandboxUrl = '';
  front = await startTlsFront(await testAuthority(), () => sandboxUrl);
  server = await startTestServer({}, { testNetwork: front.network });
  ({ endpoint: sandboxUrl, credentialsUrl } = await (await siteFetch(server, '/api/sandbox')).json());
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
  await front?.close();
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

  test('pasted credentials are checked with STS GetCallerIdentity, over TLS to AWS’s name', async () => {
    const forwardedBefore = front.forwarded();
    await useAws(parseCredentials(blockOf(issued)), 'us-east-1');
    expect(front.forwarded()).toBeGreaterThan(forwardedBefore);
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

  test('WebSocket: wss:// to a WebSocket API’s invoke name, and AWS’s answer to a message no route takes', async () => {
    await useAws(parseCredentials(blockOf(issued)), 'us-east-1');
    const { ApiGatewayV2Client, CreateApiCommand, CreateDeploymentCommand, CreateRouteCommand, CreateStageCommand } =
      await import('@aws-sdk/client-apigatewayv2');
    const gateway = cloudClient(ApiGatewayV2Client);
    const { ApiId } = await gateway.send(
      new CreateApiCommand({ Name: 'relay-ws', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' }),
    );
    // A route for deploying to accept; none that 'hello!' selects.
    await gateway.send(new CreateRouteCommand({ ApiId, RouteKey: 'ping' }));
    await gateway.send(new CreateStageCommand({ ApiId, StageName: 'prod' }));
    await gateway.send(new CreateDeploymentCommand({ ApiId, StageName: 'prod' }));
    const relay = await relayAccess(server);
    const forwardedBefore = front.forwarded();
    const client = await connect(`${relay.origin.replace(/^http/, 'ws')}/relay/${ApiId}.execute-api.us-east-1.amazonaws.com/prod`, {
      origin: relay.headers.origin,
      headers: { cookie: relay.headers.cookie },
    });
    expect(front.forwarded()).toBeGreaterThan(forwardedBefore);
    client.socket.send('hello!');
    expect(JSON.parse(await client.nextMessage())).toMatchObject({ message: 'Forbidden' });
    client.socket.close(1000);
    expect(await client.closed).toEqual({ code: 1000, reason: '' });
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

/** An upstream that records what reached it, and on which connection, and answers as told. */
function recordingUpstream(answer: (req: IncomingMessage, res: ServerResponse) => void) {
  const seen: Array<{ method?: string; url?: string; headers: IncomingHttpHeaders; body: Buffer; connection: number }> = [];
  const connections = new WeakMap<Socket, number>();
  const upstream = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks), connection: connections.get(req.socket)! });
      answer(req, res);
    });
  });
  let opened = 0;
  upstream.on('connection', (socket: Socket) => connections.set(socket, opened++));
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
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string; bytes: Buffer }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, method, path, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => {
        const bytes = Buffer.concat(parts);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: bytes.toString(), bytes });
      });
    });
    req.on('error', reject);
    for (const chunk of chunks ?? []) req.write(chunk);
    req.end(body);
  });
}

/** The answers of AWS's stand-in: framed as its services frame them, and one that is not AWS's to give. */
function awsLikeAnswer(req: IncomingMessage, res: ServerResponse): void {
  if (req.url === '/gzip') {
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'content-encoding': 'gzip' });
    return void res.end(gzipSync(GZIPPED_JSON));
  }
  if (req.url === '/chunked') {
    // No length: Node frames it in chunks, as a streamed answer is, each part written apart.
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write(CHUNKED_PARTS[0]);
    return void setTimeout(() => res.end(CHUNKED_PARTS[1]), 20);
  }
  res.writeHead(302, {
    location: 'http://169.254.169.254/latest/meta-data/',
    'set-cookie': 'session=1',
    'content-type': 'application/x-amz-json-1.0',
    'x-amzn-requestid': 'req-1',
    'proxy-authenticate': 'Basic',
    'access-control-allow-origin': '*',
  });
  res.end('{"answer":true}');
}
const GZIPPED_JSON = JSON.stringify({ TableNames: Array.from({ length: 200 }, (_, i) => `table-${i}`) });
const CHUNKED_PARTS = ['{"Items":[{"id":{"S":"1"}}', ',{"id":{"S":"2"}}]}'];

// Twice: to an http upstream, and as to AWS, over TLS to AWS's names through a front that only this relay's authority vouches for.
describe.each([
  ['plain HTTP', 'plain'],
  ['TLS, with AWS’s names', 'tls'],
] as const)('forwarding, on its own: %s', (_how, way) => {
  let relay: Server;
  let relayUrl: string;
  let upstreamUrl: string;
  let front: TlsFront | undefined;
  const { upstream, seen } = recordingUpstream(awsLikeAnswer);

  beforeAll(async () => {
    upstreamUrl = await listen(upstream);
    front = way === 'tls' ? await startTlsFront(await testAuthority(), () => upstreamUrl) : undefined;
    const connection = front ? { testNetwork: front.network } : { upstream: () => upstreamUrl };
    const handle = createRelay({ allowedOrigins: () => ['http://127.0.0.1:1'], maxBodyBytes: 1024, ...connection });
    relay = createServer((req, res) => void handle(req, res));
    relayUrl = await listen(relay);
  });

  afterAll(async () => {
    await new Promise((resolve) => relay.close(resolve));
    await front?.close();
    upstream.closeAllConnections();
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
    // The TLS run went through the front; the plain one never had one.
    expect(front?.forwarded() ?? 0).toBe(way === 'tls' ? 1 : 0);
  });

  test('requests in a row share one kept-alive connection to AWS', async () => {
    const path = '/relay/dynamodb.us-east-1.amazonaws.com/';
    for (let i = 0; i < 3; i++) expect((await raw(relayUrl, { path, body: '{}' })).status).toBe(302);
    expect(new Set(seen.slice(-3).map((request) => request.connection)).size).toBe(1);
  });

  test('a gzip-encoded answer comes back as AWS encoded it', async () => {
    const answer = await raw(relayUrl, { path: '/relay/dynamodb.us-east-1.amazonaws.com/gzip', headers: { 'accept-encoding': 'gzip' }, body: '{}' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(answer.bytes).toString()).toBe(GZIPPED_JSON);
  });

  test('a chunked answer comes back whole, still without a length', async () => {
    const answer = await raw(relayUrl, { path: '/relay/lambda.us-east-1.amazonaws.com/chunked', body: '{}' });
    expect(answer.status).toBe(200);
    expect(answer.headers['transfer-encoding']).toBe('chunked');
    expect(answer.headers).not.toHaveProperty('content-length');
    expect(answer.body).toBe(CHUNKED_PARTS.join(''));
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
});

describe('when the relay cannot reach AWS, the page is told why and nothing is sent', () => {
  /** The relay on its own with `connection`, asked once for `host`. */
  async function relayedOnce(connection: Partial<RelayOptions>, host: string) {
    const handle = createRelay({ allowedOrigins: () => [], maxBodyBytes: 1024, ...connection });
    const lonely = createServer((req, res) => void handle(req, res));
    const answer = await raw(await listen(lonely), { path: `/relay/${host}/`, body: '{}' });
    await new Promise((resolve) => lonely.close(resolve));
    return { status: answer.status, message: JSON.parse(answer.body).message as string };
  }

  test('a certificate the machine does not trust', async () => {
    const front = await startTlsFront(await testAuthority(), () => 'http://127.0.0.1:1');
    try {
      const answer = await relayedOnce({ testNetwork: front.untrusted }, 'dynamodb.us-east-1.amazonaws.com');
      expect(answer.status).toBe(502);
      expect(answer.message).toMatch(
        /^The relay refused the certificate dynamodb\.us-east-1\.amazonaws\.com presented \(\w+\): this computer does not trust it, so nothing was sent\./,
      );
      expect(front.forwarded()).toBe(0);
    } finally {
      await front.close();
    }
  });

  test('a trusted certificate that does not name the host', async () => {
    const front = await startTlsFront(await testAuthority(), () => 'http://127.0.0.1:1');
    try {
      const answer = await relayedOnce({ testNetwork: front.network }, 'dynamodb.eu-west-1.amazonaws.com');
      expect(answer).toMatchObject({ status: 502, message: expect.stringContaining('(ERR_TLS_CERT_ALTNAME_INVALID)') });
      expect(front.forwarded()).toBe(0);
    } finally {
      await front.close();
    }
  });

  test('an unreachable AWS is a 502 that names the host', async () => {
    const closed = createServer();
    const closedUrl = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    const answer = await relayedOnce({ upstream: () => closedUrl }, 'sts.amazonaws.com');
    expect(answer.status).toBe(502);
    expect(answer.message).toMatch(/could not reach sts\.amazonaws\.com \(ECONNREFUSED\)/);
  });
});

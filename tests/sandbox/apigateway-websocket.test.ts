// The WebSocket API data plane in the sandbox, driven by the `ws` client and
// the SDK v3: the handshake and $connect, routing by the route selection
// expression, route responses, $disconnect, the events each route receives,
// the @connections API, and the frame, message, idle and age limits. Includes
// the bugs other emulators are known for: a refused $connect that still opens
// the socket, PostToConnection to a closed or unknown connection not giving
// 410, @connections failing with the stage in the endpoint URL, and messages
// routed before an async $connect has finished.
import { ApiGatewayManagementApiClient, DeleteConnectionCommand, GetConnectionCommand, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { sendSigned, testSandbox, useSandbox } from './harness.ts';
import { deploy } from './lambda-helpers.ts';
import { failure } from './service-helpers.ts';
import {
  connect,
  deployWebSocketApi,
  heldConnectStarted,
  PROBE_PY,
  recordedEvent,
  recordedEvents,
  refusedWith,
  type DeployedWebSocketApi,
} from './websocket-helpers.ts';

const sandbox = useSandbox();
let folder: string;
let recordFile: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'labbook-ws-'));
  recordFile = join(folder, 'events.jsonl');
  await deploy(sandbox.client(LambdaClient), sandbox.accountId, {
    FunctionName: 'WsProbe',
    files: { 'app.py': PROBE_PY },
    Environment: { Variables: { RECORD_FILE: recordFile } },
    Timeout: 10,
  });
});
afterAll(() => rm(folder, { recursive: true, force: true }));

/** $connect, $disconnect and $default all on the probe; $default's answer goes back to the client. */
const probedApi = () =>
  deployWebSocketApi(sandbox, {
    $connect: { functionName: 'WsProbe' },
    $disconnect: { functionName: 'WsProbe' },
    $default: { functionName: 'WsProbe', routeResponse: true },
  });

const management = (api: DeployedWebSocketApi) => new ApiGatewayManagementApiClient({ ...sandbox.clientConfig(), endpoint: api.managementEndpoint });

const eventsOf = async (connectionId: string) => (await recordedEvents(recordFile)).filter((event) => event.requestContext.connectionId === connectionId);

/** The connection id of the next client, learnt from its CONNECT event (the probe's $connect records it). */
async function connectionIdOf(api: DeployedWebSocketApi, since: number): Promise<string> {
  const event = await recordedEvent(
    recordFile,
    (e) => e.requestContext.eventType === 'CONNECT' && e.requestContext.apiId === api.apiId && (e.requestContext.requestTimeEpoch as number) >= since,
  );
  return event.requestContext.connectionId;
}

describe('the handshake and $connect', () => {
  let api: DeployedWebSocketApi;
  beforeAll(async () => {
    api = await probedApi();
  });

  test('a client connects once $connect answers 200; the CONNECT event is shaped as AWS sends it', async () => {
    const since = Date.now();
    const client = await connect(`${api.url}?team=blue&team=red&map=bcn`, { headers: { 'User-Agent': 'labbook-test/1.0', 'X-Custom': 'yes' } });
    const id = await connectionIdOf(api, since);
    const [event] = await eventsOf(id);
    expect(id).toMatch(/^[A-Za-z0-9_-]{15}=$/);
    const domainName = `${api.apiId}.execute-api.us-east-1.amazonaws.com`;
    expect(event).toMatchObject({
      headers: { Host: domainName, 'User-Agent': 'labbook-test/1.0', 'X-Custom': 'yes', 'Sec-WebSocket-Version': '13', 'X-Forwarded-Proto': 'http' },
      multiValueHeaders: { Host: [domainName], 'X-Custom': ['yes'] },
      queryStringParameters: { team: 'red', map: 'bcn' },
      multiValueQueryStringParameters: { team: ['blue', 'red'], map: ['bcn'] },
      requestContext: {
        routeKey: '$connect',
        eventType: 'CONNECT',
        messageDirection: 'IN',
        stage: 'prod',
        identity: { sourceIp: '127.0.0.1', userAgent: 'labbook-test/1.0' },
        domainName,
        connectionId: id,
        apiId: api.apiId,
      },
      isBase64Encoded: false,
    });
    const context = event.requestContext;
    expect(context.requestId).toMatch(/^[A-Za-z0-9_-]{15}=$/);
    expect(context.extendedRequestId).toBe(context.requestId);
    expect(context.requestTime).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(context.requestTimeEpoch).toBeGreaterThanOrEqual(context.connectedAt as number);
    expect((event.headers as Record<string, string>)['Sec-WebSocket-Key']).toMatch(/==$/);
    expect(event.headers).not.toHaveProperty('Connection');
    client.socket.close();
    await client.closed;
  });

  test('a non-2xx statusCode from $connect refuses the handshake with that status, and no connection exists', async () => {
    const since = Date.now();
    expect(await refusedWith(`${api.url}?status=403`)).toBe(403);
    const id = await connectionIdOf(api, since);
    expect(await failure(management(api).send(new PostToConnectionCommand({ ConnectionId: id, Data: Buffer.from('hi') })))).toMatchObject({
      name: 'GoneException',
      status: 410,
    });
    // No connection, so no $disconnect either.
    await new Promise((r) => setTimeout(r, 300));
    expect((await eventsOf(id)).map((e) => e.requestContext.eventType)).toEqual(['CONNECT']);
  });

  test('$connect raising refuses with 502; a timed-out integration with 504', async () => {
    expect(await refusedWith(`${api.url}?fail=1`)).toBe(502);
    const slow = await deployWebSocketApi(sandbox, { $connect: { functionName: 'WsProbe', timeoutInMillis: 300 } });
    expect(await refusedWith(`${slow.url}?sleep=1.5`)).toBe(504);
  });

  test('without permission for its route, $connect is refused with 500 and the function is not called', async () => {
    const locked = await deployWebSocketApi(sandbox, { $connect: { functionName: 'WsProbe', permission: false } });
    expect(await refusedWith(locked.url)).toBe(500);
    // Only this API's events: the timed-out $connect of the test before still records its own when it wakes.
    expect((await recordedEvents(recordFile)).filter((e) => e.requestContext.apiId === locked.apiId)).toEqual([]);
  });

  test('with no $connect route every client is accepted', async () => {
    const open = await deployWebSocketApi(sandbox, { $default: { functionName: 'WsProbe', routeResponse: true } });
    const client = await connect(open.url);
    client.socket.send('anything');
    expect(JSON.parse(await client.nextMessage())).toEqual({ route: '$default', body: 'anything' });
    client.socket.close();
  });

  test('the subprotocol is the one $connect answers with, and none unless it does', async () => {
    const chosen = await connect(`${api.url}?protocol=flights.v2`, { protocols: ['flights.v1', 'flights.v2'] });
    expect(chosen.socket.protocol).toBe('flights.v2');
    chosen.socket.close();
    const plain = await connect(api.url);
    expect(plain.socket.protocol).toBe('');
    plain.socket.close();
  });

  test('a stage that does not exist, an unknown API and a broken handshake are refused', async () => {
    expect(await refusedWith(api.url.replace(/\/prod$/, '/nostage'))).toBe(403);
    expect(await refusedWith(api.url.replace(api.apiId, 'zzzzzzzzzz'))).toBe(404);
    const plainGet = await fetch(api.url.replace(/^ws/, 'http'));
    expect(plainGet.status).toBe(426);
  });

  test('messages sent while an async $connect is still running are routed only after it finished', async () => {
    // The client sends on open; the handshake itself waits for $connect, so the message cannot overtake it.
    const client = await connect(`${api.url}?sleep=0.8`);
    client.socket.send(JSON.stringify({ check: 'connect' }));
    expect(await client.nextMessage()).toBe('connect finished first');
    client.socket.close();
  });

  test('a client that gives up while $connect runs never connects, and $disconnect follows the $connect that accepted it', async () => {
    const since = Date.now();
    // $connect runs until the test lets it go, which is only once the client has given up.
    const hold = join(folder, 'connect-hold');
    await writeFile(hold, '');
    const client = new WebSocket(`${api.url}?hold=${encodeURIComponent(hold)}`);
    client.on('error', () => undefined);
    await heldConnectStarted(hold);
    client.terminate();
    await rm(hold);
    const id = await connectionIdOf(api, since);
    const event = await recordedEvent(recordFile, (e) => e.requestContext.connectionId === id && e.requestContext.eventType === 'DISCONNECT');
    expect(event.requestContext.disconnectStatusCode).toBe(1006);
    expect(await failure(management(api).send(new GetConnectionCommand({ ConnectionId: id })))).toMatchObject({ name: 'GoneException' });
  });

  test('a frame pipelined behind the upgrade request waits for $connect too', async () => {
    const { hostname, port, pathname } = new URL(api.url);
    const socket = connectTcp(Number(port), hostname);
    await new Promise((r) => socket.once('connect', r));
    const payload = Buffer.from(JSON.stringify({ check: 'connect' }));
    const mask = Buffer.from([1, 2, 3, 4]);
    const frame = Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, Buffer.from(payload.map((b, i) => b ^ mask[i % 4]))]);
    socket.write(
      `GET ${pathname}?sleep=0.8 HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    socket.write(frame);
    let received = Buffer.alloc(0);
    const answer = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no answer')), 30_000);
      socket.on('data', (chunk: Buffer) => {
        received = Buffer.concat([received, chunk]);
        const text = received.toString('latin1');
        const end = text.indexOf('\r\n\r\n');
        if (end === -1 || received.length < end + 6) return;
        const frameStart = received.subarray(end + 4);
        const length = frameStart[1] & 0x7f;
        if (frameStart.length < 2 + length) return;
        clearTimeout(timer);
        resolve(`${text.slice(0, text.indexOf('\r\n'))} | ${frameStart.subarray(2, 2 + length).toString('utf8')}`);
      });
    });
    expect(answer).toBe('HTTP/1.1 101 Switching Protocols | connect finished first');
    socket.destroy();
  });
});

describe('messages', () => {
  let api: DeployedWebSocketApi;
  beforeAll(async () => {
    api = await deployWebSocketApi(sandbox, {
      $default: { functionName: 'WsProbe', routeResponse: true },
      sendmessage: { functionName: 'WsProbe', routeResponse: true },
      quiet: { functionName: 'WsProbe' },
    });
  });

  test('the route selection expression picks the route; non-JSON, a missing key or an unknown action go to $default', async () => {
    const client = await connect(api.url);
    const routeOf = async (message: string) => {
      client.socket.send(message);
      return JSON.parse(await client.nextMessage());
    };
    expect(await routeOf('{"action": "sendmessage", "text": "hi"}')).toEqual({ route: 'sendmessage', body: '{"action": "sendmessage", "text": "hi"}' });
    expect(await routeOf('hello!')).toEqual({ route: '$default', body: 'hello!' });
    expect(await routeOf('{"text": "no action"}')).toMatchObject({ route: '$default' });
    expect(await routeOf('{"action": "nosuchroute"}')).toMatchObject({ route: '$default' });
    expect(await routeOf('{"action": {"nested": true}}')).toMatchObject({ route: '$default' });
    expect(await routeOf('{"action": "$connect"}')).toMatchObject({ route: '$default' });
    client.socket.close();
  });

  test('the MESSAGE event is shaped as AWS sends it', async () => {
    const since = Date.now();
    const client = await connect(api.url, { headers: { 'User-Agent': 'labbook-test/2.0' } });
    client.socket.send('{"action": "sendmessage"}');
    await client.nextMessage();
    const event = await recordedEvent(
      recordFile,
      (e) => e.requestContext.eventType === 'MESSAGE' && (e.requestContext.requestTimeEpoch as number) >= since && e.requestContext.apiId === api.apiId,
    );
    expect(Object.keys(event).sort()).toEqual(['body', 'isBase64Encoded', 'requestContext']);
    expect(event).toMatchObject({
      body: '{"action": "sendmessage"}',
      isBase64Encoded: false,
      requestContext: {
        routeKey: 'sendmessage',
        eventType: 'MESSAGE',
        messageDirection: 'IN',
        stage: 'prod',
        apiId: api.apiId,
        domainName: `${api.apiId}.execute-api.us-east-1.amazonaws.com`,
        identity: { sourceIp: '127.0.0.1', userAgent: 'labbook-test/2.0' },
      },
    });
    expect(event.requestContext.messageId).toMatch(/^[A-Za-z0-9_-]{15}=$/);
    expect(event.requestContext.messageId).not.toBe(event.requestContext.requestId);
    expect(event.requestContext.connectedAt).toBeLessThanOrEqual(event.requestContext.requestTimeEpoch as number);
    client.socket.close();
  });

  test('without a $default route an unmatched message answers Forbidden with the connection and request ids', async () => {
    const strict = await deployWebSocketApi(sandbox, { sendmessage: { functionName: 'WsProbe', routeResponse: true } });
    const client = await connect(strict.url);
    client.socket.send('hello!');
    const answer = JSON.parse(await client.nextMessage());
    expect(answer).toEqual({ message: 'Forbidden', connectionId: expect.stringMatching(/^[A-Za-z0-9_-]{15}=$/), requestId: expect.stringMatching(/=$/) });
    client.socket.send('{"action": "sendmessage"}');
    expect(JSON.parse(await client.nextMessage())).toMatchObject({ route: 'sendmessage' });
    client.socket.close();
  });

  test('a failing integration answers Internal server error with the ids of the connection and the request', async () => {
    const client = await connect(api.url);
    client.socket.send('{"action": "sendmessage", "raise": true}');
    const answer = JSON.parse(await client.nextMessage());
    expect(answer).toEqual({ message: 'Internal server error', connectionId: expect.any(String), requestId: expect.any(String) });
    const failed = await recordedEvent(recordFile, (e) => e.requestContext.connectionId === answer.connectionId);
    expect(failed.requestContext.requestId).toBe(answer.requestId);
    client.socket.close();
  });

  test('the backend’s answer reaches the client only on a route with a route response', async () => {
    const client = await connect(api.url);
    client.socket.send('{"action": "quiet", "marker": 1}');
    await recordedEvent(recordFile, (e) => e.body === '{"action": "quiet", "marker": 1}');
    client.socket.send('{"action": "sendmessage", "marker": 2}');
    expect(JSON.parse(await client.nextMessage())).toMatchObject({ route: 'sendmessage' });
    expect(client.received).toHaveLength(1);
    client.socket.close();
  });

  test('binary frames are refused: the connection closes with 1003', async () => {
    const client = await connect(api.url);
    client.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    expect((await client.closed).code).toBe(1003);
  });
});

describe('$disconnect', () => {
  let api: DeployedWebSocketApi;
  beforeAll(async () => {
    api = await probedApi();
  });

  test('runs after the client closes, with its status code and reason; the DISCONNECT event is shaped as AWS sends it', async () => {
    const since = Date.now();
    const client = await connect(api.url);
    const id = await connectionIdOf(api, since);
    client.socket.close(4000, 'bye for now');
    await client.closed;
    const event = await recordedEvent(recordFile, (e) => e.requestContext.connectionId === id && e.requestContext.eventType === 'DISCONNECT');
    const domainName = `${api.apiId}.execute-api.us-east-1.amazonaws.com`;
    expect(event).toEqual({
      headers: { Host: domainName, 'x-api-key': '', 'X-Forwarded-For': '', 'x-restapi': '' },
      multiValueHeaders: { Host: [domainName], 'x-api-key': [''], 'X-Forwarded-For': [''], 'x-restapi': [''] },
      requestContext: expect.objectContaining({
        routeKey: '$disconnect',
        eventType: 'DISCONNECT',
        disconnectStatusCode: 4000,
        disconnectReason: 'bye for now',
        connectionId: id,
        apiId: api.apiId,
        stage: 'prod',
        messageDirection: 'IN',
      }),
      isBase64Encoded: false,
    });
  });

  test('a close without a status reports 1005; a dropped connection 1006', async () => {
    const since = Date.now();
    const quiet = await connect(api.url);
    const quietId = await connectionIdOf(api, since);
    quiet.socket.close();
    const event = await recordedEvent(recordFile, (e) => e.requestContext.connectionId === quietId && e.requestContext.eventType === 'DISCONNECT');
    expect(event.requestContext).toMatchObject({ disconnectStatusCode: 1005, disconnectReason: 'Client-side close frame status not set' });

    const later = Date.now();
    const dropped = await connect(api.url);
    const droppedId = await connectionIdOf(api, later);
    dropped.socket.terminate();
    const gone = await recordedEvent(recordFile, (e) => e.requestContext.connectionId === droppedId && e.requestContext.eventType === 'DISCONNECT');
    expect(gone.requestContext.disconnectStatusCode).toBe(1006);
  });
});

describe('the @connections API', () => {
  let api: DeployedWebSocketApi;
  beforeAll(async () => {
    api = await probedApi();
  });

  async function connected() {
    const since = Date.now();
    const client = await connect(api.url, { headers: { 'User-Agent': 'labbook-test/3.0' } });
    return { client, id: await connectionIdOf(api, since) };
  }

  test('PostToConnection, GetConnection and DeleteConnection through an endpoint with the stage in its path', async () => {
    const { client, id } = await connected();
    const connections = management(api);
    await connections.send(new PostToConnectionCommand({ ConnectionId: id, Data: Buffer.from('{"type": "init"}') }));
    expect(await client.nextMessage()).toBe('{"type": "init"}');

    client.socket.send('keep me active');
    await recordedEvent(recordFile, (e) => e.requestContext.connectionId === id && e.requestContext.eventType === 'MESSAGE');
    const details = await connections.send(new GetConnectionCommand({ ConnectionId: id }));
    expect(details.Identity).toEqual({ SourceIp: '127.0.0.1', UserAgent: 'labbook-test/3.0' });
    const connectEvent = (await eventsOf(id))[0];
    expect(details.ConnectedAt!.getTime()).toBe(Math.floor((connectEvent.requestContext.connectedAt as number) / 1000) * 1000);
    expect(details.LastActiveAt!.getTime()).toBeGreaterThanOrEqual(details.ConnectedAt!.getTime());

    await connections.send(new DeleteConnectionCommand({ ConnectionId: id }));
    expect((await client.closed).code).toBe(1000);
    const disconnect = await recordedEvent(recordFile, (e) => e.requestContext.connectionId === id && e.requestContext.eventType === 'DISCONNECT');
    expect(disconnect.requestContext).toMatchObject({ disconnectStatusCode: 1000, disconnectReason: 'Connection deleted' });
  });

  test('a closed connection and one that never existed answer 410 GoneException to every operation', async () => {
    const { client, id } = await connected();
    client.socket.close();
    await client.closed;
    const connections = management(api);
    for (const ConnectionId of [id, 'AAAAAAAAAAAAAAA=']) {
      for (const command of [
        new PostToConnectionCommand({ ConnectionId, Data: Buffer.from('late') }),
        new GetConnectionCommand({ ConnectionId }),
        new DeleteConnectionCommand({ ConnectionId }),
      ]) {
        expect(await failure(connections.send(command as PostToConnectionCommand))).toMatchObject({ name: 'GoneException', status: 410 });
      }
    }
  });

  test('a connection is reached only through its own stage', async () => {
    const { client, id } = await connected();
    const elsewhere = new ApiGatewayManagementApiClient({ ...sandbox.clientConfig(), endpoint: api.managementEndpoint.replace(/\/prod$/, '/other') });
    expect(await failure(elsewhere.send(new PostToConnectionCommand({ ConnectionId: id, Data: Buffer.from('x') })))).toMatchObject({ name: 'GoneException' });
    client.socket.close();
  });

  test('data up to 128 KB is delivered whole; more answers 413 PayloadTooLargeException', async () => {
    const { client, id } = await connected();
    const connections = management(api);
    const largest = 'x'.repeat(128 * 1024);
    await connections.send(new PostToConnectionCommand({ ConnectionId: id, Data: Buffer.from(largest) }));
    expect(await client.nextMessage()).toBe(largest);
    expect(await failure(connections.send(new PostToConnectionCommand({ ConnectionId: id, Data: Buffer.from(`${largest}!`) })))).toMatchObject({
      name: 'PayloadTooLargeException',
      status: 413,
    });
    client.socket.close();
  });

  test('a message over 32 KB reaches the client split into frames of at most 32 KB', async () => {
    const { client, id } = await connected();
    // The client's own frame reader (ws) notes each data frame's length as it reads it.
    const frames: number[] = [];
    const receiver = (client.socket as unknown as { _receiver: { haveLength(cb: unknown): void; _payloadLength: number; _opcode: number } })._receiver;
    const haveLength = receiver.haveLength;
    receiver.haveLength = function (this: typeof receiver, cb: unknown) {
      if (this._opcode < 8) frames.push(this._payloadLength);
      return haveLength.call(this, cb);
    };
    const text = 'f'.repeat(100 * 1024);
    await management(api).send(new PostToConnectionCommand({ ConnectionId: id, Data: Buffer.from(text) }));
    expect(await client.nextMessage()).toBe(text);
    expect(frames).toEqual([32768, 32768, 32768, 4096]);
    client.socket.close();
  });

  test('the AWS host name form, as boto3 inside a handler sends it: Host <apiId>.execute-api.<region>.amazonaws.com, path /<stage>/@connections/<id>', async () => {
    const { client, id } = await connected();
    const signed = {
      host: `${api.apiId}.execute-api.us-east-1.amazonaws.com`,
      service: 'execute-api',
      path: `/prod/@connections/${encodeURIComponent(id)}`,
      body: 'by host name',
      credentials: sandbox.credentials,
    };
    expect((await sendSigned(sandbox.url, signed)).status).toBe(200);
    expect(await client.nextMessage()).toBe('by host name');
    client.socket.close();
  });

  test('requests must be signed for execute-api with valid credentials', async () => {
    const { client, id } = await connected();
    const path = `/_api/${api.apiId}/prod/@connections/${encodeURIComponent(id)}`;
    const unsigned = await fetch(`${sandbox.url}${path}`, { method: 'POST', body: 'x' });
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    const wrongSecret = { ...sandbox.credentials, secretAccessKey: 'not-the-secret' };
    const badSignature = await sendSigned(sandbox.url, { service: 'execute-api', path, body: 'x', credentials: wrongSecret });
    expect([badSignature.status, badSignature.headers['x-amzn-errortype']]).toEqual([403, 'InvalidSignatureException']);
    const wrongService = await sendSigned(sandbox.url, { service: 'apigateway', path, body: 'x', credentials: sandbox.credentials });
    expect(wrongService.status).toBe(403);
    const noSuchApi = await sendSigned(sandbox.url, {
      service: 'execute-api',
      path: path.replace(api.apiId, 'zzzzzzzzzz'),
      body: 'x',
      credentials: sandbox.credentials,
    });
    expect([noSuchApi.status, noSuchApi.headers['x-amzn-errortype']]).toEqual([403, 'ForbiddenException']);
    expect(client.received).toEqual([]);
    client.socket.close();
  });

  test('a handler posts back with boto3 to https://{domainName}/{stage}, the endpoint its event names', async () => {
    const client = await connect(api.url);
    client.socket.send(JSON.stringify({ post: 'from the handler' }));
    expect(await client.nextMessage()).toBe('from the handler');
    client.socket.close();
  });
});

test('a Node.js handler posts back with the SDK v3 to https://{domainName}/{stage} as well', async () => {
  const handler = `
    import { ApiGatewayManagementApiClient, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
    export const handler = async (event) => {
      const { domainName, stage, connectionId } = event.requestContext;
      const client = new ApiGatewayManagementApiClient({ endpoint: \`https://\${domainName}/\${stage}\` });
      await client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'node says ' + event.body }));
      return { statusCode: 200 };
    };`;
  const functionName = await deploy(sandbox.client(LambdaClient), sandbox.accountId, {
    Runtime: 'nodejs22.x',
    Handler: 'index.handler',
    files: { 'index.mjs': handler },
  });
  const api = await deployWebSocketApi(sandbox, { $default: { functionName } });
  const client = await connect(api.url);
  client.socket.send('hello!');
  expect(await client.nextMessage()).toBe('node says hello!');
  client.socket.close();
});

describe('frame and message limits', () => {
  let api: DeployedWebSocketApi;
  beforeAll(async () => {
    api = await probedApi();
  });

  /** Sends `text` as frames of `frameBytes`. */
  function sendInFrames(client: Awaited<ReturnType<typeof connect>>, text: string, frameBytes: number) {
    for (let offset = 0; offset < text.length; offset += frameBytes) {
      client.socket.send(text.slice(offset, offset + frameBytes), { fin: offset + frameBytes >= text.length });
    }
  }

  test('a 100 KB message in 25 KB frames is routed whole', async () => {
    const client = await connect(api.url);
    const text = 'y'.repeat(100 * 1024);
    sendInFrames(client, text, 25 * 1024);
    expect(JSON.parse(await client.nextMessage())).toEqual({ route: '$default', body: text });
    client.socket.close();
  });

  test('one frame over 32 KB closes the connection with 1009, and $disconnect is told so', async () => {
    const since = Date.now();
    const client = await connect(api.url);
    const id = await connectionIdOf(api, since);
    client.socket.send('z'.repeat(32 * 1024 + 1));
    expect((await client.closed).code).toBe(1009);
    const event = await recordedEvent(recordFile, (e) => e.requestContext.connectionId === id && e.requestContext.eventType === 'DISCONNECT');
    expect(event.requestContext.disconnectStatusCode).toBe(1009);
    expect((await eventsOf(id)).some((e) => e.requestContext.eventType === 'MESSAGE')).toBe(false);
  });

  test('a message over 128 KB closes the connection with 1009, even in small frames', async () => {
    const client = await connect(api.url);
    sendInFrames(client, 'w'.repeat(128 * 1024 + 1), 16 * 1024);
    expect((await client.closed).code).toBe(1009);
  });
});

describe('idle timeout and maximum connection age (shortened for the test)', () => {
  let short: Awaited<ReturnType<typeof testSandbox>>;
  let api: DeployedWebSocketApi;
  beforeAll(async () => {
    short = await testSandbox({ webSocketLimits: { idleTimeoutMs: 1000, maxConnectionAgeMs: 2500 } });
    await deploy(short.client(LambdaClient), short.accountId, {
      FunctionName: 'WsProbe',
      files: { 'app.py': PROBE_PY },
      Environment: { Variables: { RECORD_FILE: recordFile } },
    });
    api = await deployWebSocketApi(short, { $disconnect: { functionName: 'WsProbe' }, $default: { functionName: 'WsProbe' } });
  });
  afterAll(() => short?.close());

  test('a connection with no message for the idle timeout is closed with 1001 Going away', async () => {
    // Timed from before the handshake: the sandbox's clock starts when it accepts, before the client hears so.
    const opened = Date.now();
    const client = await connect(api.url);
    expect(await client.closed).toEqual({ code: 1001, reason: 'Going away' });
    expect(Date.now() - opened).toBeGreaterThanOrEqual(900);
    const event = await recordedEvent(recordFile, (e) => e.requestContext.apiId === api.apiId && e.requestContext.eventType === 'DISCONNECT');
    expect(event.requestContext).toMatchObject({ disconnectStatusCode: 1001, disconnectReason: 'Going away' });
  });

  test('messages keep a connection alive, but not past its maximum age', async () => {
    const opened = Date.now();
    const client = await connect(api.url);
    const chatter = setInterval(() => client.socket.send('still here'), 300);
    try {
      const closed = await client.closed;
      expect(closed.code).toBe(1001);
      expect(Date.now() - opened).toBeGreaterThanOrEqual(2400);
    } finally {
      clearInterval(chatter);
    }
  });
});

// Shared by the WebSocket API test files: a WebSocket API wired to Lambda
// functions the way the lab wires one (integration, route, permission with a
// source ARN, stage), a `ws` client that reports what a user would see, and a
// probe handler that writes every event it gets to a file the test reads.
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateDeploymentCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateRouteResponseCommand,
  CreateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { AddPermissionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { access, readFile } from 'node:fs/promises';
import WebSocket from 'ws';
import type { TestSandbox } from './harness.ts';

export interface RouteSpec {
  /** Function name in the sandbox's account. */
  functionName: string;
  /** Send the integration's answer back to the client (a route response). */
  routeResponse?: boolean;
  /** Grant API Gateway permission to invoke the function from this route (default true). */
  permission?: boolean;
  timeoutInMillis?: number;
}

export interface DeployedWebSocketApi {
  apiId: string;
  /** ws://…/_api/<apiId>/<stage>, what a client connects to. */
  url: string;
  /** http://…/_api/<apiId>/<stage>, the @connections endpoint. */
  managementEndpoint: string;
  stage: string;
}

let statementCounter = 0;

/** Creates a WEBSOCKET API, one Lambda proxy integration and route per entry, and a deployed stage. */
export async function deployWebSocketApi(
  sandbox: Pick<TestSandbox, 'client' | 'clientConfig' | 'accountId'>,
  routes: Record<string, RouteSpec>,
  { stage = 'prod', routeSelectionExpression = '$request.body.action', name = 'TestWebSocketAPI' } = {},
): Promise<DeployedWebSocketApi> {
  const gateway = sandbox.client(ApiGatewayV2Client);
  const lambda = sandbox.client(LambdaClient);
  const { region } = sandbox.clientConfig();
  const { ApiId, ApiEndpoint } = await gateway.send(
    new CreateApiCommand({ Name: name, ProtocolType: 'WEBSOCKET', RouteSelectionExpression: routeSelectionExpression }),
  );
  for (const [routeKey, spec] of Object.entries(routes)) {
    const functionArn = `arn:aws:lambda:${region}:${sandbox.accountId}:function:${spec.functionName}`;
    const { IntegrationId } = await gateway.send(
      new CreateIntegrationCommand({
        ApiId,
        IntegrationType: 'AWS_PROXY',
        IntegrationMethod: 'POST',
        IntegrationUri: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`,
        ...(spec.timeoutInMillis ? { TimeoutInMillis: spec.timeoutInMillis } : {}),
      }),
    );
    const { RouteId } = await gateway.send(
      new CreateRouteCommand({
        ApiId,
        RouteKey: routeKey,
        Target: `integrations/${IntegrationId}`,
        ...(spec.routeResponse ? { RouteResponseSelectionExpression: '$default' } : {}),
      }),
    );
    if (spec.routeResponse) await gateway.send(new CreateRouteResponseCommand({ ApiId, RouteId, RouteResponseKey: '$default' }));
    if (spec.permission !== false) {
      statementCounter += 1;
      await lambda.send(
        new AddPermissionCommand({
          FunctionName: spec.functionName,
          StatementId: `ws-${statementCounter}`,
          Action: 'lambda:InvokeFunction',
          Principal: 'apigateway.amazonaws.com',
          SourceArn: `arn:aws:execute-api:${region}:${sandbox.accountId}:${ApiId}/*/${routeKey}`,
        }),
      );
    }
  }
  await gateway.send(new CreateStageCommand({ ApiId, StageName: stage }));
  await gateway.send(new CreateDeploymentCommand({ ApiId, StageName: stage }));
  return {
    apiId: ApiId!,
    url: `${ApiEndpoint}/${stage}`,
    managementEndpoint: `${ApiEndpoint!.replace(/^ws/, 'http')}/${stage}`,
    stage,
  };
}

/** A connected client that keeps every message it receives, in order. */
export interface Client {
  socket: WebSocket;
  /** Every message so far, as text. */
  received: string[];
  /** The next message not yet taken by nextMessage. */
  nextMessage(timeoutMs?: number): Promise<string>;
  /** Resolves with the close code and reason once the connection has closed. */
  closed: Promise<{ code: number; reason: string }>;
}

/** Connects; rejects with the HTTP status when the handshake is refused. */
export function connect(url: string, options: WebSocket.ClientOptions & { protocols?: string[] } = {}): Promise<Client> {
  const { protocols, ...rest } = options;
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, protocols, rest);
    const received: string[] = [];
    let taken = 0;
    const waiting: Array<() => void> = [];
    socket.on('message', (data: Buffer) => {
      received.push(data.toString('utf8'));
      waiting.splice(0).forEach((wake) => wake());
    });
    const closed = new Promise<{ code: number; reason: string }>((r) => socket.on('close', (code, reason) => r({ code, reason: reason.toString() })));
    socket.once('unexpected-response', (_req, res) => {
      reject(Object.assign(new Error(`handshake refused: ${res.statusCode}`), { status: res.statusCode }));
      res.resume();
    });
    socket.once('error', reject);
    socket.once('open', () =>
      resolve({
        socket,
        received,
        closed,
        nextMessage(timeoutMs = 30_000) {
          return new Promise((resolveMessage, rejectMessage) => {
            const check = () => {
              if (taken < received.length) {
                clearTimeout(timer);
                resolveMessage(received[taken++]);
              } else waiting.push(check);
            };
            const timer = setTimeout(() => rejectMessage(new Error(`no message within ${timeoutMs} ms`)), timeoutMs);
            check();
          });
        },
      }),
    );
  });
}

/** The HTTP status a refused handshake got. */
export async function refusedWith(url: string): Promise<number> {
  return connect(url).then(
    (client) => {
      client.socket.terminate();
      throw new Error('expected the handshake to be refused');
    },
    (error: Error & { status?: number }) => {
      if (error.status === undefined) throw error;
      return error.status;
    },
  );
}

/**
 * A Python handler for every route: it appends each event it gets to
 * RECORD_FILE (after doing what the event asks, so a slow $connect is
 * recorded when it finishes) and acts on what the client asked for:
 * $connect reads the query string (sleep, fail, status, protocol, hold);
 * a message is JSON (sleep, raise, check: "connect" to look for its own
 * CONNECT event, post: to answer through @connections with boto3).
 */
export const PROBE_PY = `
import json, os, time

def record(event):
    with open(os.environ['RECORD_FILE'], 'a') as f:
        f.write(json.dumps(event) + '\\n')

def recorded():
    with open(os.environ['RECORD_FILE']) as f:
        return [json.loads(line) for line in f if line.strip()]

def on_connect(event):
    params = event.get('queryStringParameters') or {}
    time.sleep(float(params.get('sleep', 0)))
    if 'hold' in params:
        # Says it has started, then runs on until the test deletes the hold file.
        open(params['hold'] + '.started', 'w').close()
        while os.path.exists(params['hold']):
            time.sleep(0.02)
    record(event)
    if 'fail' in params:
        raise RuntimeError('refused by the test')
    answer = {'statusCode': int(params.get('status', 200))}
    if 'protocol' in params:
        answer['headers'] = {'Sec-WebSocket-Protocol': params['protocol']}
    return answer

def on_message(event):
    try:
        message = json.loads(event['body'])
    except ValueError:
        message = None
    if not isinstance(message, dict):
        message = {}
    time.sleep(float(message.get('sleep', 0)))
    record(event)
    context = event['requestContext']
    if message.get('raise'):
        raise RuntimeError('the message handler failed')
    if message.get('check') == 'connect':
        seen = any(e['requestContext']['eventType'] == 'CONNECT' and e['requestContext']['connectionId'] == context['connectionId']
                   for e in recorded())
        return {'statusCode': 200, 'body': 'connect finished first' if seen else 'connect still running'}
    if 'post' in message:
        import boto3
        endpoint = 'https://%s/%s' % (context['domainName'], context['stage'])
        client = boto3.client('apigatewaymanagementapi', endpoint_url=endpoint)
        client.post_to_connection(ConnectionId=context['connectionId'], Data=message['post'].encode())
        return {'statusCode': 200}
    return {'statusCode': 200, 'body': json.dumps({'route': context['routeKey'], 'body': event['body']})}

def handler(event, context):
    kind = event['requestContext']['eventType']
    if kind == 'CONNECT':
        return on_connect(event)
    if kind == 'MESSAGE':
        return on_message(event)
    record(event)
    return {'statusCode': 200}
`;

export interface RecordedEvent {
  requestContext: Record<string, unknown> & { eventType: string; connectionId: string; routeKey: string };
  [member: string]: unknown;
}

export async function recordedEvents(file: string): Promise<RecordedEvent[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

/** Polls until `find` gives something, or fails with `missing` after `timeoutMs`. */
async function pollFor<T>(find: () => Promise<T | undefined>, missing: string, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(missing);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until the probe has recorded an event that matches. */
export const recordedEvent = (file: string, matches: (event: RecordedEvent) => boolean, timeoutMs = 60_000): Promise<RecordedEvent> =>
  pollFor(async () => (await recordedEvents(file)).find(matches), 'the expected event was not recorded in time', timeoutMs);

/** Waits until a $connect run with ?hold=FILE has started (it creates FILE.started, then runs until FILE is deleted). */
export const heldConnectStarted = (hold: string): Promise<true> =>
  pollFor(
    () =>
      access(`${hold}.started`).then(
        () => true as const,
        () => undefined,
      ),
    '$connect did not start in time',
    60_000,
  );

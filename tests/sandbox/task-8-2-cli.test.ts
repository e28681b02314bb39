// Task 8.2 end to end, as the chapter has students do it: the AWS CLI v2
// (--endpoint-url, credentials from the environment only) deploys the
// connections table, the four functions of lambda/ (ws-connect,
// ws-disconnect, ws-default, flight-fanout), the WebSocket API with its
// integrations, routes and permissions, a stage and deployment, the Kinesis
// stream and the event source mapping (fixtures/task-8-2/deploy.sh). Then a
// Python client on Debian's python3-websockets connects, is recorded in the
// table, receives init after hello!, receives the aircraft the producer puts
// on the stream, and is removed from the table when it closes.
//
// The handlers run on Debian's Python and boto3 1.26, which ignores
// AWS_ENDPOINT_URL: their @connections calls to
// https://<api>.execute-api.us-east-1.amazonaws.com/prod reach the sandbox
// only through the runtime's redirect, with that host name signed.
import { spawn, execFile, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AWS_TIMINGS_FAST, useSandbox } from './harness.ts';

const sandbox = useSandbox({ lambda: { python: '/usr/bin/python3' }, timings: AWS_TIMINGS_FAST });
const run = promisify(execFile);
const FIXTURES = resolve('tests/sandbox/fixtures/task-8-2');
const FUNCTIONS = { 'ws-connect': 'ws_connect.py', 'ws-disconnect': 'ws_disconnect.py', 'ws-default': 'ws_default.py', 'flight-fanout': 'flight_fanout.py' };
const TABLE = 'ccbda-ws-connections';
let workDir: string;
let deployed: { WS_API_ID: string; WS_URL: string; STREAM_ARN: string };

async function aws(...args: string[]): Promise<any> {
  const { stdout } = await run('/usr/bin/aws', [...args, '--endpoint-url', sandbox.url, '--output', 'json'], { env: sandbox.awsEnv() });
  return stdout.trim() ? JSON.parse(stdout) : undefined;
}

const scanConnections = async () => (await aws('dynamodb', 'scan', '--table-name', TABLE)).Items as Array<Record<string, { S: string }>>;

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The producer from lambda/flight-producer, on Debian's Python, putting `batches` batches. */
function produce(batches: number) {
  const producer = resolve('lambda/flight-producer/producer.py');
  return run('/usr/bin/python3', [producer, '--endpoint-url', sandbox.url, '--batches', String(batches), '--interval', '0.3'], { env: sandbox.awsEnv() });
}

interface ClientEvent {
  event: 'open' | 'message' | 'closed';
  data?: { type: string; [member: string]: unknown };
}

/** The chapter's Python client, its JSON lines read as they come. */
function flightMapClient(aircraftWanted: number) {
  const child: ChildProcessWithoutNullStreams = spawn('/usr/bin/python3', [join(FIXTURES, 'flight_map_client.py'), deployed.WS_URL, String(aircraftWanted)], {
    env: sandbox.awsEnv(),
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const events: ClientEvent[] = [];
  const waiters: Array<() => void> = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    events.push(JSON.parse(line));
    waiters.splice(0).forEach((wake) => wake());
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return {
    events,
    exited,
    /** The first event that matches, as soon as it has come. */
    next(matches: (event: ClientEvent) => boolean, timeoutMs = 60_000): Promise<ClientEvent> {
      return new Promise((resolveEvent, reject) => {
        const timer = setTimeout(() => reject(new Error(`client: nothing matched in ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
        const check = () => {
          const found = events.find(matches);
          if (found) {
            clearTimeout(timer);
            resolveEvent(found);
          } else waiters.push(check);
        };
        check();
      });
    },
  };
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'labbook-task82-'));
  for (const [folder, file] of Object.entries(FUNCTIONS)) await copyFile(join('lambda', folder, file), join(workDir, file));
  const { stdout } = await run('bash', [join(FIXTURES, 'deploy.sh')], {
    cwd: workDir,
    env: { ...sandbox.awsEnv(), SANDBOX_URL: sandbox.url },
  });
  deployed = Object.fromEntries([...stdout.matchAll(/^(WS_API_ID|WS_URL|STREAM_ARN)=(.+)$/gm)].map((m) => [m[1], m[2]])) as typeof deployed;
}, 600_000);
afterAll(() => rm(workDir, { recursive: true, force: true }));

describe('Task 8.2 deployed with the AWS CLI v2', () => {
  test('the API, routes and mapping are what the chapter builds', async () => {
    expect(deployed.WS_URL).toBe(`${sandbox.url.replace('http', 'ws')}/_api/${deployed.WS_API_ID}/prod`);
    const api = await aws('apigatewayv2', 'get-api', '--api-id', deployed.WS_API_ID);
    expect(api).toMatchObject({ Name: 'FlightMapWsAPI', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' });
    const routes = await aws('apigatewayv2', 'get-routes', '--api-id', deployed.WS_API_ID);
    expect(routes.Items.map((route: { RouteKey: string }) => route.RouteKey).sort()).toEqual(['$connect', '$default', '$disconnect']);
    const { EventSourceMappings } = await aws('lambda', 'list-event-source-mappings', '--function-name', 'FlightFanout');
    expect(EventSourceMappings).toEqual([
      expect.objectContaining({ EventSourceArn: deployed.STREAM_ARN, BatchSize: 100, StartingPosition: 'LATEST', State: 'Enabled' }),
    ]);
  });

  test('a Python websockets client is recorded, gets init after hello!, receives the aircraft, and is forgotten when it closes', async () => {
    const client = flightMapClient(24);
    await client.next((e) => e.event === 'open');
    const [connection] = await until(scanConnections, (items) => items.length === 1);
    expect(connection.callbackurl).toEqual({ S: `https://${deployed.WS_API_ID}.execute-api.us-east-1.amazonaws.com/prod` });
    expect(connection.connectionid.S).toMatch(/^[A-Za-z0-9_-]{15}=$/);

    const init = await client.next((e) => e.data?.type === 'init');
    expect(init.data).toEqual({
      type: 'init',
      airport: 'BCN',
      center: { lat: 41.2974, lon: 2.0833 },
      bounds: { south: 40.85, west: 1.45, north: 41.75, east: 2.75 },
    });

    const { stdout } = await produce(2);
    expect(stdout.trim().split('\n')).toEqual(['put 12 positions, 0 failed', 'put 12 positions, 0 failed']);
    await client.next((e) => e.event === 'closed');
    expect(await client.exited).toBe(0);
    const aircraft = client.events.filter((e) => e.data?.type === 'positions').flatMap((e) => e.data!.aircraft as Array<Record<string, unknown>>);
    expect(aircraft).toHaveLength(24);
    for (const plane of aircraft) {
      expect(plane).toEqual({
        registration: expect.stringMatching(/^EC-[A-Z]{3}$/),
        lat: expect.any(Number),
        lon: expect.any(Number),
        altitude: expect.any(Number),
        origin: expect.any(String),
        destination: 'BCN',
        status: expect.stringMatching(/^(flying|landed)$/),
      });
    }
    await until(scanConnections, (items) => items.length === 0);
  });

  test('anything but hello! is answered with the error message', async () => {
    const script =
      'import asyncio, sys, websockets\n' +
      'async def main():\n' +
      '    async with websockets.connect(sys.argv[1]) as socket:\n' +
      '        await socket.send("hi there")\n' +
      '        print(await socket.recv())\n' +
      'asyncio.run(main())\n';
    const { stdout } = await run('/usr/bin/python3', ['-c', script, deployed.WS_URL], { env: sandbox.awsEnv() });
    expect(JSON.parse(stdout)).toEqual({ type: 'error', message: 'send hello! to start' });
  });

  test('the fan-out removes a connection that answers GoneException', async () => {
    const stale = 'AAAAAAAAAAAAAAA=';
    const callbackurl = `https://${deployed.WS_API_ID}.execute-api.us-east-1.amazonaws.com/prod`;
    await aws('dynamodb', 'put-item', '--table-name', TABLE, '--item', JSON.stringify({ connectionid: { S: stale }, callbackurl: { S: callbackurl } }));
    await produce(1);
    await until(scanConnections, (items) => !items.some((item) => item.connectionid.S === stale));
  });
});

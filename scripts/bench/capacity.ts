// How many students one relay carries (issue 16). N simulated students, N raised through
// LEVELS, each running a scaled-down session through the relay against the benchmarked
// server's sandbox (the upstream, Host unchanged, as LABBOOK_RELAY_UPSTREAM=sandbox):
//   - Task 8.1's provisioning calls, through SDK v3 clients signed for the real AWS hosts
//     (table, function, API, permission, integration, five routes, stage, deployment),
//     step after step, half a second apart;
//   - the request client: an HTTP call to the student's invoke URL every 2 s;
//   - a WebSocket session to a WebSocket API, held for the session, a ping every 2 s and
//     now and then a message.
// Each request-client call and ping is also made directly to the sandbox, in random order
// within the pair: the relay's added latency is the relay's percentile minus the direct
// one, measured side by side. The relay runs in a child process (capacity-relay.ts), once
// as one process and once as a cluster of two behind one port; its CPU and resident
// memory are read from /proc (Linux only). The load generator is this process.
//
// The upstream is kept cheap so the relay is what is measured: the request-client calls
// ask for a path the student's API has no route for, which the sandbox's API Gateway
// answers itself (404 Not Found, as AWS does) without running a Lambda function, and the
// WebSocket API's only route is a MOCK. On a small machine the load generator and the
// sandbox still share the cores with the relay: the report prints the generator's event
// loop delay and the relay's CPU per student so the reader can tell who ran out first.
import { ApiGatewayV2Client, CreateApiCommand, CreateDeploymentCommand, CreateIntegrationCommand, CreateRouteCommand, CreateStageCommand } from '@aws-sdk/client-apigatewayv2';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { AddPermissionCommand, CreateFunctionCommand, GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { FinalizeRequestMiddleware, HttpRequest, MetadataBearer, MiddlewareStack } from '@smithy/types';
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import { sessionCookieName, sessionValue, relayKey } from '../../src/access/site-session.ts';
import { relayedRequest } from '../../src/cloud/clients.ts';
import type { RelayInfo } from '../../src/server/info-api.ts';
import { onDemandTable } from '../../tests/sandbox/dynamodb-helpers.ts';
import { labRole, zipOf } from '../../tests/sandbox/lambda-helpers.ts';
import type { RelayChildReady, RelayChildSettings } from './capacity-relay.ts';
import type { BenchContext } from './context.ts';
import { ms, row, type AreaResult, type Row } from './report.ts';
import type { SandboxAccess } from './sandbox-access.ts';
import { percentile } from './stats.ts';

const LEVELS = [10, 25, 50, 100, 200, 400];
const QUICK_LEVELS = [10, 50];
/** A student's "minute", scaled down so the whole area takes a few minutes; the rates within it are a student's. */
const SESSION_MS = 10_000;
/** Long enough for the eight provisioning steps and a few request-client calls after them. */
const QUICK_SESSION_MS = 8_000;
/** Students start spread over this share of the session, as a class does not click at once. */
const STAGGER_SHARE = 0.5;
const CALL_EVERY_MS = 2_000;
/** Between one provisioning step's calls and the next step's: the student pressing the next button. */
const STEP_EVERY_MS = 500;
/** Added p99 past this is where a student starts to feel the relay. */
const P99_LIMIT_MS = 100;
/** Below this event loop delay (p99) the load generator is taken to have kept the students' pace. */
const GENERATOR_KEPT_PACE_MS = 100;
/** A level with more of its calls failed than this ends the run for that relay. */
const MAX_ERROR_SHARE = 0.01;
const PROCESS_COUNTS = [1, 2];
const REGION = 'us-east-1';
const CRUD_ROUTES = ['GET /', 'POST /', 'PUT /', 'DELETE /', 'OPTIONS /'];
/** Linux's USER_HZ, what /proc/<pid>/stat counts CPU time in. */
const CLOCK_TICKS_PER_S = 100;

interface Relay extends RelayChildReady {
  processes: number;
  key: string;
  wsHeaders: Record<string, string>;
  stop(): Promise<void>;
}

async function startRelay(processes: number, upstream: string, siteOrigin: string): Promise<Relay> {
  const token = randomBytes(24).toString('base64url');
  const env: RelayChildSettings = { RELAY_PROCESSES: String(processes), RELAY_UPSTREAM: upstream, RELAY_TOKEN: token, RELAY_SITE_ORIGIN: siteOrigin };
  const child = fork(resolve(import.meta.dirname, 'capacity-relay.ts'), { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = once(child, 'exit');
  const [ready] = (await Promise.race([once(child, 'message'), exited.then(([code]) => Promise.reject(new Error(`the relay exited with ${code}`)))])) as [RelayChildReady];
  const cookie = `${sessionCookieName(new URL(siteOrigin).port)}=${sessionValue(token)}`;
  return {
    ...ready,
    processes,
    key: relayKey(token),
    wsHeaders: { cookie, origin: siteOrigin },
    async stop() {
      child.send('stop');
      await exited;
    },
  };
}

/** CPU time (s) and resident memory (bytes) of one process, from /proc. */
async function processUsage(pid: number): Promise<{ cpuS: number; rss: number }> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return { cpuS: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S, rss: Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024 };
}

async function relayUsage(relay: Relay) {
  const each = await Promise.all(relay.pids.map(processUsage));
  return { cpuS: each.reduce((sum, u) => sum + u.cpuS, 0), rss: each.reduce((sum, u) => sum + u.rss, 0), each };
}

/** What one level collects, every student adding to it. */
class Samples {
  readonly relayCall: number[] = [];
  readonly directCall: number[] = [];
  readonly relayPing: number[] = [];
  readonly directPing: number[] = [];
  readonly relayHandshake: number[] = [];
  readonly directHandshake: number[] = [];
  readonly sdkCall: number[] = [];
  calls = 0;
  readonly errors: string[] = [];

  async timed(into: number[], action: () => Promise<unknown>): Promise<void> {
    this.calls += 1;
    const started = performance.now();
    try {
      await action();
      into.push(performance.now() - started);
    } catch (error) {
      this.errors.push((error as Error).message);
    }
  }
}

/** After signing for the real host, the request goes to the relay instead, as labbook's page sends it on AWS (cloud/clients.ts). */
function sendThroughRelay(stack: MiddlewareStack<object, MetadataBearer>, relay: RelayInfo): void {
  const toRelay: FinalizeRequestMiddleware<object, MetadataBearer> = (next) => (args) => next({ ...args, request: relayedRequest(args.request as HttpRequest, relay) });
  stack.addRelativeTo(toRelay, { relation: 'after', toMiddleware: 'httpSigningMiddleware', name: 'benchRelay' });
}

/** One HTTP call on the student's own connections; a status other than `expected` is an error. */
function call(agent: Agent, url: string, init: { method: string; headers: Record<string, string>; body?: string }, expected: number): Promise<void> {
  return new Promise((done, fail) => {
    const req = request(url, { agent, method: init.method, headers: init.headers }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === expected ? done() : fail(new Error(`${init.method} ${new URL(url).pathname}: ${res.statusCode}`))));
    });
    req.on('error', fail);
    req.end(init.body);
  });
}

function openSocket(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((done, fail) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => done(socket));
    socket.once('error', fail);
  });
}

function ping(socket: WebSocket): Promise<void> {
  return new Promise((done, fail) => {
    if (socket.readyState !== WebSocket.OPEN) return fail(new Error('the WebSocket closed'));
    socket.once('pong', () => done());
    socket.ping();
  });
}

const pause = (msOrUntil: number) => new Promise((r) => setTimeout(r, Math.max(0, msOrUntil)));

/** Both calls of a pair, in random order so neither always meets a warmer path. */
async function pair(samples: Samples, relay: [number[], () => Promise<unknown>], direct: [number[], () => Promise<unknown>]): Promise<void> {
  const [first, second] = Math.random() < 0.5 ? [relay, direct] : [direct, relay];
  await samples.timed(...first);
  await samples.timed(...second);
}

interface Lab {
  sandbox: SandboxAccess;
  relay: Relay;
  crudZip: Uint8Array;
  webSocketApiId: string;
  sessionMs: number;
}

/** The SDK clients the students' provisioning goes through: made once per level, as making one costs the load generator milliseconds. */
interface RelayClients {
  dynamodb: DynamoDBClient;
  lambda: LambdaClient;
  gateway: ApiGatewayV2Client;
  close(): void;
}

function relayClients(sandbox: SandboxAccess, relay: Relay): RelayClients {
  const agent = new Agent({ keepAlive: true });
  const { accessKeyId, secretAccessKey, sessionToken } = sandbox.credentials;
  const config = { region: REGION, credentials: { accessKeyId, secretAccessKey, sessionToken }, maxAttempts: 1, requestHandler: new NodeHttpHandler({ httpAgent: agent }) };
  const clients = { dynamodb: new DynamoDBClient(config), lambda: new LambdaClient(config), gateway: new ApiGatewayV2Client(config) };
  for (const client of Object.values(clients)) sendThroughRelay(client.middlewareStack, { url: relay.url, key: relay.key });
  return { ...clients, close: () => agent.destroy() };
}

/** One student's session: Task 8.1's calls, then request-client calls and the WebSocket session until the session ends. */
async function student(name: string, lab: Lab, clients: RelayClients, samples: Samples): Promise<void> {
  const { sandbox, relay } = lab;
  const ends = performance.now() + lab.sessionMs;
  // A browser's own connections for the request client, to the relay and (for the baseline) to the sandbox.
  const agent = new Agent({ keepAlive: true });
  const wsPath = `${lab.webSocketApiId}.execute-api.${REGION}.amazonaws.com/prod`;
  const relayWs = `${relay.url.replace(/^http/, 'ws')}${wsPath}`;
  const directWs = `${sandbox.url.replace(/^http/, 'ws')}/_api/${lab.webSocketApiId}/prod`;
  const sockets: Partial<Record<'relay' | 'direct', WebSocket>> = {};
  try {
    await pair(
      samples,
      [samples.relayHandshake, async () => (sockets.relay = await openSocket(relayWs, relay.wsHeaders))],
      [samples.directHandshake, async () => (sockets.direct = await openSocket(directWs))],
    );

    const { dynamodb, lambda, gateway } = clients;
    const arn = `arn:aws:lambda:${REGION}:${sandbox.accountId}:function:${name}`;
    const step = (action: () => Promise<unknown>) => samples.timed(samples.sdkCall, action);
    let apiId = '';
    let integrationId = '';
    // Step by step, as the student presses each step's button in turn.
    const steps: Array<Array<() => Promise<unknown>>> = [
      [() => dynamodb.send(onDemandTable(name, 'thingID')), () => dynamodb.send(new DescribeTableCommand({ TableName: name }))],
      [
        () => lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'python3.13', Handler: 'lambda_crud.lambda_handler', Role: labRole(sandbox.accountId), Code: { ZipFile: lab.crudZip } })),
        () => lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name })),
      ],
      [async () => (apiId = (await gateway.send(new CreateApiCommand({ Name: name, ProtocolType: 'HTTP' }))).ApiId!)],
      [() => lambda.send(new AddPermissionCommand({ FunctionName: name, StatementId: 'crud-http-api', Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com' }))],
      [
        async () =>
          (integrationId = (await gateway.send(new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'AWS_PROXY', IntegrationUri: arn, PayloadFormatVersion: '2.0' }))).IntegrationId!),
      ],
      CRUD_ROUTES.map((RouteKey) => () => gateway.send(new CreateRouteCommand({ ApiId: apiId, RouteKey, Target: `integrations/${integrationId}` }))),
      [() => gateway.send(new CreateStageCommand({ ApiId: apiId, StageName: 'prod' }))],
      [() => gateway.send(new CreateDeploymentCommand({ ApiId: apiId, StageName: 'prod' }))],
    ];
    for (const calls of steps) {
      for (const action of calls) await step(action);
      await pause(STEP_EVERY_MS);
    }
    if (!apiId) return;

    // No route for this path: API Gateway's own 404, no function run (see the header).
    const path = '/prod/no-route-here';
    const relayUrl = `${relay.url}${apiId}.execute-api.${REGION}.amazonaws.com${path}`;
    const directUrl = `${sandbox.url}/_api/${apiId}${path}`;
    const body = JSON.stringify({ TableName: name, Item: { thingID: { S: 'capacity' } } });
    for (let tick = 0; performance.now() < ends; tick++) {
      const next = performance.now() + CALL_EVERY_MS;
      const init: { method: string; headers: Record<string, string>; body?: string } =
        tick % 2 === 0 ? { method: 'GET', headers: {} } : { method: 'POST', headers: { 'content-type': 'application/json' }, body };
      await pair(
        samples,
        [samples.relayCall, () => call(agent, relayUrl, { ...init, headers: { ...init.headers, 'x-labbook-relay': relay.key, origin: relay.wsHeaders.origin } }, 404)],
        [samples.directCall, () => call(agent, directUrl, init, 404)],
      );
      await pause((next - performance.now()) / 2);
      if (tick % 3 === 0) sockets.relay?.send('hello!');
      await pair(samples, [samples.relayPing, () => ping(sockets.relay!)], [samples.directPing, () => ping(sockets.direct!)]);
      await pause(next - performance.now());
    }
  } finally {
    sockets.relay?.close();
    sockets.direct?.close();
    agent.destroy();
  }
}

interface Level {
  processes: number;
  students: number;
  calls: number;
  errors: number;
  firstError?: string;
  /** Relay minus direct, ms: request-client calls, pings and WebSocket handshakes. */
  added: { callP50: number; callP99: number; pingP50: number; pingP99: number; handshakeP50: number };
  relayCall: { p50: number; p99: number };
  directCall: { p50: number; p99: number };
  sdkCall: { p50: number; p99: number; n: number };
  /** Over the level's wall time, all the relay's processes together: 100 is one core. */
  relayCpuPercent: number;
  /** The same for each process: the one accepting connections first, then the cluster's workers. */
  relayCpuPercentByProcess: number[];
  relayPeakRssMiB: number;
  /** Relay CPU per student per second of session, ms. */
  relayCpuMsPerStudentSecond: number;
  /** The load generator's own event loop delay: when high, every latency here is partly its. */
  generatorLoopDelayP99Ms: number;
  loadAverage: number[];
}

const pct = (samples: number[], p: number) => (samples.length > 0 ? percentile(samples, p) : NaN);

async function runLevel(students: number, lab: Lab): Promise<Level> {
  const samples = new Samples();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const before = await relayUsage(lab.relay);
  let peakRss = before.rss;
  const watch = setInterval(() => void relayUsage(lab.relay).then((usage) => (peakRss = Math.max(peakRss, usage.rss))), 250);
  loop.enable();
  const started = performance.now();
  const tag = `p${lab.relay.processes}-n${students}-${Date.now().toString(36)}`;
  const clients = relayClients(lab.sandbox, lab.relay);
  await Promise.all(
    Array.from({ length: students }, async (_, i) => {
      await pause((i / students) * lab.sessionMs * STAGGER_SHARE);
      await student(`cap-${tag}-${i}`, lab, clients, samples);
    }),
  );
  clients.close();
  const wallS = (performance.now() - started) / 1000;
  loop.disable();
  clearInterval(watch);
  const after = await relayUsage(lab.relay);
  const cpuS = after.cpuS - before.cpuS;
  return {
    processes: lab.relay.processes,
    students,
    calls: samples.calls,
    errors: samples.errors.length,
    firstError: samples.errors[0],
    added: {
      callP50: pct(samples.relayCall, 50) - pct(samples.directCall, 50),
      callP99: pct(samples.relayCall, 99) - pct(samples.directCall, 99),
      pingP50: pct(samples.relayPing, 50) - pct(samples.directPing, 50),
      pingP99: pct(samples.relayPing, 99) - pct(samples.directPing, 99),
      handshakeP50: pct(samples.relayHandshake, 50) - pct(samples.directHandshake, 50),
    },
    relayCall: { p50: pct(samples.relayCall, 50), p99: pct(samples.relayCall, 99) },
    directCall: { p50: pct(samples.directCall, 50), p99: pct(samples.directCall, 99) },
    sdkCall: { p50: pct(samples.sdkCall, 50), p99: pct(samples.sdkCall, 99), n: samples.sdkCall.length },
    relayCpuPercent: (cpuS / wallS) * 100,
    relayCpuPercentByProcess: after.each.map((usage, i) => Number((((usage.cpuS - before.each[i].cpuS) / wallS) * 100).toFixed(1))),
    relayPeakRssMiB: peakRss / 2 ** 20,
    relayCpuMsPerStudentSecond: (cpuS * 1000) / (students * (lab.sessionMs / 1000)),
    generatorLoopDelayP99Ms: loop.percentile(99) / 1e6,
    loadAverage: loadavg().map((load) => Number(load.toFixed(2))),
  };
}

/** The smallest N from which every level's added p99 is past the limit (one noisy level below it does not count), or undefined. */
function crossing(levels: Level[]): number | undefined {
  const past = (level: Level) => level.added.callP99 > P99_LIMIT_MS;
  return levels.find((level, i) => levels.slice(i).every(past))?.students;
}

function describeLevel(l: Level): string {
  const f = (n: number) => (Number.isNaN(n) ? '–' : n.toFixed(1));
  return `${l.students} students, ${l.processes} process(es): added p50 ${f(l.added.callP50)} ms, p99 ${f(l.added.callP99)} ms (ping p99 +${f(l.added.pingP99)} ms); relay CPU ${l.relayCpuPercent.toFixed(0)}%, RSS ${l.relayPeakRssMiB.toFixed(0)} MiB; ${l.errors}/${l.calls} failed; generator loop delay p99 ${f(l.generatorLoopDelayP99Ms)} ms; load ${l.loadAverage.join(' ')}`;
}

export async function capacityArea(ctx: BenchContext): Promise<AreaResult> {
  if (process.platform !== 'linux') throw new Error('the capacity area reads the relay’s CPU and memory from /proc: Linux only');
  const server = await ctx.server();
  const { sandbox } = server;
  const sessionMs = ctx.quick ? QUICK_SESSION_MS : SESSION_MS;
  const levels = ctx.quick ? QUICK_LEVELS : LEVELS;
  ctx.log(`students' sessions scaled from a minute to ${sessionMs / 1000} s (rates kept: a request-client call and a ping every ${CALL_EVERY_MS / 1000} s), starts spread over ${(sessionMs * STAGGER_SHARE) / 1000} s`);

  // The WebSocket API every student connects to: one MOCK route, so no function runs.
  const gateway = sandbox.client(ApiGatewayV2Client);
  const { ApiId: webSocketApiId } = await gateway.send(new CreateApiCommand({ Name: 'CapacityWs', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' }));
  const { IntegrationId } = await gateway.send(new CreateIntegrationCommand({ ApiId: webSocketApiId, IntegrationType: 'MOCK' }));
  await gateway.send(new CreateRouteCommand({ ApiId: webSocketApiId, RouteKey: '$default', Target: `integrations/${IntegrationId}` }));
  await gateway.send(new CreateStageCommand({ ApiId: webSocketApiId, StageName: 'prod' }));
  await gateway.send(new CreateDeploymentCommand({ ApiId: webSocketApiId, StageName: 'prod' }));
  const crudZip = zipOf({ 'lambda_crud.py': await readFile(resolve(import.meta.dirname, '../../lambda/crud/lambda_crud.py'), 'utf8') });

  const results: Level[] = [];
  const of = (processes: number) => results.filter((level) => level.processes === processes);
  const idleRssMiB: Record<number, number> = {};
  const stoppedBecause: Record<number, string> = {};
  for (const processes of PROCESS_COUNTS) {
    const relay = await startRelay(processes, sandbox.url, new URL(server.siteUrl).origin);
    try {
      idleRssMiB[processes] = (await relayUsage(relay)).rss / 2 ** 20;
      const lab: Lab = { sandbox, relay, crudZip, webSocketApiId: webSocketApiId!, sessionMs };
      // One unmeasured small level: connections, JIT and the sandbox's first tables.
      await runLevel(5, lab);
      for (const students of levels) {
        const level = await runLevel(students, lab);
        results.push(level);
        ctx.log(describeLevel(level));
        if (level.errors > level.calls * MAX_ERROR_SHARE) {
          stoppedBecause[processes] = `${level.errors} of ${level.calls} calls failed at ${students} students (first: ${level.firstError})`;
        } else if (crossing(of(processes)) !== undefined && crossing(of(processes)) !== students) {
          stoppedBecause[processes] = `added p99 past ${P99_LIMIT_MS} ms at ${crossing(of(processes))} students and again at ${students}`;
        }
        if (stoppedBecause[processes]) {
          ctx.log(`stopping the ${processes}-process run: ${stoppedBecause[processes]}`);
          break;
        }
      }
    } finally {
      await relay.stop();
    }
  }

  // A level whose students never got past provisioning (a machine too busy) has no pairs to show: its log line and the JSON say so.
  const rows: Row[] = results.filter((l) => !Number.isNaN(l.relayCall.p50)).flatMap((l) => {
    const label = `${l.processes} process${l.processes > 1 ? 'es' : ''}, ${l.students} students (relay CPU ${l.relayCpuPercent.toFixed(0)}%, RSS ${l.relayPeakRssMiB.toFixed(0)} MiB${l.errors > 0 ? `, ${l.errors} failed` : ''})`;
    return [row('Capacity', `${label}: request p50, relay vs direct`, ms(l.relayCall.p50), ms(l.directCall.p50)), row('Capacity', `${label}: request p99, relay vs direct`, ms(l.relayCall.p99), ms(l.directCall.p99))];
  });
  const [one, two] = [crossing(of(1)), crossing(of(2))];
  if (one !== undefined && two !== undefined) rows.push(row('Capacity', `students at which added p99 passes ${P99_LIMIT_MS} ms, 2 processes vs 1`, { value: two, unit: 'students' }, { value: one, unit: 'students' }));
  // What the relay's CPU per student says it would carry with one core per process, from the busiest
  // level that the load generator kept pace with and that had no errors (a generator behind makes less work per student).
  const busiest = (processes: number) => of(processes).filter((l) => l.errors === 0 && l.generatorLoopDelayP99Ms < GENERATOR_KEPT_PACE_MS).at(-1);
  const derived = (processes: number) => {
    const level = busiest(processes);
    return level ? Math.round((1000 * processes) / level.relayCpuMsPerStudentSecond) : undefined;
  };
  const [derivedOne, derivedTwo] = [derived(1), derived(2)];
  if (derivedOne !== undefined && derivedTwo !== undefined) {
    rows.push(row('Capacity', 'students the relay carries at one full core per process (from its CPU per student), 2 processes vs 1', { value: derivedTwo, unit: 'students' }, { value: derivedOne, unit: 'students' }));
  }
  return {
    rows,
    details: {
      baseline: 'the same request-client call, ping or WebSocket handshake made directly to the sandbox, paired with the relayed one in random order, in the same run',
      scaledSession: { sessionMs, callEveryMs: CALL_EVERY_MS, staggerShare: STAGGER_SHARE, note: 'a student’s minute scaled down; the per-student rates are kept' },
      upstream: 'the benchmarked server’s sandbox; request-client calls to an unrouted path (API Gateway’s own 404), WebSocket API with one MOCK route',
      p99LimitMs: P99_LIMIT_MS,
      crossing: { oneProcess: one ?? null, twoProcesses: two ?? null },
      derivedStudentsAtFullCores: {
        oneProcess: derivedOne ?? null,
        twoProcesses: derivedTwo ?? null,
        fromLevels: { oneProcess: busiest(1)?.students ?? null, twoProcesses: busiest(2)?.students ?? null },
        note: 'students whose relay CPU fills one core per process, from the busiest level without errors that the load generator kept pace with',
      },
      idleRssMiB,
      stoppedBecause,
      levels: results,
    },
  };
}

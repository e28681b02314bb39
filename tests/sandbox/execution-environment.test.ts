// The execution environment's lifecycle, one transition at a time, driven by a
// small scripted runtime (fixtures/scripted-runtime.mjs) over the real Runtime API.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { ExecutionEnvironment, type FunctionSnapshot, type InvocationResult } from '../../src/sandbox/runtimes/execution-environment.ts';
import { RuntimeApiServer } from '../../src/sandbox/runtimes/runtime-api.ts';

const RUNTIME = join(import.meta.dirname, 'fixtures', 'scripted-runtime.mjs');

describe('the execution environment', () => {
  let runtimeApi: RuntimeApiServer;
  let dir: string;
  const environments: ExecutionEnvironment[] = [];
  beforeAll(() => {
    runtimeApi = new RuntimeApiServer();
    dir = mkdtempSync(join(tmpdir(), 'labbook-environment-'));
  });
  afterEach(() => {
    for (const environment of environments.splice(0)) environment.stop();
  });
  afterAll(async () => {
    await runtimeApi.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const fn = (variables: Record<string, string>, timeoutSeconds: number): FunctionSnapshot => ({
    functionName: 'f',
    functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f',
    version: '$LATEST',
    runtime: 'nodejs22.x',
    handler: 'index.handler',
    memorySize: 128,
    timeoutSeconds,
    variables,
    revisionId: 'r1',
    region: 'us-east-1',
    role: 'arn:aws:iam::123456789012:role/LabRole',
    logGroupName: '/aws/lambda/f',
  });

  /** An environment running the scripted runtime, with what it told the pool. */
  function environment({ mode = 'serve', timeoutSeconds = 10 } = {}) {
    const told = { ready: 0, gone: 0 };
    const created = new ExecutionEnvironment({
      fn: fn({ MODE: mode }, timeoutSeconds),
      taskRoot: dir,
      launch: { command: process.execPath, args: [RUNTIME], description: 'scripted runtime' },
      runtimeApi,
      sandboxEndpoint: 'http://127.0.0.1:9',
      credentials: { accessKeyId: 'ASIATEST', secretAccessKey: 'secret', sessionToken: 'token' },
      openLogStream: () => ({ put: () => {} }),
      onReady: () => (told.ready += 1),
      onGone: () => (told.gone += 1),
    });
    environments.push(created);
    return { environment: created, told };
  }

  let sequence = 0;
  const invocation = (event: object = {}) => ({
    requestId: `req-${(sequence += 1)}`,
    payload: Buffer.from(JSON.stringify(event)),
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f',
  });
  const body = (result: InvocationResult) => JSON.parse(result.payload.toString()) as Record<string, unknown>;

  /** Whether a process still runs (a zombie waiting for its parent to reap it does not). */
  const running = (processId: number) => {
    try {
      if (process.platform !== 'linux') return process.kill(processId, 0);
      return readFileSync(`/proc/${processId}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
    } catch {
      return false;
    }
  };

  test('Init ends with the first Next; each Invoke ends with the answer, and the warm process takes the next', async () => {
    const { environment: env, told } = environment();
    expect(env.phase).toBe('unstarted');
    const answerWhen = join(dir, 'answer');
    const first = env.invoke(invocation({ n: 1, answerWhen }));
    await vi.waitFor(() => expect(env.phase).toBe('invoking'));
    expect(told.ready).toBe(1);
    // Init is over: a late init error is refused, and so is an answer for another invocation.
    expect(env.initError(undefined, Buffer.from('{}')).status).toBe(403);
    expect(env.invocationResponse('not-this-one', Buffer.from('{}')).status).toBe(400);
    writeFileSync(answerWhen, '');
    const result = await first;
    expect(body(result)).toMatchObject({ n: 1 });
    expect(result.log).toMatch(/^START RequestId: req-\d+ Version: \$LATEST\nhandling req-\d+\nEND RequestId: req-\d+\nREPORT .*Init Duration/);
    await vi.waitFor(() => expect(env.phase).toBe('ready'));
    const pid = env.pid;
    const second = await env.invoke(invocation({ n: 2 }));
    expect(body(second)).toMatchObject({ n: 2 });
    expect(second.log).not.toMatch(/Init Duration/);
    expect(env.pid).toBe(pid);
    expect(told).toEqual({ ready: 1, gone: 0 });
  });

  test('an error the runtime reports ends the invocation, not the environment', async () => {
    const { environment: env, told } = environment();
    const result = await env.invoke(invocation({ fail: true }));
    expect(result.functionError).toBe('Unhandled');
    expect(body(result)).toEqual({ errorType: 'Failed', errorMessage: 'as asked' });
    expect(env.phase).not.toBe('stopped');
    expect(told.gone).toBe(0);
  });

  test('an init error stops the environment, and its process, with the error as the result', async () => {
    const { environment: env, told } = environment({ mode: 'init-error' });
    const result = await env.invoke(invocation());
    expect(result.functionError).toBe('Unhandled');
    expect(body(result)).toEqual({ errorType: 'Runtime.ImportModuleError', errorMessage: 'No module named app' });
    expect(result.log).toMatch(/Status: error\tError Type: Runtime.ImportModuleError/);
    expect(env.phase).toBe('stopped');
    expect(told).toEqual({ ready: 0, gone: 1 });
    await vi.waitFor(() => expect(running(env.pid!)).toBe(false));
  });

  test('a process that exits during Init stops the environment: Runtime.ExitError', async () => {
    const { environment: env, told } = environment({ mode: 'exit-in-init' });
    const result = await env.invoke(invocation());
    expect(body(result).errorMessage).toMatch(/^RequestId: req-\d+ Error: Runtime exited with error: exit status 2$/);
    expect(env.phase).toBe('stopped');
    expect(told.gone).toBe(1);
  });

  test('a crash mid-invoke stops the environment: Runtime.ExitError, with the exit in the log', async () => {
    const { environment: env, told } = environment();
    const result = await env.invoke(invocation({ crash: true }));
    expect(body(result)).toMatchObject({ errorType: 'Runtime.ExitError' });
    expect(result.log).toMatch(/handling req-\d+\nRequestId: req-\d+ Error: Runtime exited with error: exit status 3\nRuntime.ExitError\nEND/);
    expect(env.phase).toBe('stopped');
    expect(told.gone).toBe(1);
  });

  test('a timeout stops the environment and kills the processes its handler started', async () => {
    const { environment: env, told } = environment({ timeoutSeconds: 1 });
    const result = await env.invoke(invocation({ spawn: true }));
    expect(body(result)).toMatchObject({ errorType: 'Sandbox.Timedout' });
    expect(result.log).toMatch(/Task timed out after 1.00 seconds/);
    expect(env.phase).toBe('stopped');
    expect(told.gone).toBe(1);
    const child = Number(/child (\d+)/.exec(result.log)?.[1]);
    expect(child).toBeGreaterThan(0);
    await vi.waitFor(() => expect(running(child)).toBe(false), { timeout: 2000 });
  });

  test('a Next whose client went away is not sent work: the invocation waits for a fresh Next', async () => {
    const { environment: env } = environment();
    const signals = mkdtempSync(join(dir, 'poll-'));
    await env.invoke(invocation({ abandonNextPoll: signals }));
    await vi.waitFor(() => expect(env.phase).toBe('ready'));
    writeFileSync(join(signals, 'abandon'), '');
    await vi.waitFor(() => expect(env.phase).toBe('awaiting-poll'));
    const waiting = env.invoke(invocation({ n: 3 }));
    writeFileSync(join(signals, 'poll-again'), '');
    expect(body(await waiting)).toMatchObject({ n: 3 });
  });

  test("the pool's stop mid-invoke kills the process; the invocation ends with the kill", async () => {
    const { environment: env, told } = environment();
    const answerWhen = join(dir, 'never');
    const result = env.invoke(invocation({ answerWhen }));
    await vi.waitFor(() => expect(env.phase).toBe('invoking'));
    env.stop();
    env.stop();
    expect(env.phase).toBe('stopped');
    expect(told.gone).toBe(1);
    expect(body(await result).errorMessage).toMatch(/Runtime exited with error: signal: killed$/);
  });
});

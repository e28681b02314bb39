// The runtimes' parts on their own: output splitting, log lines, finding a
// host Python, the environment pool's reuse, limits and idle stop, the
// Runtime API's refusals, and the async event queue's retries.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { EventQueue } from '../../src/sandbox/lambda/invoke/event-queue.ts';
import { compileFilterPattern } from '../../src/sandbox/logs/filter-pattern.ts';
import { AwsError } from '../../src/sandbox/protocol/errors.ts';
import { ConcurrencyLimitExceeded, EnvironmentPool, type PoolSettings } from '../../src/sandbox/runtimes/environment-pool.ts';
import type { FunctionSnapshot, InvocationResult } from '../../src/sandbox/runtimes/execution-environment.ts';
import { commandLine, HostPythonFinder, pythonCandidates } from '../../src/sandbox/runtimes/host-python.ts';
import { hostSystem } from '../../src/sandbox/runtimes/host-system.ts';
import { logStreamName, reportLine } from '../../src/sandbox/runtimes/log-lines.ts';
import { OutputLines } from '../../src/sandbox/runtimes/output-lines.ts';
import { RuntimeApiServer } from '../../src/sandbox/runtimes/runtime-api.ts';
import { RUNTIME_NICENESS } from '../../src/sandbox/runtimes/runtime-priority.ts';

describe('OutputLines', () => {
  function collect(chunks: string[]) {
    const lines: string[] = [];
    let marks = 0;
    const output = new OutputLines(
      'MARK',
      (line) => lines.push(line),
      () => (marks += 1),
    );
    for (const chunk of chunks) output.write(Buffer.from(chunk));
    output.end();
    return { lines, marks };
  }

  test('one event per line, however the bytes arrive, with its newline kept', () => {
    expect(collect(['hel', 'lo\nwor', 'ld\n']).lines).toEqual(['hello\n', 'world\n']);
  });

  test('carriage returns keep a multi-line record in one event', () => {
    expect(collect(['[ERROR] boom\rTraceback\r  line\n']).lines).toEqual(['[ERROR] boom\nTraceback\n  line\n']);
  });

  test('the flush mark is counted, not logged, and the blank line before it is dropped', () => {
    expect(collect(['printed\n', '\nMARK\n', 'after\n'])).toEqual({ lines: ['printed\n', 'after\n'], marks: 1 });
    expect(collect(['no newline', '\nMARK\n']).lines).toEqual(['no newline\n']);
    expect(collect(['\n', 'kept blank line\n']).lines).toEqual(['\n', 'kept blank line\n']);
  });

  test('a last line without a newline still becomes an event', () => {
    expect(collect(['partial']).lines).toEqual(['partial\n']);
  });

  test('a line may end in \\r\\n, as a Python on Windows writes it: the flush mark is still found', () => {
    expect(collect(['printed\r\n', '\r\nMARK\r\n', 'multi\rline\r\n'])).toEqual({ lines: ['printed\n', 'multi\nline\n'], marks: 1 });
  });

  test('a multi-byte character split between chunks survives', () => {
    const bytes = Buffer.from('é\n');
    const lines: string[] = [];
    const output = new OutputLines(
      'MARK',
      (line) => lines.push(line),
      () => {},
    );
    output.write(bytes.subarray(0, 1));
    output.write(bytes.subarray(1));
    expect(lines).toEqual(['é\n']);
  });
});

describe('log lines', () => {
  test('stream names as Lambda makes them', () => {
    expect(logStreamName(new Date('2025-04-03T15:24:35Z'))).toMatch(/^2025\/04\/03\/\[\$LATEST\][0-9a-f]{32}$/);
  });

  test('REPORT: two decimals, billed rounded up with init included, init only when cold', () => {
    expect(reportLine({ requestId: 'r', durationMs: 1.234, memorySize: 128, maxMemoryUsed: 40 })).toBe(
      'REPORT RequestId: r\tDuration: 1.23 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB\t\n',
    );
    expect(reportLine({ requestId: 'r', durationMs: 3.5, initDurationMs: 100.25, memorySize: 256, maxMemoryUsed: 41, status: 'Status: timeout' })).toBe(
      'REPORT RequestId: r\tDuration: 3.50 ms\tBilled Duration: 104 ms\tMemory Size: 256 MB\tMax Memory Used: 41 MB\tInit Duration: 100.25 ms\tStatus: timeout\t\n',
    );
  });
});

describe('host Python', () => {
  // Each system's order, with fake file systems: tests/unit/host-python.test.ts.
  test("this machine's pyenv installs of the version (newest patch first), past pyenv's shims", () => {
    const root = mkdtempSync(join(tmpdir(), 'pyenv-'));
    for (const version of ['3.12.1', '3.13.2', '3.13.10', '3.13-dev', '3.13.0t']) mkdirSync(join(root, 'versions', version), { recursive: true });
    const python = (version: string) => join(root, 'versions', version, 'bin', 'python3.13');
    const commands = (runtime: string, env: NodeJS.ProcessEnv) => pythonCandidates(runtime, hostSystem({ platform: 'linux', env })).map(commandLine);
    expect(commands('python3.13', { PYENV_ROOT: root })).toEqual(['python3.13', python('3.13.10'), python('3.13.2'), 'python3', '/usr/bin/python3']);
    expect(commands('python3.12', { PYENV_ROOT: root, LABBOOK_PYTHON_3_13: '/opt/py313/bin/python' })).toEqual([
      'python3.12',
      join(root, 'versions', '3.12.1', 'bin', 'python3.12'),
      'python3',
      '/usr/bin/python3',
    ]);
  });

  test('finds an interpreter with boto3 and names the executable behind any shim', async () => {
    const python = await new HostPythonFinder().find('python3.13');
    expect(python?.executable).toMatch(/python3[.\d]*$/);
    expect(python?.executable).not.toContain('/shims/');
    expect(python?.boto3Version).toMatch(/^1\.\d+\.\d+$/);
  });

  test('finds made while a search runs share it: a burst of cold starts probes no more than one start', async () => {
    // Every Python the search starts runs this sitecustomize from PYTHONPATH, which counts it.
    const dir = mkdtempSync(join(tmpdir(), 'labbook-probes-'));
    const log = join(dir, 'probes');
    writeFileSync(join(dir, 'sitecustomize.py'), `open(${JSON.stringify(log)}, "a").write("probe\\n")\n`);
    const probesOf = async (finds: number) => {
      writeFileSync(log, '');
      const finder = new HostPythonFinder(undefined, hostSystem({ env: { ...process.env, PYTHONPATH: dir } }));
      const found = await Promise.all(Array.from({ length: finds }, () => finder.find('python3.13')));
      expect(found.every((python) => python?.boto3Version)).toBe(true);
      return readFileSync(log, 'utf8').split('\n').filter(Boolean).length;
    };
    try {
      const alone = await probesOf(1);
      expect(alone).toBeGreaterThan(0);
      expect(await probesOf(3)).toBe(alone);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a forced interpreter that does not exist finds nothing', async () => {
    expect(await new HostPythonFinder('/nonexistent/python3').find('python3.13')).toBeUndefined();
  });
});

describe('the environment pool', () => {
  let pool: EnvironmentPool | undefined;
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });

  const zip = zipSync({
    'app.py': strToU8('import os, time\ndef handler(event, context):\n    time.sleep(event.get("sleep", 0))\n    return os.getpid()\n'),
  });
  const code = { key: 'app', loadZip: async () => zip };
  const fn = (revisionId = 'r1'): FunctionSnapshot => ({
    functionName: 'f',
    functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f',
    version: '$LATEST',
    runtime: 'python3.13',
    handler: 'app.handler',
    memorySize: 128,
    timeoutSeconds: 5,
    variables: {},
    revisionId,
    region: 'us-east-1',
    role: 'arn:aws:iam::123456789012:role/LabRole',
    logGroupName: '/aws/lambda/f',
  });
  let sequence = 0;
  const request = (payload: object = {}) => ({
    requestId: `req-${(sequence += 1)}`,
    payload: Buffer.from(JSON.stringify(payload)),
    invokedFunctionArn: fn().functionArn,
  });
  const makePool = (
    settings: Pick<
      PoolSettings,
      'concurrencyLimit' | 'idleTimeoutMs' | 'maxIdleEnvironments' | 'maxConcurrentStarts' | 'memoryBudgetBytes' | 'measureMemory'
    > = {},
  ) =>
    new EnvironmentPool({
      ...settings,
      sandboxEndpoint: () => 'http://127.0.0.1:9',
      issueCredentials: () => ({ accessKeyId: 'ASIATEST', secretAccessKey: 'secret', sessionToken: 'token' }),
      openLogStream: () => ({ put: () => {} }),
    });
  const pid = (result: InvocationResult) => JSON.parse(result.payload.toString());

  test('reuses a warm environment of the same revision, starts a new one for a new revision', async () => {
    pool = makePool();
    const first = pid(await pool.invoke(fn(), code, request()));
    expect(pid(await pool.invoke(fn(), code, request()))).toBe(first);
    expect(pool.environmentCount(fn().functionArn)).toBe(1);
    const updated = pid(await pool.invoke(fn('r2'), code, request()));
    expect(updated).not.toBe(first);
    expect(pool.environmentCount(fn().functionArn)).toBe(1);
  });

  test('runs concurrent invocations in separate environments, up to the limit', async () => {
    pool = makePool({ concurrencyLimit: 2 });
    const busy = [pool.invoke(fn(), code, request({ sleep: 1 })), pool.invoke(fn(), code, request({ sleep: 1 }))];
    await expect(pool.invoke(fn(), code, request())).rejects.toBeInstanceOf(ConcurrencyLimitExceeded);
    const pids = (await Promise.all(busy)).map(pid);
    expect(new Set(pids).size).toBe(2);
    expect(pool.environmentCount(fn().functionArn)).toBe(2);
  });

  test('stops an environment that stays idle past the idle timeout', async () => {
    pool = makePool({ idleTimeoutMs: 300 });
    await pool.invoke(fn(), code, request());
    expect(pool.environmentCount(fn().functionArn)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(pool.environmentCount(fn().functionArn)).toBe(0);
  });

  test('keeps at most maxIdleEnvironments warm, stopping the one idle longest', async () => {
    pool = makePool({ concurrencyLimit: 3, maxIdleEnvironments: 2 });
    const three = await Promise.all([1, 2, 3].map(() => pool!.invoke(fn(), code, request({ sleep: 0.5 }))));
    expect(new Set(three.map(pid)).size).toBe(3);
    expect(pool.environmentCount(fn().functionArn)).toBe(2);
    // The two kept are still warm: the next calls reuse them.
    const again = await Promise.all([1, 2].map(() => pool!.invoke(fn(), code, request({ sleep: 0.2 }))));
    expect(again.map(pid).every((id) => three.map(pid).includes(id))).toBe(true);
  });

  // Every environment counts as 100 MB, so the budget's arithmetic does not hang on what a process happens to hold.
  const MB = 2 ** 20;
  const hundredMb = () => 100 * MB;
  const fnNamed = (name: string): FunctionSnapshot => ({ ...fn(), functionName: name, functionArn: `arn:aws:lambda:us-east-1:123456789012:function:${name}` });

  test('past the memory budget, idle environments stop to make room, least recently used first', async () => {
    pool = makePool({ memoryBudgetBytes: 250 * MB, measureMemory: hundredMb });
    const a = pid(await pool.invoke(fnNamed('a'), code, request()));
    await pool.invoke(fnNamed('b'), code, request());
    // a is used again: b is now the one idle longest.
    expect(pid(await pool.invoke(fnNamed('a'), code, request()))).toBe(a);
    await pool.invoke(fnNamed('c'), code, request());
    expect([fnNamed('a'), fnNamed('b'), fnNamed('c')].map((f) => pool!.environmentCount(f.functionArn))).toEqual([1, 0, 1]);
    expect(pid(await pool.invoke(fnNamed('a'), code, request()))).toBe(a);
  });

  test('a start that does not fit in the memory budget beside busy environments is throttled; the busy ones finish', async () => {
    pool = makePool({ memoryBudgetBytes: 250 * MB, measureMemory: hundredMb });
    const busy = [pool.invoke(fnNamed('a'), code, request({ sleep: 2 })), pool.invoke(fnNamed('b'), code, request({ sleep: 2 }))];
    const started = () => pool!.environmentCount(fnNamed('a').functionArn) + pool!.environmentCount(fnNamed('b').functionArn);
    await expect.poll(started, { timeout: 20_000 }).toBe(2);
    await expect(pool.invoke(fnNamed('c'), code, request())).rejects.toBeInstanceOf(ConcurrencyLimitExceeded);
    expect((await Promise.all(busy)).every((result) => result.functionError === undefined)).toBe(true);
    // Once they are idle, the same start fits by stopping the one idle longest.
    expect((await pool.invoke(fnNamed('c'), code, request())).functionError).toBeUndefined();
  });

  test('a budget smaller than one environment still runs one at a time', async () => {
    pool = makePool({ memoryBudgetBytes: 50 * MB, measureMemory: hundredMb });
    const first = pool.invoke(fnNamed('a'), code, request({ sleep: 0.5 }));
    await expect(pool.invoke(fnNamed('b'), code, request())).rejects.toBeInstanceOf(ConcurrencyLimitExceeded);
    expect((await first).functionError).toBeUndefined();
    expect((await pool.invoke(fnNamed('b'), code, request())).functionError).toBeUndefined();
    expect(pool.environmentCount(fnNamed('a').functionArn)).toBe(0);
  });

  test('by default keeps as many environments warm as may run at once, when that is more than 12', async () => {
    // Room in the memory budget for all thirteen: only the idle cap could stop one.
    pool = makePool({ concurrencyLimit: 13, maxConcurrentStarts: 13, memoryBudgetBytes: 13 * 100 * MB, measureMemory: hundredMb });
    // Thirteen starts allowed at once: every call starts its own environment.
    const burst = await Promise.all(Array.from({ length: 13 }, () => pool!.invoke(fn(), code, request())));
    expect(new Set(burst.map(pid)).size).toBe(13);
    expect(pool.environmentCount(fn().functionArn)).toBe(13);
  });

  test('starts one environment at a time when told to: a burst waits for a free one or a finished start, and every call succeeds', async () => {
    pool = makePool({ concurrencyLimit: 3, maxConcurrentStarts: 1 });
    // Init takes 0.4 s; each call then takes 1 s, so a second and third environment are needed.
    const slowInit = zipSync({
      'app.py': strToU8(
        'import os, time\nIMPORTED_AT = time.time()\ntime.sleep(0.4)\n' +
          'def handler(event, context):\n    time.sleep(event.get("sleep", 0))\n    return {"pid": os.getpid(), "importedAt": IMPORTED_AT}\n',
      ),
    });
    const calls = [1, 2, 3].map(() => pool!.invoke(fn(), { key: 'slow-init', loadZip: async () => slowInit }, request({ sleep: 1 })));
    const answers = (await Promise.all(calls)).map((result) => JSON.parse(result.payload.toString()) as { pid: number; importedAt: number });
    const environments = [...new Map(answers.map((answer) => [answer.pid, answer.importedAt])).values()].sort();
    expect(environments.length).toBeGreaterThan(1);
    // Each environment began after the one before it had finished its 0.4 s init.
    for (let i = 1; i < environments.length; i++) expect(environments[i] - environments[i - 1]).toBeGreaterThanOrEqual(0.35);
  });

  test('a handler saved with Windows line endings (CRLF) runs', async () => {
    pool = makePool();
    const crlf = zipSync({ 'app.py': strToU8('import os\r\ndef handler(event, context):\r\n    return os.getpid()\r\n') });
    const result = await pool.invoke(fn(), { key: 'crlf', loadZip: () => Promise.resolve(crlf) }, request());
    expect(result.functionError).toBeUndefined();
    expect(typeof pid(result)).toBe('number');
  });

  test("an environment initialises at the sandbox's priority, then runs its invocations below it", async () => {
    pool = makePool();
    const niceness = zipSync({
      'app.py': strToU8('import os\nAT_INIT = os.nice(0)\ndef handler(event, context):\n    return [AT_INIT, os.nice(0)]\n'),
    });
    const nicenessCode = { key: 'niceness', loadZip: () => Promise.resolve(niceness) };
    await pool.invoke(fn(), nicenessCode, request());
    const [atInit, invoked] = pid(await pool.invoke(fn(), nicenessCode, request())) as [number, number];
    expect(atInit).toBe(getPriority());
    expect(invoked).toBe(Math.min(19, getPriority() + RUNTIME_NICENESS));
  });

  /** Whether a process still runs (a zombie waiting for its parent to reap it does not). */
  const running = (processId: number) => {
    try {
      return readFileSync(`/proc/${processId}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
    } catch {
      return false;
    }
  };

  test.skipIf(process.platform !== 'linux')('a timed-out environment ends with the processes its handler started', async () => {
    pool = makePool();
    const spawning = zipSync({
      'app.py': strToU8(
        'import subprocess\ndef handler(event, context):\n    child = subprocess.Popen(["sleep", "60"])\n    print("child", child.pid, flush=True)\n    child.wait()\n',
      ),
    });
    const result = await pool.invoke({ ...fn(), timeoutSeconds: 1 }, { key: 'spawning', loadZip: () => Promise.resolve(spawning) }, request());
    expect(JSON.parse(result.payload.toString()).errorType).toBe('Sandbox.Timedout');
    const child = Number(/child (\d+)/.exec(result.log)?.[1]);
    expect(child).toBeGreaterThan(0);
    await vi.waitFor(() => expect(running(child)).toBe(false), { timeout: 2000 });
  });

  test('retire stops the idle environments of a deleted function', async () => {
    pool = makePool();
    await pool.invoke(fn(), code, request());
    pool.retire(fn().functionArn);
    expect(pool.environmentCount(fn().functionArn)).toBe(0);
  });
});

describe('the Runtime API', () => {
  test('an unknown environment path is refused', async () => {
    const api = new RuntimeApiServer();
    try {
      const address = await api.address();
      const answer = await fetch(`http://${address}/not-a-token/2018-06-01/runtime/invocation/next`);
      expect(answer.status).toBe(404);
    } finally {
      await api.close();
    }
  });
});

describe('the event queue', () => {
  // The queue's own clock: every retry and wait runs in order however busy the machine is.
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const throttled = () => new AwsError('TooManyRequestsException', 'Rate Exceeded.', 429);
  const ok: InvocationResult = { payload: Buffer.from('1'), log: '' };
  const failed: InvocationResult = { payload: Buffer.from('{}'), functionError: 'Unhandled', log: '' };

  test('a failing function is retried twice, then the event is dropped', async () => {
    const queue = new EventQueue({ retryDelaysMs: [20, 40], throttleWaitMs: 5 });
    let attempts = 0;
    queue.push({ run: async () => ((attempts += 1), failed) });
    await vi.advanceTimersByTimeAsync(59);
    expect(attempts).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(attempts).toBe(3);
    // Dropped: nothing more is scheduled.
    expect(vi.getTimerCount()).toBe(0);
    queue.close();
  });

  test('a throttled event waits and runs once there is room; a success is not repeated', async () => {
    const queue = new EventQueue({ retryDelaysMs: [20, 40], throttleWaitMs: 5 });
    let attempts = 0;
    queue.push({
      run: async () => {
        attempts += 1;
        if (attempts < 3) throw throttled();
        return ok;
      },
    });
    await vi.advanceTimersByTimeAsync(10);
    expect(attempts).toBe(3);
    // A success is not repeated: nothing more is scheduled.
    expect(vi.getTimerCount()).toBe(0);
    queue.close();
  });
});

describe('filter patterns', () => {
  test('terms, quoted phrases, ?alternatives and -exclusions; case-sensitive', () => {
    const match = (pattern: string, message: string) => compileFilterPattern(pattern)(message);
    expect(match('', 'anything')).toBe(true);
    expect(match('ERROR timeout', 'ERROR: timeout after 3s')).toBe(true);
    expect(match('ERROR timeout', 'ERROR only')).toBe(false);
    expect(match('"Task timed out"', 'x Task timed out after 3.00 seconds')).toBe(true);
    expect(match('"Task timed out"', 'Task has timed out')).toBe(false);
    expect(match('?ERROR ?WARN', 'a WARN line')).toBe(true);
    expect(match('?ERROR ?WARN', 'an INFO line')).toBe(false);
    expect(match('ERROR -retry', 'ERROR, will retry')).toBe(false);
    expect(match('error', 'ERROR')).toBe(false);
    expect(() => compileFilterPattern('{ $.level = "ERROR" }')).toThrow(/term and phrase filter patterns only/);
  });
});

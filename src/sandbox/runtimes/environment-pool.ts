import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ExecutionEnvironment,
  type Credentials,
  type FunctionSnapshot,
  type InvocationRequest,
  type InvocationResult,
  type Launch,
  type LogStream,
} from './execution-environment.ts';
import { HostPythonFinder, declaredPythonVersion, versionSettingName, type HostPython } from './host-python.ts';
import { logStreamName } from './log-lines.ts';
import { EnvironmentMemory } from './memory-budget.ts';
import { nodeHeapFlags } from './node-heap-flags.ts';
import { privateMemoryBytes } from './process-memory.ts';
import { runtimeFamily } from './runtime-catalog.ts';
import { RuntimeApiServer } from './runtime-api.ts';
import { runBelowSandbox } from './runtime-priority.ts';
import { TaskRoots } from './task-root.ts';

export interface PoolSettings {
  /**
   * In-flight invocations across all functions; Learner Lab accounts allow 10, the quota new AWS
   * accounts start with (github.com/awslabs/fhir-works-on-aws-deployment/issues/691: "Full account
   * concurrency is 10"; aws-samples/one-observability-demo#278).
   */
  concurrencyLimit?: number;
  /** A warm environment with no work for this long is stopped. */
  idleTimeoutMs?: number;
  /** At most this many idle environments are kept warm; beyond it the longest idle one stops. Default 12, or the concurrency limit if higher. */
  maxIdleEnvironments?: number;
  /**
   * All warm environments together may hold this many bytes (each counted by what only it
   * holds); past it, idle ones stop, least recently used first, and a start that does not
   * fit beside the busy ones is throttled.
   */
  memoryBudgetBytes?: number;
  /** What one environment's process holds (default: its private memory, where the system says). */
  measureMemory?: (pid: number | undefined) => number | undefined;
  /** At most this many environments initialise at once; default the machine's cores, at least 2. */
  maxConcurrentStarts?: number;
  /** Run every Python function with this interpreter instead of searching (LABBOOK_PYTHON). */
  python?: string;
  sandboxEndpoint(): string;
  issueCredentials(roleArn: string): Credentials | Promise<Credentials>;
  openLogStream: (groupName: string, streamName: string) => LogStream;
}

/** The code an environment runs: a key that changes with the code, and the zip itself. */
export interface CodeSource {
  key: string;
  loadZip: () => Promise<Uint8Array>;
}

/** Room for warm environments by default: a few hundred MB, beside a browser and an editor on an 8 GB laptop. */
export const DEFAULT_MEMORY_BUDGET_BYTES = 512 * 2 ** 20;

/**
 * What an environment holds before any of its family has been measured (and always, where
 * the system does not say): a Node.js one with the AWS SDK loaded and used holds about
 * 30 MB of its own, a Python one with boto3 about 35 MB (measured on Linux).
 */
const FIRST_GUESS_BYTES: Record<string, number> = { node: 32 * 2 ** 20, python: 36 * 2 ** 20 };

/** The sync invoke was refused: every allowed environment is busy, or no more fit in the memory budget. */
export class ConcurrencyLimitExceeded extends Error {}

const BOOTSTRAPS = {
  python: fileURLToPath(new URL('./python/bootstrap.py', import.meta.url)),
  node: fileURLToPath(new URL('./node/bootstrap.mjs', import.meta.url)),
};

/**
 * All execution environments of the sandbox: reuses a warm one of the same
 * function revision when it is free, starts one when none is, refuses work
 * beyond the concurrency limit, and stops environments that sit idle.
 *
 * AWS starts each environment on hardware of its own; here they all share the
 * student's cores. A burst that started every environment at once would starve
 * the warm ones past their timeouts, and each timeout kills an environment that
 * must then start again. So only a few initialise at once: a request that
 * would start another waits for an environment to free up or for a start to
 * finish, before its invocation (and its timeout) begins, as a cold start does.
 */
export class EnvironmentPool {
  private readonly settings: PoolSettings;
  private readonly concurrencyLimit: number;
  private readonly idleTimeoutMs: number;
  private readonly maxIdleEnvironments: number;
  private readonly runtimeApi = new RuntimeApiServer();
  private readonly pythons: HostPythonFinder;
  private readonly taskRoots = new TaskRoots(mkdtempSync(path.join(tmpdir(), 'labbook-lambda-')));
  private readonly idle = new Map<ExecutionEnvironment, NodeJS.Timeout>();
  private readonly all = new Set<ExecutionEnvironment>();
  private inFlight = 0;
  private readonly maxConcurrentStarts: number;
  private startsInProgress = 0;
  private readonly memory: EnvironmentMemory<ExecutionEnvironment>;
  /** Requests waiting to look again for a free environment or a start. */
  private waiting: Array<() => void> = [];

  constructor(settings: PoolSettings) {
    this.settings = settings;
    this.concurrencyLimit = settings.concurrencyLimit ?? 10;
    this.idleTimeoutMs = settings.idleTimeoutMs ?? 5 * 60_000;
    // Each environment is a process of 30-50 MB on the student's machine, where AWS's are free
    // to keep: 12 keep every function of the lab warm. Never fewer than may run at once, though:
    // a steady load at the limit would otherwise have environments stopped between its requests
    // and started again, cold starts AWS does not make.
    this.maxIdleEnvironments = settings.maxIdleEnvironments ?? Math.max(12, this.concurrencyLimit);
    this.maxConcurrentStarts = settings.maxConcurrentStarts ?? Math.max(2, availableParallelism());
    this.pythons = new HostPythonFinder(settings.python);
    this.memory = new EnvironmentMemory(
      settings.memoryBudgetBytes ?? DEFAULT_MEMORY_BUDGET_BYTES,
      settings.measureMemory ?? privateMemoryBytes,
      (family) => FIRST_GUESS_BYTES[family] ?? FIRST_GUESS_BYTES.node,
    );
  }

  /** Runs one invocation; throws ConcurrencyLimitExceeded when it cannot start now. */
  async invoke(fn: FunctionSnapshot, code: CodeSource, request: InvocationRequest): Promise<InvocationResult> {
    if (this.inFlight >= this.concurrencyLimit) throw new ConcurrencyLimitExceeded();
    this.inFlight += 1;
    try {
      const environment = await this.environmentFor(fn, code);
      if (typeof environment === 'string') return this.cannotStart(fn, request, environment);
      const result = await environment.invoke(request);
      this.release(environment);
      return result;
    } finally {
      this.inFlight -= 1;
    }
  }

  /** Looks for the host Python a new function will need while it is still Pending, so its first call does not wait. */
  prepare(runtime: string): void {
    if (runtimeFamily(runtime) === 'python') void this.pythons.find(runtime);
  }

  /** Stops the function's idle environments; busy ones stop when they finish. */
  retire(functionArn: string): void {
    for (const [environment] of this.idle) {
      if (environment.fn.functionArn === functionArn) environment.stop();
    }
  }

  /** How many environments (busy or idle) a function has: the tests' window on reuse. */
  environmentCount(functionArn: string): number {
    return [...this.all].filter((environment) => environment.fn.functionArn === functionArn).length;
  }

  async close(): Promise<void> {
    for (const environment of this.all) environment.stop();
    await this.runtimeApi.close();
    await this.taskRoots.remove();
  }

  /** A warm environment of this revision, else a new one as soon as a start is allowed. */
  private async environmentFor(fn: FunctionSnapshot, code: CodeSource): Promise<ExecutionEnvironment | string> {
    for (;;) {
      const idle = this.takeIdle(fn);
      if (idle) return idle;
      if (this.startsInProgress < this.maxConcurrentStarts) return this.create(fn, code, this.admit(fn));
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  /** Lets every waiting request look again: an environment is free, or a start has finished. */
  private wakeWaiting(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const wake of waiting) wake();
  }

  private takeIdle(fn: FunctionSnapshot): ExecutionEnvironment | undefined {
    for (const [environment, timer] of this.idle) {
      if (environment.fn.functionArn !== fn.functionArn) continue;
      if (environment.fn.revisionId !== fn.revisionId) {
        environment.stop();
        continue;
      }
      clearTimeout(timer);
      this.idle.delete(environment);
      return environment;
    }
    return undefined;
  }

  private release(environment: ExecutionEnvironment): void {
    if (environment.isGone) return;
    const timer = setTimeout(() => environment.stop(), this.idleTimeoutMs);
    timer.unref();
    this.idle.set(environment, timer);
    // A Map keeps insertion order: the first idle environment is the one idle longest.
    while (this.idle.size > this.maxIdleEnvironments) this.idle.keys().next().value!.stop();
    for (const over of this.memory.overBudget([...this.idle.keys()])) over.stop();
    this.wakeWaiting();
  }

  /** Room in the memory budget for one more environment of this function's runtime, stopping idle ones if need be; throws when there is none. */
  private admit(fn: FunctionSnapshot): number {
    const reserved = this.memory.admit(this.familyOf(fn), [...this.idle.keys()], (environment) => environment.stop());
    if (reserved === undefined) throw new ConcurrencyLimitExceeded();
    return reserved;
  }

  private familyOf(fn: FunctionSnapshot): string {
    return runtimeFamily(fn.runtime) ?? fn.runtime;
  }

  /** A new environment, or the reason none can start on this machine. */
  private async create(fn: FunctionSnapshot, code: CodeSource, reservedBytes: number): Promise<ExecutionEnvironment | string> {
    const started = this.startBegins();
    try {
      const launch = await this.launchFor(fn);
      if (typeof launch === 'string') {
        this.memory.abandoned(reservedBytes);
        started.ends();
        return launch;
      }
      const [taskRoot, credentials] = await Promise.all([this.taskRoots.taskRoot(code.key, code.loadZip), this.settings.issueCredentials(fn.role)]);
      const environment: ExecutionEnvironment = new ExecutionEnvironment({
        fn,
        taskRoot,
        launch,
        runtimeApi: this.runtimeApi,
        sandboxEndpoint: this.settings.sandboxEndpoint(),
        credentials,
        openLogStream: this.settings.openLogStream,
        onReady: () => {
          // Init ran at full priority (a cold start is already slow); the invocations that follow run below the sandbox.
          runBelowSandbox(environment.pid);
          started.ends();
        },
        onGone: () => {
          clearTimeout(this.idle.get(environment));
          this.idle.delete(environment);
          this.all.delete(environment);
          this.memory.gone(environment);
          started.ends();
        },
      });
      this.all.add(environment);
      this.memory.started(environment, this.familyOf(fn), reservedBytes);
      return environment;
    } catch (error) {
      this.memory.abandoned(reservedBytes);
      started.ends();
      throw error;
    }
  }

  /** Counts a start until `ends` is first called: when init is over, or the environment is gone first. */
  private startBegins(): { ends: () => void } {
    this.startsInProgress += 1;
    let over = false;
    return {
      ends: () => {
        if (over) return;
        over = true;
        this.startsInProgress -= 1;
        this.wakeWaiting();
      },
    };
  }

  private async launchFor(fn: FunctionSnapshot): Promise<Launch | string> {
    const { runtime } = fn;
    const family = runtimeFamily(runtime);
    if (family === 'node') {
      return {
        command: process.execPath,
        args: [...nodeHeapFlags(fn.memorySize, fn.variables.NODE_OPTIONS), BOOTSTRAPS.node],
        description: `Runtime Version: ${runtime} (sandbox: Node.js ${process.version} at ${process.execPath})`,
      };
    }
    if (family === 'python') {
      const python = await this.pythons.find(runtime);
      if (!python) return this.pythons.notFound(runtime);
      return { command: python.executable, args: [BOOTSTRAPS.python], description: pythonDescription(runtime, python) };
    }
    return `The sandbox cannot run the ${runtime} runtime; it runs python3.x and nodejs*.x functions.`;
  }

  /** The invocation fails as AWS fails one whose runtime cannot start, with the reason logged. */
  private cannotStart(fn: FunctionSnapshot, request: InvocationRequest, reason: string): InvocationResult {
    const error = { errorType: 'Runtime.InvalidEntrypoint', errorMessage: `RequestId: ${request.requestId} Error: ${reason}` };
    const stream = this.settings.openLogStream(fn.logGroupName, logStreamName(new Date()));
    const lines = [
      `START RequestId: ${request.requestId} Version: ${fn.version}\n`,
      `${error.errorMessage}\n${error.errorType}\n`,
      `END RequestId: ${request.requestId}\n`,
    ];
    for (const line of lines) stream.put(line);
    return { payload: Buffer.from(JSON.stringify(error)), functionError: 'Unhandled', log: lines.join('') };
  }
}

/**
 * What INIT_START says runs the function (once per execution environment, in its log
 * stream): the Python of the declared version, or which one stands in for it and how to
 * get the right one.
 */
function pythonDescription(runtime: string, python: HostPython): string {
  const declared = declaredPythonVersion(runtime);
  const running = `Python ${python.version} at ${python.executable}, boto3 ${python.boto3Version}`;
  if (!declared || python.version.startsWith(`${declared}.`)) return `Runtime Version: ${runtime} (sandbox: ${running})`;
  return (
    `Runtime Version: ${runtime} (sandbox: no Python ${declared} with boto3 on this machine, so ${running} runs it; ` +
    `install Python ${declared} with boto3, or name one with ${versionSettingName(declared)})`
  );
}

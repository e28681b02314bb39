import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { devNull } from 'node:os';
import { hostVariables, runsInOwnGroup, treeKill } from './host-system.ts';
import { ACCEPTED, type RuntimeApiClient, type RuntimeApiReply, type RuntimeApiServer } from './runtime-api.ts';
import { OutputLines } from './output-lines.ts';
import { logStreamName, reportLine, timedOutLine } from './log-lines.ts';

/** What an execution environment needs to know about the function it runs. */
export interface FunctionSnapshot {
  functionName: string;
  functionArn: string;
  version: string;
  runtime: string;
  handler: string;
  memorySize: number;
  timeoutSeconds: number;
  /** The function's own environment variables. */
  variables: Record<string, string>;
  /** Changes with every update; environments of an older revision are not reused. */
  revisionId: string;
  region: string;
  role: string;
  logGroupName: string;
}

/** How to start the runtime's process. */
export interface Launch {
  command: string;
  args: string[];
  /** Written after INIT_START: which runtime, and what on this machine runs it. */
  description: string;
}

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

export interface LogStream {
  put(message: string): void;
}

export interface InvocationRequest {
  requestId: string;
  payload: Buffer;
  invokedFunctionArn: string;
  /** The ClientContext JSON, already decoded from base64. */
  clientContext?: string;
}

export interface InvocationResult {
  payload: Buffer;
  functionError?: 'Unhandled';
  /** Everything this invocation wrote to its log stream, START to REPORT. */
  log: string;
}

export interface EnvironmentSettings {
  fn: FunctionSnapshot;
  taskRoot: string;
  launch: Launch;
  runtimeApi: RuntimeApiServer;
  /** Where the AWS SDK inside a handler sends its requests. */
  sandboxEndpoint: string;
  credentials: Credentials;
  openLogStream(groupName: string, streamName: string): LogStream;
  /** Called once, when the process has gone for good. */
  onGone(): void;
  /** Init is over: the runtime asked for its first invocation. */
  onReady?(): void;
}

/** AWS gives a runtime this long to initialise before it gives up on it. */
const INIT_TIMEOUT_MS = 10_000;
/** How long to wait for the last output lines after the runtime answered or died. */
const OUTPUT_GRACE_MS = 1_000;

type RuntimeEvent =
  | { kind: 'next' }
  | { kind: 'response'; requestId: string; body: Buffer }
  | { kind: 'error'; requestId: string; body: Buffer }
  | { kind: 'init-error'; body: Buffer }
  | { kind: 'exit'; description: string }
  | { kind: 'timeout' };

/** Environment variables that make the child look like a Lambda execution environment. */
function lambdaVariables(settings: EnvironmentSettings, apiAddress: string, streamName: string, flushMark: string) {
  const { fn, credentials } = settings;
  return {
    // The function's own variables first: Lambda's reserved names win over them.
    ...fn.variables,
    ...hostVariables(process.env, process.platform),
    LANG: 'C.UTF-8',
    TZ: ':UTC',
    PYTHONUNBUFFERED: '1',
    _HANDLER: fn.handler,
    LAMBDA_TASK_ROOT: settings.taskRoot,
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: fn.version,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
    AWS_LAMBDA_LOG_GROUP_NAME: fn.logGroupName,
    AWS_LAMBDA_LOG_STREAM_NAME: streamName,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_RUNTIME_API: apiAddress,
    AWS_REGION: fn.region,
    AWS_DEFAULT_REGION: fn.region,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_SESSION_TOKEN: credentials.sessionToken,
    // Never let the host's own AWS configuration leak into a handler.
    AWS_CONFIG_FILE: devNull,
    AWS_SHARED_CREDENTIALS_FILE: devNull,
    _LABBOOK_SANDBOX_ENDPOINT: settings.sandboxEndpoint,
    _LABBOOK_FLUSH_MARK: flushMark,
  };
}

/** Peak resident memory of a process in MB, as Lambda's "Max Memory Used" (Linux only; undefined once it has gone). */
function peakMemoryMb(pid: number | undefined): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+)/.exec(status)?.[1];
    return kb === undefined ? undefined : Math.ceil(Number(kb) / 1024);
  } catch {
    return undefined;
  }
}

const SIGNAL_WORDS: Record<string, string> = {
  SIGKILL: 'killed',
  SIGTERM: 'terminated',
  SIGSEGV: 'segmentation fault',
  SIGABRT: 'aborted',
  SIGINT: 'interrupt',
  SIGBUS: 'bus error',
  SIGFPE: 'floating point exception',
  SIGILL: 'illegal instruction',
};

/**
 * Windows has no signals: a process that crashes ends with an NTSTATUS code as its exit
 * code (Microsoft's [MS-ERREF] 2.3.1), which a student would not recognise as a number.
 */
const NTSTATUS_WORDS: Record<number, string> = {
  0xc0000005: 'access violation',
  0xc00000fd: 'stack overflow',
  0xc0000017: 'out of memory',
  0xc000013a: 'interrupted (Ctrl+C)',
  0xc0000409: 'stack buffer overrun',
};

/** Lambda's words for how a runtime process ended ("signal: killed", "exit status 1"), on any system. */
export function exitDescription(code: number | null, signal: NodeJS.Signals | null, platform: NodeJS.Platform): string {
  if (signal) return `Runtime exited with error: signal: ${SIGNAL_WORDS[signal] ?? signal}`;
  if (!code) return 'Runtime exited without providing a reason';
  // Read as unsigned, as Windows does, whichever way the number came.
  const status = code >>> 0;
  if (platform === 'win32' && status >= 0xc0000000) {
    const hex = `0x${status.toString(16).toUpperCase()}`;
    return `Runtime exited with error: exit status ${hex}${NTSTATUS_WORDS[status] ? ` (${NTSTATUS_WORDS[status]})` : ''}`;
  }
  return `Runtime exited with error: exit status ${code}`;
}

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}

/**
 * One execution environment: a runtime process that takes one invocation at a
 * time from the Runtime API, kept warm between invocations until the pool
 * stops it. A timeout, a crash or a failed init ends it; the next invocation
 * then gets a fresh one.
 */
export class ExecutionEnvironment implements RuntimeApiClient {
  readonly fn: FunctionSnapshot;
  readonly streamName = logStreamName(new Date());
  private readonly settings: EnvironmentSettings;
  private readonly flushMark = randomBytes(12).toString('hex');
  private readonly log: LogStream;
  private process?: ChildProcess;
  private token?: string;
  private parkedNext?: ServerResponse;
  private events: RuntimeEvent[] = [];
  private wake?: () => void;
  private startedAt = 0;
  private initialised = false;
  private gone = false;
  private killed = false;
  private currentRequestId?: string;
  /** Lines of the invocation in progress (and the function's init output, on a cold start), for LogType Tail. */
  private tail: string[] = [];
  private pendingFlushMarks = 0;
  private peakMemory = 0;
  private flushed?: () => void;
  private outputClosed!: Promise<void>;

  constructor(settings: EnvironmentSettings) {
    this.settings = settings;
    this.fn = settings.fn;
    this.log = settings.openLogStream(this.fn.logGroupName, this.streamName);
  }

  get isGone(): boolean {
    return this.gone;
  }

  /** The runtime's process id, once it has started. */
  get pid(): number | undefined {
    return this.process?.pid;
  }

  /** Runs one invocation; never throws for anything the function did. */
  async invoke(request: InvocationRequest): Promise<InvocationResult> {
    this.tail = [];
    this.events = [];
    const cold = !this.process;
    if (cold) await this.start();
    const init = await this.awaitInit(request.requestId);
    const initDuration = cold ? performance.now() - this.startedAt : undefined;
    this.write(`START RequestId: ${request.requestId} Version: ${this.fn.version}\n`);
    const started = performance.now();
    const outcome = init ?? (await this.run(request));
    const duration = init ? 0 : performance.now() - started;
    // A process that has just died can no longer be asked; its last reading stands in.
    this.peakMemory = peakMemoryMb(this.process?.pid) ?? this.peakMemory;
    if (outcome.kill) this.stop();
    await this.awaitOutput(outcome.kill || outcome.exited);
    if (outcome.timedOut) this.write(timedOutLine(request.requestId, this.fn.timeoutSeconds));
    if (outcome.exitMessage) this.write(`RequestId: ${request.requestId} Error: ${outcome.exitMessage}\nRuntime.ExitError\n`);
    this.write(`END RequestId: ${request.requestId}\n`);
    this.write(
      reportLine({
        requestId: request.requestId,
        durationMs: duration,
        initDurationMs: initDuration,
        memorySize: this.fn.memorySize,
        maxMemoryUsed: this.peakMemory,
        status: outcome.status,
      }),
    );
    return { payload: outcome.payload, functionError: outcome.functionError, log: this.tail.join('') };
  }

  /** Ends the process (if any) with whatever its handler started, and releases the Runtime API path. */
  stop(): void {
    if (this.process && !this.killed) killTree(this.process);
    this.killed = true;
    this.markGone();
  }

  // --- Runtime API

  next(response: ServerResponse): void {
    if (this.gone) {
      response.destroy();
      return;
    }
    this.parkedNext = response;
    if (!this.initialised) this.settings.onReady?.();
    this.initialised = true;
    this.push({ kind: 'next' });
  }

  invocationResponse(requestId: string, body: Buffer): RuntimeApiReply {
    return this.acceptFor(requestId, () => this.push({ kind: 'response', requestId, body }));
  }

  invocationError(requestId: string, _errorType: string | undefined, body: Buffer): RuntimeApiReply {
    return this.acceptFor(requestId, () => this.push({ kind: 'error', requestId, body }));
  }

  initError(_errorType: string | undefined, body: Buffer): RuntimeApiReply {
    if (this.initialised) {
      return { status: 403, body: { errorMessage: 'Init is already complete', errorType: 'InvalidStateTransition' } };
    }
    this.push({ kind: 'init-error', body });
    return ACCEPTED;
  }

  responseTooLarge(requestId: string): RuntimeApiReply {
    const error = {
      errorMessage: 'Response payload size exceeded maximum allowed payload size (6291556 bytes).',
      errorType: 'Function.ResponseSizeTooLarge',
    };
    this.acceptFor(requestId, () => this.push({ kind: 'error', requestId, body: json(error) }));
    return {
      status: 413,
      body: { errorMessage: 'Exceeded maximum allowed payload size (6291556 bytes).', errorType: 'RequestEntityTooLarge' },
    };
  }

  private acceptFor(requestId: string, accept: () => void): RuntimeApiReply {
    if (requestId !== this.currentRequestId) {
      return { status: 400, body: { errorMessage: `Invalid request ID: ${requestId}`, errorType: 'InvalidRequestID' } };
    }
    this.currentRequestId = undefined;
    accept();
    return ACCEPTED;
  }

  // --- process and phases

  private async start(): Promise<void> {
    const { token, apiAddress } = await this.settings.runtimeApi.register(this);
    this.token = token;
    this.startedAt = performance.now();
    // In the log stream only: AWS's LogType Tail holds the invocation's lines, not INIT_START.
    this.log.put(`INIT_START ${this.settings.launch.description}\n`);
    const child = spawn(this.settings.launch.command, this.settings.launch.args, {
      cwd: this.settings.taskRoot,
      env: lambdaVariables(this.settings, apiAddress, this.streamName, this.flushMark),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: runsInOwnGroup(process.platform),
      windowsHide: true,
    });
    this.process = child;
    const streams = [child.stdout!, child.stderr!].map((stream) => {
      const lines = new OutputLines(
        this.flushMark,
        (line) => this.write(line),
        () => this.onFlushMark(),
      );
      stream.on('data', (chunk: Buffer) => lines.write(chunk));
      return new Promise<void>((resolve) =>
        stream.on('close', () => {
          lines.end();
          resolve();
        }),
      );
    });
    this.outputClosed = Promise.all(streams).then(() => undefined);
    child.on('error', (error) => this.push({ kind: 'exit', description: `Runtime failed to start: ${error.message}` }));
    child.on('exit', (code, signal) => {
      this.push({ kind: 'exit', description: exitDescription(code, signal, process.platform) });
      this.markGone();
    });
  }

  /** Waits until the runtime asks for work; on failure, the invocation's outcome. */
  private async awaitInit(requestId: string): Promise<Outcome | undefined> {
    if (this.parkedNext) return undefined;
    const deadline = performance.now() + INIT_TIMEOUT_MS;
    for (;;) {
      const event = await this.nextEvent(deadline);
      if (event.kind === 'next') return undefined;
      if (event.kind === 'init-error') {
        return { payload: event.body, functionError: 'Unhandled', exited: true, kill: true, status: statusOf(event.body) };
      }
      if (event.kind === 'exit') return this.exitOutcome(event.description, requestId);
      if (event.kind === 'timeout') return this.timeoutOutcome(requestId);
    }
  }

  private async run(request: InvocationRequest): Promise<Outcome> {
    const deadlineMs = Date.now() + this.fn.timeoutSeconds * 1000;
    const deadline = performance.now() + this.fn.timeoutSeconds * 1000;
    this.currentRequestId = request.requestId;
    this.pendingFlushMarks = 2;
    const response = this.parkedNext!;
    this.parkedNext = undefined;
    this.peakMemory = peakMemoryMb(this.process?.pid) ?? this.peakMemory;
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'Lambda-Runtime-Aws-Request-Id': request.requestId,
      'Lambda-Runtime-Deadline-Ms': String(deadlineMs),
      'Lambda-Runtime-Invoked-Function-Arn': request.invokedFunctionArn,
      'Lambda-Runtime-Trace-Id': `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')};Sampled=0`,
    };
    if (request.clientContext) headers['Lambda-Runtime-Client-Context'] = request.clientContext;
    response.writeHead(200, { ...headers, 'Content-Length': request.payload.length });
    response.end(request.payload);
    for (;;) {
      const event = await this.nextEvent(deadline);
      if (event.kind === 'response') return { payload: event.body };
      if (event.kind === 'error') return { payload: event.body, functionError: 'Unhandled', status: statusOf(event.body) };
      if (event.kind === 'exit') return this.exitOutcome(event.description, request.requestId);
      if (event.kind === 'timeout') return this.timeoutOutcome(request.requestId);
    }
  }

  private exitOutcome(description: string, requestId: string): Outcome {
    const error = { errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${requestId} Error: ${description}` };
    return {
      payload: json(error),
      functionError: 'Unhandled',
      exited: true,
      kill: true,
      exitMessage: description,
      status: 'Status: error\tError Type: Runtime.ExitError',
    };
  }

  private timeoutOutcome(requestId: string): Outcome {
    const seconds = this.fn.timeoutSeconds.toFixed(2);
    const error = { errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${requestId} Error: Task timed out after ${seconds} seconds` };
    return { payload: json(error), functionError: 'Unhandled', kill: true, timedOut: true, status: 'Status: timeout' };
  }

  /** Waits for the invocation's last output: the flush marks, or the pipes closing after an exit. */
  private async awaitOutput(processEnded: boolean | undefined): Promise<void> {
    const done = processEnded ? this.outputClosed : this.pendingFlushMarks === 0 ? Promise.resolve() : new Promise<void>((resolve) => (this.flushed = resolve));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([done, new Promise<void>((resolve) => (timer = setTimeout(resolve, OUTPUT_GRACE_MS)))]);
    clearTimeout(timer);
    this.flushed = undefined;
  }

  private onFlushMark(): void {
    this.pendingFlushMarks = Math.max(this.pendingFlushMarks - 1, 0);
    if (this.pendingFlushMarks === 0) this.flushed?.();
  }

  private write(message: string): void {
    this.log.put(message);
    this.tail.push(message);
  }

  private push(event: RuntimeEvent): void {
    this.events.push(event);
    this.wake?.();
  }

  private async nextEvent(deadline: number): Promise<RuntimeEvent> {
    while (this.events.length === 0) {
      const wait = deadline - performance.now();
      if (wait <= 0) return { kind: 'timeout' };
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        timer = setTimeout(resolve, wait);
      });
      clearTimeout(timer);
      this.wake = undefined;
    }
    return this.events.shift()!;
  }

  private markGone(): void {
    if (this.gone) return;
    this.gone = true;
    if (this.token) this.settings.runtimeApi.unregister(this.token);
    this.parkedNext?.destroy();
    this.parkedNext = undefined;
    this.settings.onGone();
  }
}

/** Ends a runtime process and its descendants (host-system.ts says how, per system). */
function killTree(child: ChildProcess): void {
  if (child.pid === undefined) return;
  const plan = treeKill(child.pid, process.platform);
  if ('group' in plan) {
    try {
      // The group outlives its leader while a process the handler started is still in it.
      process.kill(plan.group, 'SIGKILL');
    } catch {
      // ESRCH: the whole group has gone.
    }
  } else if (child.exitCode === null && child.signalCode === null) {
    // Once the runtime has gone its pid may be another program's: only a live one is named.
    spawn(plan.command, plan.args, { stdio: 'ignore', windowsHide: true }).on('error', () => child.kill());
  }
}

interface Outcome {
  payload: Buffer;
  functionError?: 'Unhandled';
  /** The process has ended (or will, having reported an init error). */
  exited?: boolean;
  /** The environment cannot be used again. */
  kill?: boolean;
  timedOut?: boolean;
  exitMessage?: string;
  /** The REPORT line's Status fields, for a failed invocation. */
  status?: string;
}

/** REPORT's status for an error the runtime reported, e.g. `Status: error\tError Type: Runtime.ImportModuleError`. */
function statusOf(errorBody: Buffer): string | undefined {
  try {
    const type = (JSON.parse(errorBody.toString('utf8')) as { errorType?: unknown }).errorType;
    return typeof type === 'string' && type.startsWith('Runtime.') ? `Status: error\tError Type: ${type}` : undefined;
  } catch {
    return undefined;
  }
}

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
 * stops it. It follows the lifecycle of AWS's "Understanding the Lambda
 * execution environment lifecycle"
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html):
 * an Init phase that ends when the runtime first calls Next (or fails, or
 * takes longer than 10 seconds), then one Invoke phase per invocation, each
 * ended by the runtime's response or error, and a Shutdown that ends the
 * process. A failed init, a crash or a timeout shuts the environment down, and
 * the next invocation gets a fresh one.
 *
 * States (`phase`), and the events that move between them:
 * - unstarted: no process yet. The first invocation starts one → initialising.
 * - initialising: Init; the process runs the runtime and the function's own
 *   start-up code. Next → ready (and `onReady`); init/error, an exit or 10
 *   seconds without a Next → stopped, and the invocation that was waiting fails.
 * - ready: the runtime's Next is parked, waiting for work (AWS freezes the
 *   environment here). An invocation → invoking, with the event as the answer
 *   to that Next. A runtime whose Next request vanishes (its connection
 *   closed) → awaiting-poll, so that no event is sent where nobody listens.
 * - invoking: Invoke; the handler runs. Its response or error → awaiting-poll
 *   (or ready, when the runtime already called Next again); an exit → stopped,
 *   as Runtime.ExitError; the function's timeout → stopped, as Sandbox.Timedout.
 * - awaiting-poll: warm, between invocations, but the runtime has not (yet)
 *   called Next. Next → ready; an exit → stopped. An invocation waits up to
 *   the init timeout for the Next, as on a cold start.
 * - stopped: Shutdown, from any state on the pool's stop(), or from the
 *   failures above; the process and everything it started is killed, the
 *   Runtime API path released and the pool told, once. Only the process's
 *   exit is still awaited when a stop came from the pool mid-invocation.
 */
export class ExecutionEnvironment implements RuntimeApiClient {
  readonly fn: FunctionSnapshot;
  readonly streamName = logStreamName(new Date());
  private readonly settings: EnvironmentSettings;
  private readonly flushMark = randomBytes(12).toString('hex');
  private readonly log: LogStream;
  private state: State = { phase: 'unstarted' };
  /** The invocation waiting for the runtime, told once what happened. */
  private waiter?: (answer: Answer | 'next') => void;
  private process?: ChildProcess;
  private token?: string;
  private startedAt = 0;
  /** Lines of the invocation in progress (and the function's init output, on a cold start), for LogType Tail. */
  private tail: string[] = [];
  private pendingFlushMarks = 0;
  private peakMemory = 0;
  private flushed?: () => void;
  private outputClosed: Promise<void> = Promise.resolve();

  constructor(settings: EnvironmentSettings) {
    this.settings = settings;
    this.fn = settings.fn;
    this.log = settings.openLogStream(this.fn.logGroupName, this.streamName);
  }

  /** Where the environment is in its lifecycle (see above). */
  get phase(): Phase {
    return this.state.phase;
  }

  get isGone(): boolean {
    return this.state.phase === 'stopped';
  }

  /** The runtime's process id, once it has started. */
  get pid(): number | undefined {
    return this.process?.pid;
  }

  /** Runs one invocation; never throws for anything the function did. */
  async invoke(request: InvocationRequest): Promise<InvocationResult> {
    this.tail = [];
    const cold = this.state.phase === 'unstarted';
    if (cold) await this.start();
    const init = await this.awaitNext(request.requestId);
    const initDuration = cold ? performance.now() - this.startedAt : undefined;
    this.write(`START RequestId: ${request.requestId} Version: ${this.fn.version}\n`);
    const started = performance.now();
    const outcome = init ?? (await this.run(request));
    const duration = init ? 0 : performance.now() - started;
    // A process that has gone can no longer be asked; its last reading stands in.
    this.readPeakMemory();
    await this.awaitOutput(this.state.phase === 'stopped');
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

  // --- Transitions: one method per event, each deciding from the current state.

  /** The pool's Shutdown: ends the process (if any) with whatever its handler started. */
  stop(): void {
    // A waiting invocation is told by the process's exit, which the kill brings.
    this.enterStopped(undefined);
  }

  /** Runtime API: GET next. */
  next(response: ServerResponse): void {
    const state = this.state;
    switch (state.phase) {
      case 'initialising':
        this.settings.onReady?.();
        this.state = { phase: 'ready', poll: response };
        this.answer('next');
        break;
      case 'awaiting-poll':
        this.state = { phase: 'ready', poll: response };
        this.answer('next');
        break;
      case 'ready':
        this.state = { phase: 'ready', poll: response };
        break;
      case 'invoking':
        // A Next before the answer: kept for when the answer comes (the timeout ends it otherwise).
        this.state = { ...state, poll: response };
        break;
      case 'unstarted':
      case 'stopped':
        response.destroy();
        return;
    }
    response.once('close', () => this.pollClosed(response));
  }

  /** A parked Next's connection closed before it was answered. */
  private pollClosed(response: ServerResponse): void {
    const state = this.state;
    if (state.phase === 'ready' && state.poll === response) this.state = { phase: 'awaiting-poll' };
    if (state.phase === 'invoking' && state.poll === response) this.state = { ...state, poll: undefined };
  }

  /** The invocation goes to the runtime's parked Next. */
  private send(request: InvocationRequest, deadlineMs: number): void {
    const state = this.state;
    if (state.phase !== 'ready') throw new Error(`An invocation cannot start while ${state.phase}`);
    this.state = { phase: 'invoking', requestId: request.requestId };
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'Lambda-Runtime-Aws-Request-Id': request.requestId,
      'Lambda-Runtime-Deadline-Ms': String(deadlineMs),
      'Lambda-Runtime-Invoked-Function-Arn': request.invokedFunctionArn,
      'Lambda-Runtime-Trace-Id': `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')};Sampled=0`,
    };
    if (request.clientContext) headers['Lambda-Runtime-Client-Context'] = request.clientContext;
    state.poll.writeHead(200, { ...headers, 'Content-Length': request.payload.length });
    state.poll.end(request.payload);
  }

  /** Runtime API: POST response. */
  invocationResponse(requestId: string, body: Buffer): RuntimeApiReply {
    return this.finishInvocation(requestId, { kind: 'response', body });
  }

  /** Runtime API: POST error. */
  invocationError(requestId: string, _errorType: string | undefined, body: Buffer): RuntimeApiReply {
    return this.finishInvocation(requestId, { kind: 'error', body });
  }

  /** Runtime API: a response over the limit, which ends the invocation as an error. */
  responseTooLarge(requestId: string): RuntimeApiReply {
    const error = {
      errorMessage: 'Response payload size exceeded maximum allowed payload size (6291556 bytes).',
      errorType: 'Function.ResponseSizeTooLarge',
    };
    this.finishInvocation(requestId, { kind: 'error', body: json(error) });
    return {
      status: 413,
      body: { errorMessage: 'Exceeded maximum allowed payload size (6291556 bytes).', errorType: 'RequestEntityTooLarge' },
    };
  }

  private finishInvocation(requestId: string, answer: Answer): RuntimeApiReply {
    const state = this.state;
    if (state.phase !== 'invoking' || state.requestId !== requestId) {
      return { status: 400, body: { errorMessage: `Invalid request ID: ${requestId}`, errorType: 'InvalidRequestID' } };
    }
    this.state = state.poll ? { phase: 'ready', poll: state.poll } : { phase: 'awaiting-poll' };
    this.answer(answer);
    return ACCEPTED;
  }

  /** Runtime API: POST init/error. */
  initError(_errorType: string | undefined, body: Buffer): RuntimeApiReply {
    if (this.state.phase !== 'initialising') {
      return { status: 403, body: { errorMessage: 'Init is already complete', errorType: 'InvalidStateTransition' } };
    }
    this.stopBecause({ kind: 'init-error', body });
    return ACCEPTED;
  }

  /** The process ended (or never started). */
  private exited(description: string): void {
    this.stopBecause({ kind: 'exit', description });
  }

  /** The runtime took too long: to call Next (the init timeout), or to answer (the function's). */
  private timedOut(): void {
    this.stopBecause({ kind: 'timeout' });
  }

  /** Shutdown for a failure, which the waiting invocation (or the next, if none waits yet) is told. */
  private stopBecause(cause: Answer): void {
    this.enterStopped(cause);
    this.answer(cause);
  }

  private enterStopped(cause: Answer | undefined): void {
    const state = this.state;
    if (state.phase === 'stopped') return;
    if (state.phase === 'invoking' || state.phase === 'ready') state.poll?.destroy();
    this.state = { phase: 'stopped', cause };
    // The last reading before the kill, for REPORT's Max Memory Used.
    this.readPeakMemory();
    if (this.process) killTree(this.process);
    if (this.token) this.settings.runtimeApi.unregister(this.token);
    this.settings.onGone();
  }

  /** Tells the waiting invocation, if any, what the runtime did. */
  private answer(answer: Answer | 'next'): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.(answer);
  }

  // --- The invocation's side: start, wait, and make an outcome of the answer.

  private async start(): Promise<void> {
    const { token, apiAddress } = await this.settings.runtimeApi.register(this);
    this.token = token;
    if (this.state.phase === 'stopped') {
      // Stopped while registering: nothing to start.
      this.settings.runtimeApi.unregister(token);
      return;
    }
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
    this.state = { phase: 'initialising' };
    const streams = [child.stdout, child.stderr].map((stream) => {
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
    child.on('error', (error) => this.exited(`Runtime failed to start: ${error.message}`));
    child.on('exit', (code, signal) => this.exited(exitDescription(code, signal, process.platform)));
  }

  /** Waits until the runtime asks for work; on failure, the invocation's outcome. */
  private async awaitNext(requestId: string): Promise<Outcome | undefined> {
    const state = this.state;
    if (state.phase === 'ready') return undefined;
    // Without a cause, the pool stopped it before the runtime could take work.
    if (state.phase === 'stopped') return outcomeOf(state.cause ?? KILLED, requestId, this.fn);
    const answer = await this.wait(INIT_TIMEOUT_MS);
    return answer === 'next' ? undefined : outcomeOf(answer, requestId, this.fn);
  }

  private async run(request: InvocationRequest): Promise<Outcome> {
    const timeoutMs = this.fn.timeoutSeconds * 1000;
    this.pendingFlushMarks = 2;
    this.readPeakMemory();
    this.send(request, Date.now() + timeoutMs);
    // Only a runtime that is yet to take work is answered 'next', never an invoking one.
    return outcomeOf((await this.wait(timeoutMs)) as Answer, request.requestId, this.fn);
  }

  /** The runtime's next answer, or a timeout after `ms`. */
  private wait(ms: number): Promise<Answer | 'next'> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.timedOut(), ms);
      this.waiter = (answer) => {
        clearTimeout(timer);
        resolve(answer);
      };
    });
  }

  /** Waits for the invocation's last output: the flush marks, or the pipes closing after an exit. */
  private async awaitOutput(processEnded: boolean): Promise<void> {
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

  private readPeakMemory(): void {
    this.peakMemory = peakMemoryMb(this.process?.pid) ?? this.peakMemory;
  }

  private write(message: string): void {
    this.log.put(message);
    this.tail.push(message);
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

/** What the runtime did that ends a wait: its answer to an invocation, or a failure. */
type Answer =
  | { kind: 'response'; body: Buffer }
  | { kind: 'error'; body: Buffer }
  | { kind: 'init-error'; body: Buffer }
  | { kind: 'exit'; description: string }
  | { kind: 'timeout' };

/** The lifecycle's states (ExecutionEnvironment's comment says what each means). */
type State =
  | { phase: 'unstarted' }
  | { phase: 'initialising' }
  | { phase: 'ready'; poll: ServerResponse }
  | { phase: 'invoking'; requestId: string; poll?: ServerResponse }
  | { phase: 'awaiting-poll' }
  /** `cause`: the failure that stopped it; none when the pool did. */
  | { phase: 'stopped'; cause: Answer | undefined };

export type Phase = State['phase'];

const KILLED: Answer = { kind: 'exit', description: exitDescription(null, 'SIGKILL', process.platform) };

/** The invocation's result from the runtime's answer. */
function outcomeOf(answer: Answer, requestId: string, fn: FunctionSnapshot): Outcome {
  switch (answer.kind) {
    case 'response':
      return { payload: answer.body };
    case 'error':
    case 'init-error':
      return { payload: answer.body, functionError: 'Unhandled', status: statusOf(answer.body) };
    case 'exit': {
      const error = { errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${requestId} Error: ${answer.description}` };
      return { payload: json(error), functionError: 'Unhandled', exitMessage: answer.description, status: 'Status: error\tError Type: Runtime.ExitError' };
    }
    case 'timeout': {
      const seconds = fn.timeoutSeconds.toFixed(2);
      const error = { errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${requestId} Error: Task timed out after ${seconds} seconds` };
      return { payload: json(error), functionError: 'Unhandled', timedOut: true, status: 'Status: timeout' };
    }
  }
}

interface Outcome {
  payload: Buffer;
  functionError?: 'Unhandled';
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

// labbook's Lambda runtime for Node.js.
//
// One execution environment is one process running this file. It loads the
// function's handler (CommonJS or ES module), then loops on the Lambda Runtime
// API that the sandbox serves: ask for the next invocation, call the handler,
// post the result or the error. Context object, console log format and error
// payloads follow AWS's Node.js runtime.

import http from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';

const RUNTIME_API_VERSION = '2018-06-01';
// Written to stdout and stderr after each invocation so the sandbox knows it
// has read every line the handler logged before it writes END and REPORT.
const FLUSH_MARK = process.env._LABBOOK_FLUSH_MARK ?? '';
delete process.env._LABBOOK_FLUSH_MARK;
// Where the AWS SDK's requests really go (the sandbox), whatever endpoint a client was built with.
const SANDBOX_ENDPOINT = process.env._LABBOOK_SANDBOX_ENDPOINT ?? '';
delete process.env._LABBOOK_SANDBOX_ENDPOINT;

const [apiHost, ...apiPrefix] = process.env.AWS_LAMBDA_RUNTIME_API.split('/');
const [apiHostname, apiPort] = apiHost.split(':');
const apiBase = `${apiPrefix.length ? `/${apiPrefix.join('/')}` : ''}/${RUNTIME_API_VERSION}/runtime`;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** One request to the Runtime API; resolves with status, headers and body. */
function runtimeApi(method, route, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const request = http.request({ hostname: apiHostname, port: apiPort, method, path: apiBase + route, agent, headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

function postError(route, error) {
  return runtimeApi('POST', route, JSON.stringify(error), {
    'Content-Type': 'application/json',
    'Lambda-Runtime-Function-Error-Type': error.errorType,
  });
}

// Where AWS unpacks a function's code; stack traces name the function's files
// there, not in the sandbox's own folder.
const AWS_TASK_ROOT = '/var/task';

/** A stack trace with the task root's real path (plain or as a file: URL) replaced by /var/task. */
function asDeployed(stack) {
  const root = process.env.LAMBDA_TASK_ROOT;
  return stack.replaceAll(`${pathToFileURL(root).href}/`, `file://${AWS_TASK_ROOT}/`).replaceAll(`${root}${path.sep}`, `${AWS_TASK_ROOT}/`);
}

/** An error as AWS's Node.js runtime reports it. */
function describeError(error) {
  if (error instanceof Error) {
    return { errorType: error.name, errorMessage: error.message, trace: asDeployed(error.stack ?? '').split('\n') };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

class RuntimeFault extends Error {
  constructor(name, message) {
    super(message);
    this.name = name;
  }
}

// --- logging: every console call is one log event, stamped with the request id.

let currentRequestId;

function patchConsole() {
  const write = (level, args) => {
    const text = `${new Date().toISOString()}\t${currentRequestId ?? 'undefined'}\t${level}\t${format(...args)}`;
    process.stdout.write(`${text.replaceAll('\n', '\r')}\n`);
  };
  console.log = (...args) => write('INFO', args);
  console.info = (...args) => write('INFO', args);
  console.warn = (...args) => write('WARN', args);
  console.error = (...args) => write('ERROR', args);
  console.debug = (...args) => write('DEBUG', args);
  console.trace = (...args) => write('TRACE', args);
}

function logError(label, error) {
  const described = describeError(error);
  const payload = { errorType: described.errorType, errorMessage: described.errorMessage, stack: described.trace };
  console.error(`${label} \t${JSON.stringify(payload)}`);
}

function flushOutput() {
  return Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write(`\n${FLUSH_MARK}\n`, resolve))));
}

// --- memory between invocations

// How long the environment waits without work before it gives memory back.
const IDLE_COLLECT_MS = 2000;

/**
 * V8's memory-reducing collection, reached without a global `gc`: the flag is on only while
 * one fresh context is made, so neither the handler's context nor any it makes later sees it.
 */
function memoryReducingCollector() {
  // A function whose NODE_OPTIONS has --expose-gc already has one, and keeps its flags as they are.
  let gc = globalThis.gc;
  if (typeof gc !== 'function') {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc');
    v8.setFlagsFromString('--no-expose-gc');
  }
  return () => gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}

/**
 * A warm environment waits for work holding the young generation and old-space pages its last
 * invocations grew (AWS's semi-spaces for 128 MB are 6 MiB each), up to half of what it holds
 * of its own. V8's own memory reducer gives them back at the earliest 8 s later, and after an
 * HTTP load often not at all. On AWS an idle environment is frozen; on a student's laptop it
 * shares the memory with everything else, so after a moment without work it collects. A busy
 * environment never waits that long, and the handler sees nothing of it.
 */
function collectWhenIdle(collect) {
  let timer;
  return {
    waiting: () => (timer = setTimeout(collect, IDLE_COLLECT_MS)),
    working: () => clearTimeout(timer),
  };
}

// --- the AWS SDK reaches the sandbox

/**
 * Sends HTTPS requests for *.amazonaws.com hosts to the sandbox, keeping the
 * Host the SDK signed: clients built without an endpoint (the SDK picks the
 * real AWS one, as no function on AWS has AWS_ENDPOINT_URL set) and those given
 * a real AWS endpoint by hand, such as an @connections client for execute-api.
 */
function redirectAwsSdkToSandbox(endpoint) {
  const sandbox = new URL(endpoint);
  const agent = new http.Agent({ keepAlive: true });
  const originalRequest = https.request;
  https.request = function request(options, ...rest) {
    const host = options && typeof options === 'object' && !(options instanceof URL) ? (options.hostname ?? options.host) : undefined;
    if (typeof host !== 'string' || !host.endsWith('.amazonaws.com')) return originalRequest.call(this, options, ...rest);
    const port = options.port && Number(options.port) !== 443 ? `:${options.port}` : '';
    return http.request(
      {
        ...options,
        protocol: 'http:',
        host: sandbox.hostname,
        hostname: sandbox.hostname,
        port: sandbox.port,
        agent,
        headers: { host: `${host}${port}`, ...options.headers },
      },
      ...rest,
    );
  };
  syncBuiltinESMExports();
}

// --- loading the handler

async function importFirst(basePath) {
  for (const extension of ['', '.js', '.mjs', '.cjs']) {
    const candidate = basePath + extension;
    if (statSync(candidate, { throwIfNoEntry: false })?.isFile()) return import(pathToFileURL(candidate).href);
  }
  const missing = new Error(`Cannot find module '${path.basename(basePath)}'`);
  missing.code = 'MODULE_NOT_FOUND';
  throw missing;
}

async function loadHandler(taskRoot, handlerString) {
  if (handlerString.includes('..')) {
    throw new RuntimeFault(
      'Runtime.MalformedHandlerName',
      `'${handlerString}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`,
    );
  }
  const slash = handlerString.lastIndexOf('/');
  const moduleRoot = handlerString.slice(0, slash + 1);
  const [moduleName, ...functionPath] = handlerString.slice(slash + 1).split('.');
  if (!moduleName || functionPath.length === 0) {
    throw new RuntimeFault('Runtime.MalformedHandlerName', 'Bad handler');
  }
  let module;
  try {
    module = await importFirst(path.resolve(taskRoot, moduleRoot, moduleName));
  } catch (error) {
    if (error instanceof SyntaxError) throw new RuntimeFault('Runtime.UserCodeSyntaxError', asDeployed(String(error)));
    if (error?.code === 'MODULE_NOT_FOUND' || error?.code === 'ERR_MODULE_NOT_FOUND') {
      throw new RuntimeFault('Runtime.ImportModuleError', asDeployed(String(error)));
    }
    throw error;
  }
  const find = (root) =>
    functionPath.reduce((value, key) => ((value && typeof value === 'object') || typeof value === 'function' ? value[key] : undefined), root);
  const handler = find(module) ?? find(module.default);
  if (handler === undefined) {
    throw new RuntimeFault('Runtime.HandlerNotFound', `${handlerString} is undefined or not exported`);
  }
  if (typeof handler !== 'function') {
    throw new RuntimeFault('Runtime.HandlerNotFound', `${handlerString} is not a function`);
  }
  return handler;
}

// --- invoking

function makeContext(headers, settle) {
  const deadline = Number(headers['lambda-runtime-deadline-ms']);
  const parse = (value) => (value ? JSON.parse(value) : undefined);
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: headers['lambda-runtime-aws-request-id'],
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    clientContext: parse(headers['lambda-runtime-client-context']),
    identity: parse(headers['lambda-runtime-cognito-identity']),
    getRemainingTimeInMillis: () => Math.max(deadline - Date.now(), 0),
    // The legacy completion methods some older handlers still call.
    done: (error, result) => settle(error, result),
    succeed: (result) => settle(null, result),
    fail: (error) => settle(error ?? new Error('handled')),
  };
}

/** Runs the handler whichever way it completes: promise, callback or context method. */
function runHandler(handler, event, headers) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (error, result) => {
      if (settled) return;
      settled = true;
      if (error !== null && error !== undefined) reject(error);
      else resolve(result);
    };
    const context = makeContext(headers, settle);
    const returned = handler(event, context, settle);
    if (returned && typeof returned.then === 'function') {
      returned.then(
        (result) => settle(null, result),
        (error) => settle(error ?? new Error('handled')),
      );
    } else if (handler.length < 3) {
      settle(null, returned);
    }
  });
}

let currentInvocation;

async function invoke(handler, next) {
  const requestId = next.headers['lambda-runtime-aws-request-id'];
  currentRequestId = requestId;
  currentInvocation = requestId;
  process.env._X_AMZN_TRACE_ID = next.headers['lambda-runtime-trace-id'] ?? '';
  let body;
  try {
    const event = next.body.length ? JSON.parse(next.body.toString('utf8')) : null;
    const result = await runHandler(handler, event, next.headers);
    body = JSON.stringify(result === undefined ? null : result);
  } catch (error) {
    logError('Invoke Error', error);
    await flushOutput();
    currentInvocation = undefined;
    await postError(`/invocation/${requestId}/error`, describeError(error));
    return;
  }
  await flushOutput();
  currentInvocation = undefined;
  await runtimeApi('POST', `/invocation/${requestId}/response`, body, { 'Content-Type': 'application/json' });
}

// An error no handler awaited ends the environment, as it does on AWS; the
// invocation in progress gets it as its error first.
async function failFromOutside(errorType, error) {
  const described = { ...describeError(error), errorType };
  logError(errorType === 'Runtime.UnhandledPromiseRejection' ? 'Unhandled Promise Rejection' : 'Uncaught Exception', error);
  await flushOutput();
  if (currentInvocation) await postError(`/invocation/${currentInvocation}/error`, described).catch(() => {});
  process.exit(129);
}

async function main() {
  patchConsole();
  if (SANDBOX_ENDPOINT) redirectAwsSdkToSandbox(SANDBOX_ENDPOINT);
  process.on('uncaughtException', (error) => failFromOutside(error?.name ?? 'Error', error));
  process.on('unhandledRejection', (reason) => failFromOutside('Runtime.UnhandledPromiseRejection', reason));
  const taskRoot = process.env.LAMBDA_TASK_ROOT;
  process.chdir(taskRoot);
  let handler;
  try {
    handler = await loadHandler(taskRoot, process.env._HANDLER);
  } catch (error) {
    logError('Init Error', error);
    await flushOutput();
    await postError('/init/error', describeError(error));
    process.exit(1);
  }
  const idle = collectWhenIdle(memoryReducingCollector());
  for (;;) {
    idle.waiting();
    const next = await runtimeApi('GET', '/invocation/next');
    idle.working();
    if (next.status !== 200) throw new Error(`Runtime API answered ${next.status} to invocation/next`);
    await invoke(handler, next);
  }
}

await main();

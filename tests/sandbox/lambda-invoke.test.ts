// Invoke through the sandbox with the SDK: what a handler sees, what the caller
// gets back, and every way a function can fail, each followed by a call that works.
import {
  CreateFunctionCommand,
  InvokeCommand,
  LambdaClient,
  UpdateFunctionCodeCommand,
  waitUntilFunctionUpdatedV2,
  type InvokeCommandOutput,
} from '@aws-sdk/client-lambda';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { useSandbox } from './harness.ts';
import { holdClock } from './held-clock.ts';
import { decode, deploy, labRole, uniqueName, zipOf } from './lambda-helpers.ts';

const sandbox = useSandbox();
const lambda = () => sandbox.client(LambdaClient);

const PYTHON_APP = `
import json, logging, os, sys, time

logger = logging.getLogger()
logger.setLevel(logging.INFO)
calls = 0
print("module loaded")

def handler(event, context):
    global calls
    calls += 1
    action = event.get("action")
    print("action", action)
    logger.info("multi\\nline")
    if action == "fail":
        raise ValueError("the handler gave up")
    if action == "sleep":
        time.sleep(event["seconds"])
    if action == "hold":
        # Says it is running, then runs until the test lets it go.
        with open(event["started"], "a") as f:
            f.write("started\\n")
        while not os.path.exists(event["release"]):
            time.sleep(0.05)
    if action == "exit":
        os._exit(3)
    if action == "kill":
        os.kill(os.getpid(), 9)
    if action == "huge":
        return "x" * (7 * 1024 * 1024)
    return {
        "calls": calls,
        "pid": os.getpid(),
        "event": event,
        "requestId": context.aws_request_id,
        "functionName": context.function_name,
        "version": context.function_version,
        "arn": context.invoked_function_arn,
        "memory": context.memory_limit_in_mb,
        "logGroup": context.log_group_name,
        "logStream": context.log_stream_name,
        "remaining": context.get_remaining_time_in_millis(),
        "clientContext": context.client_context,
        "env": {k: os.environ.get(k) for k in ["GREETING", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_LAMBDA_FUNCTION_NAME",
            "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_LOG_GROUP_NAME",
            "AWS_LAMBDA_LOG_STREAM_NAME", "_HANDLER", "LAMBDA_TASK_ROOT", "AWS_EXECUTION_ENV", "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "TZ"]},
        "cwd": os.getcwd(),
    }
`;

const tail = (output: InvokeCommandOutput) => Buffer.from(output.LogResult ?? '', 'base64').toString('utf8');

async function invoke(name: string, payload: unknown, extra: Partial<ConstructorParameters<typeof InvokeCommand>[0]> = {}) {
  return lambda().send(new InvokeCommand({ FunctionName: name, Payload: JSON.stringify(payload), LogType: 'Tail', ...extra }));
}

describe('a Python function', () => {
  let name: string;
  test('is deployed and Active', async () => {
    name = await deploy(lambda(), sandbox.accountId, {
      files: { 'app.py': PYTHON_APP },
      Environment: { Variables: { GREETING: 'hello' } },
      MemorySize: 256,
      Timeout: 2,
    });
  });

  test('gets its event, context and Lambda environment variables', async () => {
    const output = await invoke(name, { action: 'echo', n: 1 }, { ClientContext: Buffer.from('{"custom":{"k":"v"}}').toString('base64') });
    expect(output.StatusCode).toBe(200);
    expect(output.FunctionError).toBeUndefined();
    expect(output.ExecutedVersion).toBe('$LATEST');
    const result = decode(output.Payload);
    const arn = `arn:aws:lambda:us-east-1:${sandbox.accountId}:function:${name}`;
    expect(result).toMatchObject({
      event: { action: 'echo', n: 1 },
      functionName: name,
      version: '$LATEST',
      arn,
      memory: '256',
      logGroup: `/aws/lambda/${name}`,
      clientContext: { custom: { k: 'v' } },
    });
    expect(result.requestId).toBe(output.$metadata.requestId);
    expect(result.logStream).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(result.remaining).toBeGreaterThan(1000);
    expect(result.remaining).toBeLessThanOrEqual(2000);
    expect(result.env).toMatchObject({
      GREETING: 'hello',
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_LAMBDA_FUNCTION_NAME: name,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${name}`,
      AWS_LAMBDA_LOG_STREAM_NAME: result.logStream,
      _HANDLER: 'app.handler',
      LAMBDA_TASK_ROOT: result.cwd,
      AWS_EXECUTION_ENV: 'AWS_Lambda_python3.13',
      TZ: ':UTC',
    });
    // Temporary credentials of the sandbox, not the caller's.
    expect(result.env.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/);
    expect(result.env.AWS_ACCESS_KEY_ID).not.toBe(sandbox.credentials.accessKeyId);
    expect(result.env.AWS_SESSION_TOKEN.length).toBeGreaterThan(100);
  });

  test('the log tail has START, the handler output in Lambda format, END and REPORT', async () => {
    const output = await invoke(name, { action: 'echo' });
    const id = output.$metadata.requestId;
    const log = tail(output);
    expect(log).toContain(`START RequestId: ${id} Version: $LATEST\n`);
    expect(log).toContain('action echo\n');
    expect(log).toMatch(new RegExp(`\\[INFO\\]\\t\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\\t${id}\\tmulti\\nline\\n`));
    expect(log).toContain(`END RequestId: ${id}\n`);
    expect(log).toMatch(
      new RegExp(`REPORT RequestId: ${id}\\tDuration: \\d+\\.\\d\\d ms\\tBilled Duration: \\d+ ms\\tMemory Size: 256 MB\\tMax Memory Used: \\d+ MB\\t\\n$`),
    );
  });

  test('a warm environment is reused: same process, module state kept, no init', async () => {
    const first = decode((await invoke(name, { action: 'echo' })).Payload);
    const second = await invoke(name, { action: 'echo' });
    expect(decode(second.Payload).pid).toBe(first.pid);
    expect(decode(second.Payload).calls).toBe(first.calls + 1);
    expect(tail(second)).not.toContain('Init Duration');
    expect(tail(second)).not.toContain('module loaded');
  });

  test('an unhandled exception is reported as AWS does, its traceback under /var/task, and the next call works', async () => {
    const output = await invoke(name, { action: 'fail' });
    expect(output.StatusCode).toBe(200);
    expect(output.FunctionError).toBe('Unhandled');
    const error = decode(output.Payload);
    expect(error).toEqual({
      errorMessage: 'the handler gave up',
      errorType: 'ValueError',
      requestId: output.$metadata.requestId,
      stackTrace: [expect.stringMatching(/^ {2}File "\/var\/task\/app\.py", line 16, in handler\n {4}raise ValueError\("the handler gave up"\)\n$/)],
    });
    expect(tail(output)).toMatch(
      /\[ERROR\] ValueError: the handler gave up\nTraceback \(most recent call last\):\n {2}File "\/var\/task\/app\.py", line 16, in handler\n/,
    );
    const next = await invoke(name, { action: 'echo' });
    expect(next.FunctionError).toBeUndefined();
  });

  test('a timeout ends the environment with AWS error; the next call gets a fresh one', async () => {
    const before = decode((await invoke(name, { action: 'echo' })).Payload).pid;
    const output = await invoke(name, { action: 'sleep', seconds: 10 });
    expect(output.FunctionError).toBe('Unhandled');
    const id = output.$metadata.requestId;
    expect(decode(output.Payload)).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: `RequestId: ${id} Error: Task timed out after 2.00 seconds`,
    });
    expect(tail(output)).toMatch(new RegExp(`\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z ${id} Task timed out after 2.00 seconds\\n`));
    expect(tail(output)).toMatch(/Duration: 2\d{3}\.\d\d ms/);
    const after = await invoke(name, { action: 'echo' });
    expect(after.FunctionError).toBeUndefined();
    expect(decode(after.Payload).pid).not.toBe(before);
    expect(decode(after.Payload).calls).toBe(1);
  });

  test('a process that exits mid-invocation is Runtime.ExitError; the next call works', async () => {
    const output = await invoke(name, { action: 'exit' });
    const id = output.$metadata.requestId;
    expect(output.FunctionError).toBe('Unhandled');
    expect(decode(output.Payload)).toEqual({
      errorType: 'Runtime.ExitError',
      errorMessage: `RequestId: ${id} Error: Runtime exited with error: exit status 3`,
    });
    expect(tail(output)).toContain(`RequestId: ${id} Error: Runtime exited with error: exit status 3\nRuntime.ExitError\n`);
    expect((await invoke(name, { action: 'echo' })).FunctionError).toBeUndefined();
  });

  test('a process killed by a signal is Runtime.ExitError with the signal; the next call works', async () => {
    const output = await invoke(name, { action: 'kill' });
    expect(decode(output.Payload).errorMessage).toBe(`RequestId: ${output.$metadata.requestId} Error: Runtime exited with error: signal: killed`);
    expect((await invoke(name, { action: 'echo' })).FunctionError).toBeUndefined();
  });

  test('a response over 6 MB is Function.ResponseSizeTooLarge', async () => {
    const output = await invoke(name, { action: 'huge' });
    expect(output.FunctionError).toBe('Unhandled');
    expect(decode(output.Payload)).toEqual({
      errorMessage: 'Response payload size exceeded maximum allowed payload size (6291556 bytes).',
      errorType: 'Function.ResponseSizeTooLarge',
    });
  });

  test('an empty payload arrives as {}', async () => {
    const output = await lambda().send(new InvokeCommand({ FunctionName: name }));
    expect(decode(output.Payload).event).toEqual({});
  });
});

describe('init failures', () => {
  const cases: Array<{ title: string; files: Record<string, string>; error: Record<string, unknown> }> = [
    {
      title: 'a missing module is Runtime.ImportModuleError',
      files: { 'other.py': 'x = 1\n' },
      error: { errorType: 'Runtime.ImportModuleError', errorMessage: "Unable to import module 'app': No module named 'app'", stackTrace: [] },
    },
    {
      title: 'a syntax error is Runtime.UserCodeSyntaxError',
      files: { 'app.py': 'def handler(event, context)\n    return 1\n' },
      error: {
        errorType: 'Runtime.UserCodeSyntaxError',
        errorMessage: expect.stringMatching(/^Syntax error in module 'app': .*\(app\.py, line 1\)$/),
        stackTrace: [expect.stringMatching(/^ {2}File "\/var\/task\/app\.py" Line 1\n/)],
      },
    },
    {
      title: 'a missing handler function is Runtime.HandlerNotFound',
      files: { 'app.py': 'def other(event, context):\n    return 1\n' },
      error: { errorType: 'Runtime.HandlerNotFound', errorMessage: "Handler 'handler' missing on module 'app'", stackTrace: [] },
    },
  ];
  for (const { title, files, error } of cases) {
    test(`${title}, and a fixed function then works`, async () => {
      const name = await deploy(lambda(), sandbox.accountId, { files });
      const output = await invoke(name, {});
      expect(output.StatusCode).toBe(200);
      expect(output.FunctionError).toBe('Unhandled');
      expect(decode(output.Payload)).toEqual({ ...error, requestId: '' });
      expect(tail(output)).toContain(`[ERROR] ${String(error.errorType)}`);
      // The environment is gone; the same failure repeats until the code is fixed.
      expect(decode((await invoke(name, {})).Payload).errorType).toBe(error.errorType);
      await lambda().send(
        new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipOf({ 'app.py': 'def handler(event, context):\n    return "fixed"\n' }) }),
      );
      await waitUntilFunctionUpdatedV2({ client: lambda(), maxWaitTime: 30, minDelay: 1 }, { FunctionName: name });
      const fixed = await invoke(name, {});
      expect(fixed.FunctionError).toBeUndefined();
      expect(decode(fixed.Payload)).toBe('fixed');
    });
  }
});

describe('a Node.js function', () => {
  test('an ES module handler gets event and context, and logs in the Node.js runtime format', async () => {
    const name = await deploy(lambda(), sandbox.accountId, {
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      files: {
        'index.mjs': `
          export const handler = async (event, context) => {
            console.log('got', event);
            return { event, requestId: context.awsRequestId, name: context.functionName, left: context.getRemainingTimeInMillis(), flags: process.execArgv };
          };`,
      },
    });
    const output = await invoke(name, { n: 2 });
    const id = output.$metadata.requestId;
    // The heap AWS's runtime gives a 128 MB function (node-heap-flags.ts).
    expect(decode(output.Payload)).toMatchObject({ event: { n: 2 }, requestId: id, name, flags: ['--max-semi-space-size=6', '--max-old-space-size=116'] });
    expect(decode(output.Payload).left).toBeGreaterThan(2000);
    expect(tail(output)).toMatch(new RegExp(`\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\t${id}\\tINFO\\tgot { n: 2 }\\n`));
  });

  test('a CommonJS handler with a callback, and an error reported with its trace under /var/task', async () => {
    const name = await deploy(lambda(), sandbox.accountId, {
      Runtime: 'nodejs20.x',
      Handler: 'lib/main.run',
      files: {
        'lib/main.js': `
          exports.run = (event, context, callback) => {
            if (event.fail) return callback(new TypeError('bad input'));
            callback(null, { doubled: event.n * 2 });
          };`,
      },
    });
    expect(decode((await invoke(name, { n: 21 })).Payload)).toEqual({ doubled: 42 });
    const failed = await invoke(name, { fail: true });
    expect(failed.FunctionError).toBe('Unhandled');
    const error = decode(failed.Payload);
    expect(error).toMatchObject({ errorType: 'TypeError', errorMessage: 'bad input' });
    expect(error.trace[0]).toBe('TypeError: bad input');
    // The handler's own frame, where AWS has the code: /var/task, line 3.
    expect(error.trace[1]).toMatch(/^ {4}at exports\.run \(\/var\/task\/lib\/main\.js:3:\d+\)$/);
    expect(tail(failed)).toContain('\tERROR\tInvoke Error \t{"errorType":"TypeError","errorMessage":"bad input"');
  });

  test('an ES module names its files under file:///var/task in traces and import errors', async () => {
    const name = await deploy(lambda(), sandbox.accountId, {
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      files: { 'index.mjs': 'export const handler = async () => {\n  throw new RangeError("too far");\n};\n' },
    });
    const failed = decode((await invoke(name, {})).Payload);
    expect(failed).toMatchObject({ errorType: 'RangeError', errorMessage: 'too far' });
    expect(failed.trace[1]).toBe('    at handler (file:///var/task/index.mjs:2:9)');
    const broken = await deploy(lambda(), sandbox.accountId, {
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      files: { 'index.mjs': 'import "no-such-package";\nexport const handler = async () => 1;\n' },
    });
    expect(decode((await invoke(broken, {})).Payload)).toMatchObject({
      errorType: 'Runtime.ImportModuleError',
      errorMessage: expect.stringContaining("Cannot find package 'no-such-package' imported from /var/task/index.mjs"),
    });
  });

  test('a missing handler export is Runtime.HandlerNotFound, a missing file Runtime.ImportModuleError', async () => {
    const name = await deploy(lambda(), sandbox.accountId, {
      Runtime: 'nodejs22.x',
      Handler: 'index.nope',
      files: { 'index.mjs': 'export const handler = async () => 1;' },
    });
    expect(decode((await invoke(name, {})).Payload)).toMatchObject({
      errorType: 'Runtime.HandlerNotFound',
      errorMessage: 'index.nope is undefined or not exported',
    });
    const missing = await deploy(lambda(), sandbox.accountId, {
      Runtime: 'nodejs22.x',
      Handler: 'absent.handler',
      files: { 'index.mjs': 'export const handler = async () => 1;' },
    });
    expect(decode((await invoke(missing, {})).Payload)).toMatchObject({
      errorType: 'Runtime.ImportModuleError',
      errorMessage: expect.stringContaining("Cannot find module 'absent'"),
    });
  });
});

describe('invocation types and limits', () => {
  let name: string;
  test('setup', async () => {
    // Long enough to hold ten calls running while the test makes an eleventh on a busy machine.
    name = await deploy(lambda(), sandbox.accountId, { files: { 'app.py': PYTHON_APP }, Timeout: 60 });
  });

  test('DryRun answers 204 without running the function', async () => {
    const output = await lambda().send(new InvokeCommand({ FunctionName: name, InvocationType: 'DryRun' }));
    expect(output.StatusCode).toBe(204);
  });

  test('Event answers 202 at once and runs the function in the background', async () => {
    const output = await lambda().send(new InvokeCommand({ FunctionName: name, InvocationType: 'Event', Payload: JSON.stringify({ action: 'echo' }) }));
    expect(output.StatusCode).toBe(202);
    expect(output.Payload?.length ?? 0).toBe(0);
    // A sync call right after finds either the same environment or its own; both work.
    expect((await invoke(name, { action: 'echo' })).FunctionError).toBeUndefined();
  });

  test('a payload over 6 MB is RequestEntityTooLargeException (413)', async () => {
    const payload = JSON.stringify({ data: 'x'.repeat(6 * 1024 * 1024) });
    const error = await lambda()
      .send(new InvokeCommand({ FunctionName: name, Payload: payload }))
      .catch((e) => e);
    expect(error.name).toBe('RequestEntityTooLargeException');
    expect(error.$metadata.httpStatusCode).toBe(413);
    expect(error.message).toBe('Request must be smaller than 6291456 bytes for the InvokeFunction operation');
  });

  test('an Event payload over 1 MB is refused with its size', async () => {
    const payload = JSON.stringify({ data: 'x'.repeat(1024 * 1024) });
    const error = await lambda()
      .send(new InvokeCommand({ FunctionName: name, Payload: payload, InvocationType: 'Event' }))
      .catch((e) => e);
    expect(error.name).toBe('RequestEntityTooLargeException');
    expect(error.message).toBe(`${payload.length} byte payload is too large for the Event invocation type (limit 1048576 bytes)`);
  });

  test('a payload that is not JSON is InvalidRequestContentException, in the words of AWS’s parser', async () => {
    const error = await lambda()
      .send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from('{not json') }))
      .catch((e) => e);
    expect(error.name).toBe('InvalidRequestContentException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.Type).toBe('User');
    expect(error.message).toBe(
      'Could not parse request body into json: Could not parse payload into json: ' +
        "Unexpected character ('n' (code 110)): was expecting double-quote to start field name\n" +
        ' at [Source: (byte[])"{not json"; line: 1, column: 3]',
    );
  });

  test('an unknown invocation type is a ValidationException naming the allowed values', async () => {
    const error = await lambda()
      .send(new InvokeCommand({ FunctionName: name, InvocationType: 'Later' as never }))
      .catch((e) => e);
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(
      "1 validation error detected: Value 'Later' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]",
    );
  });

  test('a function that does not exist is ResourceNotFoundException', async () => {
    const error = await invoke('nobody-here', {}).catch((e) => e);
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.$metadata.httpStatusCode).toBe(404);
    // Invoke names the version it looked for (tests/fidelity/cases/lambda.json, recorded on AWS).
    expect(error.message).toBe(`Function not found: arn:aws:lambda:us-east-1:${sandbox.accountId}:function:nobody-here:$LATEST`);
  });

  test('invoking a function that is still Pending is a 409 ResourceConflictException', async () => {
    const pending = uniqueName('pending');
    holdClock();
    await lambda().send(
      new CreateFunctionCommand({
        FunctionName: pending,
        Runtime: 'python3.13',
        Handler: 'app.handler',
        Role: labRole(sandbox.accountId),
        Code: { ZipFile: zipOf({ 'app.py': PYTHON_APP }) },
      }),
    );
    const error = await invoke(pending, {}).catch((e) => e);
    expect(error.name).toBe('ResourceConflictException');
    expect(error.$metadata.httpStatusCode).toBe(409);
    expect(error.message).toBe('The operation cannot be performed at this time. The function is currently in the following state: Pending');
  });

  test('more concurrent calls than the account allows (10) are throttled with 429', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'labbook-throttle-'));
    const [started, release] = [join(folder, 'started'), join(folder, 'release')];
    try {
      const holding = Array.from({ length: 10 }, () => invoke(name, { action: 'hold', started, release }));
      // The eleventh call goes once all ten have said they are running, and none ends before it is answered.
      const running = async () => (await readFile(started, 'utf8').catch(() => '')).split('\n').filter(Boolean).length;
      await expect.poll(running, { timeout: 60_000 }).toBe(10);
      const error = await invoke(name, { action: 'echo' }).catch((e) => e);
      expect(error.name).toBe('TooManyRequestsException');
      expect(error.$metadata.httpStatusCode).toBe(429);
      expect(error.message).toBe('Rate Exceeded.');
      expect(error.Reason).toBe('ConcurrentInvocationLimitExceeded');
      await writeFile(release, '');
      const results = await Promise.all(holding);
      expect(results.every((r) => r.FunctionError === undefined)).toBe(true);
    } finally {
      await writeFile(release, '');
      await rm(folder, { recursive: true, force: true });
    }
  });
});

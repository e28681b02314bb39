// The Lambda engine as other sandbox services use it (API Gateway, event
// source mappings): opened with the sandbox's engines, asked for permission,
// then asked to invoke.
import { afterAll, expect, test } from 'vitest';
import { readConfig } from '../../src/config/read-config.ts';
import { sandboxTuning } from '../../src/config/sandbox-tuning.ts';
import type { SandboxContext } from '../../src/sandbox/context.ts';
import { openEngines } from '../../src/sandbox/engines.ts';
import { INSTANT_TIMINGS } from '../../src/sandbox/timings/timings.ts';
import { StartedParts } from '../../src/sandbox/started-parts.ts';
import { inMemoryContext } from './context-helpers.ts';
import { zipOf } from './lambda-helpers.ts';

const PENDING_MS = INSTANT_TIMINGS.durationMs('lambda.function-pending');

/** The engine as the sandbox wires it; closing `started` closes it. */
async function lambdaEngine(context: SandboxContext, started: StartedParts) {
  return (await openEngines(context, started)).lambda;
}

const ctx = await inMemoryContext();
const started = new StartedParts(() => {});
afterAll(() => started.closeAll());

async function createAndWait(context: SandboxContext, opened: StartedParts, name: string, source: string) {
  const engine = await lambdaEngine(context, opened);
  const record = await engine.create(
    {
      FunctionName: name,
      Runtime: 'python3.13',
      Handler: 'app.handler',
      Role: context.iam.labRoleArn,
      Code: { ZipFile: Buffer.from(zipOf({ 'app.py': source })).toString('base64') },
    },
    'us-east-1',
  );
  await new Promise((resolve) => setTimeout(resolve, PENDING_MS + 50));
  return { engine, record };
}

test('permission check, then invoke by ARN', async () => {
  const engine = await lambdaEngine(ctx, started);
  const record = await engine.create(
    {
      FunctionName: 'target',
      Runtime: 'python3.13',
      Handler: 'app.handler',
      Role: ctx.iam.labRoleArn,
      Code: { ZipFile: Buffer.from(zipOf({ 'app.py': 'def handler(e, c):\n    return e["n"] + 1\n' })).toString('base64') },
    },
    'us-east-1',
  );
  await expect(engine.invoke(record.arn, 'us-east-1', Buffer.from('{"n": 1}'))).rejects.toMatchObject({ code: 'ResourceConflictException' });
  await new Promise((resolve) => setTimeout(resolve, PENDING_MS + 50));

  const api = `arn:aws:execute-api:us-east-1:${ctx.accountId}:abcdef1234`;
  const requester = { service: 'apigateway.amazonaws.com', sourceArn: `${api}/prod/GET/` };
  expect(engine.allowsInvoke(record.arn, 'us-east-1', requester)).toBe(false);
  await engine.addPermission(record, { statementId: 'api', action: 'lambda:InvokeFunction', principal: 'apigateway.amazonaws.com', sourceArn: `${api}/*` });
  expect(engine.allowsInvoke(record.arn, 'us-east-1', requester)).toBe(true);
  expect(engine.allowsInvoke('missing', 'us-east-1', requester)).toBe(false);

  const result = await engine.invoke(record.arn, 'us-east-1', Buffer.from('{"n": 41}'));
  expect(result.functionError).toBeUndefined();
  expect(JSON.parse(result.payload.toString())).toBe(42);
  // LogType Tail's log is the invocation's, as on AWS: INIT_START goes to the log stream only.
  expect(result.log).toMatch(/^START RequestId: [\s\S]*REPORT RequestId: /);
  await expect(engine.invoke('missing', 'us-east-1', Buffer.from('{}'))).rejects.toMatchObject({ code: 'ResourceNotFoundException' });
});

// Each set to 1: one call runs, and a second at once is throttled (a budget smaller than any environment still runs one at a time).
test.each([
  ['LABBOOK_LAMBDA_CONCURRENCY', 'how many invocations may run at once'],
  ['LABBOOK_LAMBDA_MEMORY_MB', 'the memory all warm environments may hold'],
])('%s sets %s: past it, a call is throttled as AWS throttles past the concurrency limit', async (setting) => {
  const limited = await inMemoryContext(sandboxTuning(readConfig({ [setting]: '1' })).lambda);
  const opened = new StartedParts(() => {});
  const { engine, record } = await createAndWait(limited, opened, 'sleeper', 'import time\ndef handler(e, c):\n    time.sleep(1)\n    return 1\n');
  try {
    const first = engine.invoke(record.arn, 'us-east-1', Buffer.from('{}'));
    // Invoke's TooManyRequestsException (HTTP 429) with its ThrottleReason, as in Lambda's API model (service-2.json).
    await expect(engine.invoke(record.arn, 'us-east-1', Buffer.from('{}'))).rejects.toMatchObject({
      code: 'TooManyRequestsException',
      status: 429,
      message: 'Rate Exceeded.',
      fields: { Reason: 'ConcurrentInvocationLimitExceeded' },
    });
    expect((await first).functionError).toBeUndefined();
  } finally {
    await opened.closeAll();
  }
});

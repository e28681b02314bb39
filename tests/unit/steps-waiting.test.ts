// What the sandbox does not show (it is quicker than AWS): a table CREATING for a while,
// DescribeTable not seeing a new table at first, a function refusing changes while busy.
// Fake clients answer as AWS does in those moments.
import { ApiGatewayV2Client, CreateDeploymentCommand } from '@aws-sdk/client-apigatewayv2';
import { describe, expect, test, vi } from 'vitest';
import { send } from '../../src/steps/calls.ts';
import type { Progress, StepContext } from '../../src/steps/model.ts';
import { tableStep } from '../../src/steps/task-8-1/table.ts';
import { httpApiNotYet, stillNotAnswering, untilSettled } from '../../src/steps/actions/settling-api.ts';
import { hasName, pollUntil, retryWhile } from '../../src/steps/waiting.ts';

class AwsLikeError extends Error {
  constructor(name: string, message = name) {
    super(message);
    this.name = name;
  }
}

/** A client whose send() returns (or throws) the next scripted answer. */
function scriptedContext(answers: Array<object | Error>): StepContext & { updates: Progress[]; sent: string[] } {
  const updates: Progress[] = [];
  const sent: string[] = [];
  const client = {
    async send(command: { input: object }) {
      sent.push(JSON.stringify(command.input));
      const next = answers.shift();
      if (!next) throw new Error('no more answers scripted');
      if (next instanceof Error) throw next;
      return next;
    },
  };
  return {
    targetKey: 'aws:1:us-east-1',
    account: '1',
    region: 'us-east-1',
    client: () => client as never,
    record: () => {},
    progress: (update) => updates.push(update),
    updates,
    sent,
  };
}

const table = (status: string) => ({ Table: { TableName: 'ccbda-lambda-first', TableStatus: status, KeySchema: [], AttributeDefinitions: [] } });
const inputs = tableStep.defaults({ targetKey: '', account: '1', region: 'us-east-1' });

describe('waiting for a new table', () => {
  test('polls through a brief ResourceNotFoundException and CREATING until ACTIVE, saying what it waits for', async () => {
    const ctx = scriptedContext([new AwsLikeError('ResourceNotFoundException'), table('CREATING'), table('CREATING'), table('ACTIVE')]);
    const made = await tableStep.waitReady(ctx, inputs);
    expect(made.name).toBe('ccbda-lambda-first');
    expect(ctx.updates).toEqual([
      { text: 'Table ccbda-lambda-first is not visible yet', waitingFor: 'CREATING → ACTIVE' },
      { text: 'Table ccbda-lambda-first is CREATING', state: 'CREATING', waitingFor: 'CREATING → ACTIVE' },
      { text: 'Table ccbda-lambda-first is CREATING', state: 'CREATING', waitingFor: 'CREATING → ACTIVE' },
      { text: 'Table ccbda-lambda-first is ACTIVE', state: 'ACTIVE', waitingFor: undefined },
    ]);
  });

  test('a table being deleted is not waited for: the step says so', async () => {
    const ctx = scriptedContext([table('DELETING')]);
    await expect(tableStep.waitReady(ctx, inputs)).rejects.toMatchObject({ name: 'ResourceInUseException', message: expect.stringContaining('being deleted') });
  });

  test('any other error ends the wait at once', async () => {
    const ctx = scriptedContext([new AwsLikeError('AccessDeniedException', 'not allowed')]);
    await expect(tableStep.waitReady(ctx, inputs)).rejects.toMatchObject({ name: 'AccessDeniedException' });
    expect(ctx.sent).toHaveLength(1);
  });
});

describe('polling', () => {
  test('gives up with WaitTimedOut, naming what it waited for', async () => {
    const ctx = scriptedContext([]);
    const poll = pollUntil(ctx, {
      read: async () => 'Pending',
      done: () => false,
      describe: (state) => ({ text: state, waitingFor: 'Pending → Active' }),
      timeoutMs: 500,
    });
    await expect(poll).rejects.toMatchObject({ name: 'WaitTimedOut', message: 'Still waiting for Pending → Active after 1 s.' });
  });

  test('retryWhile repeats a call refused with ResourceConflictException until it goes through', async () => {
    const ctx = scriptedContext([new AwsLikeError('ResourceConflictException'), new AwsLikeError('ResourceConflictException'), { ok: true }]);
    const client = ctx.client<{ send(c: object): Promise<unknown> }>(Object as never);
    const result = await retryWhile(ctx, hasName('ResourceConflictException'), { text: 'Uploading' }, () => client.send({ input: {} }));
    expect(result).toEqual({ ok: true });
    expect(ctx.sent).toHaveLength(3);
  });

  test('stops when the step is stopped', async () => {
    const stop = new AbortController();
    const ctx = { ...scriptedContext([]), signal: stop.signal };
    const poll = pollUntil(ctx, { read: async () => 0, done: () => false, describe: () => ({ text: 'waiting' }) });
    setTimeout(() => stop.abort(new DOMException('Stopped', 'AbortError')), 50);
    await expect(poll).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('calling an API while its deployment or permission settles', () => {
  test('keeps trying a not-yet answer for its limit, then gives the last one back to be reported', async () => {
    const updates: Progress[] = [];
    let calls = 0;
    const started = Date.now();
    const answer = await untilSettled(
      { progress: (update) => updates.push(update) },
      {
        call: async () => ({ status: 404, body: `{"message":"Not Found"}`, call: ++calls }),
        notYet: (sent) => httpApiNotYet(sent.status, sent.body),
        waitingFor: 'the deployment to take effect',
        doneText: 'Answered',
      },
      600,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    expect(answer).toMatchObject({ status: 404, call: calls });
    expect(calls).toBeGreaterThan(1);
    expect(updates[0]).toEqual({
      text: 'API Gateway answered 404 Not Found, as it does for a few seconds after a deployment; trying again',
      waitingFor: 'the deployment to take effect',
    });
    expect(stillNotAnswering('CrudHttpAPI', 'answered 404')).toBe(
      'CrudHttpAPI still answered 404 after 15 s of trying, longer than a new deployment or permission takes on AWS',
    );
  });

  test('an answer that is not API Gateway’s not-yet stands at once', async () => {
    expect(httpApiNotYet(404, '{"message":"Item not found"}')).toBeUndefined();
    expect(httpApiNotYet(502, '{"message":"Internal Server Error"}')).toBeUndefined();
    let calls = 0;
    const settling = { call: async () => ++calls, notYet: () => undefined, waitingFor: 'nothing', doneText: 'Answered' };
    expect(await untilSettled({ progress: () => {} }, settling)).toBe(1);
  });
});

describe('a call AWS throttles', () => {
  const throttled = () => new AwsLikeError('TooManyRequestsException', 'Too Many Requests');
  const deployment = () => new CreateDeploymentCommand({ ApiId: 'a1', StageName: 'prod' });

  test('is sent again after growing pauses, saying so, until it goes through', async () => {
    vi.useFakeTimers();
    try {
      const ctx = scriptedContext([throttled(), throttled(), { DeploymentId: 'd1' }]);
      const sent = send(ctx, ctx.client(ApiGatewayV2Client), deployment());
      await vi.advanceTimersByTimeAsync(1_000 + 2_000);
      await expect(sent).resolves.toEqual({ DeploymentId: 'd1' });
      expect(ctx.sent).toHaveLength(3);
      expect(ctx.updates).toEqual([
        { text: 'AWS throttled the call (TooManyRequestsException); trying again in 1 s', waitingFor: 'AWS’s rate limit' },
        { text: 'AWS throttled the call (TooManyRequestsException); trying again in 2 s', waitingFor: 'AWS’s rate limit' },
      ]);
    } finally {
      vi.useRealTimers();
    }
  });

  test('gives up after about 40 s of throttling with AWS’s own error; any other error stands at once', async () => {
    vi.useFakeTimers();
    try {
      const ctx = scriptedContext(Array.from({ length: 8 }, throttled));
      const sent = send(ctx, ctx.client(ApiGatewayV2Client), deployment());
      const outcome = expect(sent).rejects.toMatchObject({ name: 'TooManyRequestsException' });
      await vi.advanceTimersByTimeAsync(39_000);
      await outcome;
      expect(ctx.sent).toHaveLength(8);
    } finally {
      vi.useRealTimers();
    }
    const refused = scriptedContext([new AwsLikeError('BadRequestException')]);
    await expect(send(refused, refused.client(ApiGatewayV2Client), deployment())).rejects.toMatchObject({ name: 'BadRequestException' });
    expect(refused.sent).toHaveLength(1);
  });
});

// Shared by the step test files: a StepContext whose clients reach the test sandbox, and
// which keeps every progress line and recorded call for the test to look at.
import type { Progress, RecordedCall, StepContext } from '../../src/steps/model.ts';
import type { TestSandbox } from './harness.ts';

export interface TestStepContext extends StepContext {
  calls: RecordedCall[];
  updates: Progress[];
}

export function stepContext(sandbox: TestSandbox, options: { targetKey?: string; credentials?: Parameters<TestSandbox['client']>[1] } = {}): TestStepContext {
  const calls: RecordedCall[] = [];
  const updates: Progress[] = [];
  return {
    targetKey: options.targetKey ?? `sandbox:${sandbox.accountId}`,
    account: sandbox.accountId,
    region: 'us-east-1',
    endpointUrl: sandbox.url,
    client: (Client) => sandbox.client(Client, options.credentials),
    record: (call) => calls.push(call),
    progress: (update) => updates.push(update),
    calls,
    updates,
  };
}

/** `DynamoDB.CreateTable` for each recorded call, in order. */
export const operations = (ctx: TestStepContext) => ctx.calls.map((call) => `${call.service}.${call.operation}`);

/** Lambda runtime identifiers: which AWS knows, which the sandbox can run. */
import { model } from '../protocol/generated/lambda.ts';

/** Every value of the Runtime enum in Lambda's API model (botocore's, generated into protocol/generated/lambda.ts). */
const AWS_RUNTIMES = new Set(model.shapes.Runtime.enum ?? []);

/** Runtimes AWS no longer lets anyone create or update functions with. */
const BLOCKED_RUNTIMES = new Set([
  'nodejs',
  'nodejs4.3',
  'nodejs6.10',
  'nodejs8.10',
  'nodejs10.x',
  'nodejs12.x',
  'nodejs14.x',
  'nodejs16.x',
  'python2.7',
  'python3.6',
  'python3.7',
  'python3.8',
  'dotnetcore1.0',
  'dotnetcore2.0',
  'dotnetcore2.1',
  'dotnetcore3.1',
  'dotnet6',
  'go1.x',
  'ruby2.5',
  'ruby2.7',
  'java8',
]);

export type RuntimeFamily = 'python' | 'node';

function isAwsRuntime(runtime: string): boolean {
  return AWS_RUNTIMES.has(runtime);
}

export function isBlockedRuntime(runtime: string): boolean {
  return BLOCKED_RUNTIMES.has(runtime);
}

/** The runtimes a function may be created with: the model's Runtime enum, less the blocked ones. */
export const CREATABLE_RUNTIMES: readonly string[] = [...AWS_RUNTIMES].filter((runtime) => !isBlockedRuntime(runtime));

/** The family the sandbox runs a runtime with, or undefined if it cannot run it. */
export function runtimeFamily(runtime: string): RuntimeFamily | undefined {
  if (isBlockedRuntime(runtime) || !isAwsRuntime(runtime)) return undefined;
  if (runtime.startsWith('python3.')) return 'python';
  if (/^nodejs\d+\.x$/.test(runtime)) return 'node';
  return undefined;
}

/** The newest runtime of the same language, which AWS names when refusing an old one. */
export function recommendedRuntime(runtime: string): string {
  return runtime.startsWith('nodejs') ? 'nodejs24.x' : runtime.startsWith('python') ? 'python3.14' : runtime;
}

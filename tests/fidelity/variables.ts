// `${Name}` in a case stands for what differs from run to run: the account, the region, a
// name unique to the case, or a field an earlier call answered (an API's id).
import { zipOf } from '../sandbox/lambda-helpers.ts';
import { handlerPackages } from './handlers.ts';

export type Variables = Record<string, string>;

// Dotted names (API Gateway's own ${integration.response.statuscode}) are AWS text, not variables.
const reference = /\$\{([A-Za-z0-9_:-]+)\}/g;

// Log events must be recent (CloudWatch Logs refuses ones over 14 days old), so their times are the run's.
const day = 86_400_000;
const times: Record<string, () => number> = {
  now: () => Date.now(),
  twoDaysAgo: () => Date.now() - 2 * day,
  thirtyDaysAgo: () => Date.now() - 30 * day,
};

function substituteText(text: string, variables: Variables): string | number | Uint8Array {
  const time = /^\$\{(now|twoDaysAgo|thirtyDaysAgo)\}$/.exec(text);
  if (time) return times[time[1]]();
  const whole = /^\$\{zip:([a-z-]+)\}$/.exec(text);
  if (whole) {
    const files = handlerPackages[whole[1]];
    if (!files) throw new Error(`no handler package named ${whole[1]}`);
    return zipOf(files);
  }
  return text.replace(reference, (_, name: string) => {
    const value = variables[name];
    if (value === undefined) throw new Error(`\${${name}} is not known here`);
    return value;
  });
}

export function substitute<T>(value: T, variables: Variables): T {
  if (typeof value === 'string') return substituteText(value, variables) as T;
  if (Array.isArray(value)) return value.map((item) => substitute(item, variables)) as T;
  if (value !== null && typeof value === 'object') {
    // A table's name can be a key too (BatchWriteItem's RequestItems).
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [substitute(key, variables), substitute(item, variables)])) as T;
  }
  return value;
}

/** Keeps an answer's top-level strings (ApiId, StageName, ShardIterator, …) for later calls. */
export function remember(variables: Variables, output: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(output)) if (typeof value === 'string') variables[key] = value;
}

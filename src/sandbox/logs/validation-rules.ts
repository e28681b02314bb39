import { constraintProblem } from '../protocol/model-validator.ts';

/**
 * CloudWatch Logs' request-validator rule that its model cannot state: the
 * operations that take a log group by logGroupName or logGroupIdentifier need
 * one of them, and the model marks neither required. AWS then reports the
 * name as missing, like a required member ("Value null at 'logGroupName'
 * failed to satisfy constraint: Member must not be null"; the form of every
 * required member in the Logs API reference's InvalidParameterException).
 */
const GROUP_BY_NAME_OR_IDENTIFIER = new Set(['DescribeLogStreams', 'GetLogEvents', 'FilterLogEvents']);

export function logsServiceRules(operation: string, input: Record<string, unknown>): string[] {
  if (!GROUP_BY_NAME_OR_IDENTIFIER.has(operation)) return [];
  const missing = (value: unknown) => value === undefined || value === null;
  if (!missing(input.logGroupName) || !missing(input.logGroupIdentifier)) return [];
  return [constraintProblem(null, 'logGroupName', 'Member must not be null')];
}

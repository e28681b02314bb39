import { AwsError } from '../protocol/errors.ts';
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

/** The longest log group name the Logs model allows. */
const MAX_GROUP_NAME_LENGTH = 512;

/**
 * CreateLogGroup words a name over 512 characters itself, before its validator would
 * (test_logs_groups.snapshot.json in localstack/localstack, test_create_log_group_invalid_name_length,
 * recorded on AWS).
 */
export function logsChecksBeforeModel(operation: string, input: Record<string, unknown>): void {
  if (operation !== 'CreateLogGroup' || typeof input.logGroupName !== 'string') return;
  if (input.logGroupName.length > MAX_GROUP_NAME_LENGTH) {
    throw new AwsError('InvalidParameterException', 'Invalid LogGroup or LogStream, both must have length less than or equal to 512.');
  }
}

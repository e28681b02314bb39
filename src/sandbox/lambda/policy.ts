/**
 * A function's resource-based policy: the statements AddPermission adds, the
 * document GetPolicy returns, and the check other services (API Gateway, in
 * the sandbox) make before they invoke a function.
 */
import { AwsError } from '../protocol/errors.ts';

export type Principal = '*' | { Service: string } | { AWS: string };

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Principal: Principal;
  Action: string;
  Resource: string;
  Condition?: Record<string, Record<string, string>>;
}

export interface PermissionInput {
  statementId: string;
  action: string;
  principal: string;
  sourceArn?: string;
  sourceAccount?: string;
}

/** How AWS writes the principal given to AddPermission into the statement. */
function principalOf(principal: string): Principal {
  if (principal === '*') return '*';
  if (/^\d{12}$/.test(principal)) return { AWS: `arn:aws:iam::${principal}:root` };
  if (principal.startsWith('arn:')) return { AWS: principal };
  // Anything else must be a service's principal (test_lambda_api.snapshot.json in localstack/localstack,
  // TestLambdaPermissions::test_permission_exceptions › add_permission_principal_invalid, recorded on AWS).
  if (!/\.(amazonaws\.com|amazon\.com)$/.test(principal)) {
    throw new AwsError('InvalidParameterValueException', 'The provided principal was invalid. Please check the principal and try again.');
  }
  return { Service: principal };
}

export function statementFor(input: PermissionInput, functionArn: string): PolicyStatement {
  const condition: Record<string, Record<string, string>> = {};
  if (input.sourceAccount) condition.StringEquals = { 'AWS:SourceAccount': input.sourceAccount };
  if (input.sourceArn) condition.ArnLike = { 'AWS:SourceArn': input.sourceArn };
  return {
    Sid: input.statementId,
    Effect: 'Allow',
    Principal: principalOf(input.principal),
    Action: input.action,
    Resource: functionArn,
    ...(Object.keys(condition).length ? { Condition: condition } : {}),
  };
}

export function policyDocument(statements: PolicyStatement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: statements });
}

/** IAM's wildcards: `*` any run of characters, `?` one character. */
function globMatches(pattern: string, value: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.');
  return new RegExp(`^${source}$`).test(value);
}

/** ArnLike: each of the ARN's six colon-separated parts is matched on its own. */
export function arnLike(pattern: string, arn: string): boolean {
  const split = (value: string) => {
    const parts = value.split(':');
    return [...parts.slice(0, 5), parts.slice(5).join(':')];
  };
  const [patternParts, arnParts] = [split(pattern), split(arn)];
  return patternParts.length === arnParts.length && patternParts.every((part, i) => globMatches(part, arnParts[i]));
}

export interface InvokeRequester {
  /** e.g. apigateway.amazonaws.com */
  service: string;
  sourceArn?: string;
  sourceAccount?: string;
}

/** Whether the policy lets a service invoke the function. */
export function allowsInvoke(statements: PolicyStatement[], requester: InvokeRequester): boolean {
  return statements.some((statement) => {
    const principal = statement.Principal;
    const principalMatches = principal === '*' || ('Service' in principal && principal.Service === requester.service);
    const actionMatches = ['lambda:InvokeFunction', 'lambda:*', '*'].includes(statement.Action);
    const arnPattern = statement.Condition?.ArnLike?.['AWS:SourceArn'];
    const account = statement.Condition?.StringEquals?.['AWS:SourceAccount'];
    return (
      principalMatches &&
      actionMatches &&
      (arnPattern === undefined || (requester.sourceArn !== undefined && arnLike(arnPattern, requester.sourceArn))) &&
      (account === undefined || account === requester.sourceAccount)
    );
  });
}

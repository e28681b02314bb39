import { AwsError } from '../protocol/errors.ts';

/**
 * The FunctionName parameter in its three forms — `my-function`,
 * `123456789012:function:my-function` and the full ARN — each with an
 * optional `:qualifier`.
 */
export interface FunctionRef {
  name: string;
  qualifier?: string;
  region?: string;
  accountId?: string;
}

const FORMS =
  /^(?:arn:(?:aws[a-zA-Z-]*)?:lambda:)?(?:([a-z]{2}(?:-gov)?-[a-z]+-\d):)?(?:(\d{12}):)?(?:function:)?([a-zA-Z0-9_-]+)(?::([a-zA-Z0-9$_-]+))?$/;

/** Undefined when the value is none of the forms (the caller has already reported the constraint). */
export function parseFunctionRef(value: string): FunctionRef | undefined {
  const match = FORMS.exec(value);
  if (!match) return undefined;
  const [, region, accountId, name, qualifier] = match;
  return { name, qualifier, region, accountId };
}

/**
 * FunctionName with the Qualifier parameter added, as Lambda reads the two together: a qualifier in
 * the name and a different one in the parameter is an error (test_lambda_api.snapshot.json in
 * localstack/localstack, TestLambdaFunction::test_ops_with_arn_qualifier_mismatch, recorded on AWS).
 */
export function withQualifier(functionName: string, qualifier: string | undefined): string {
  if (qualifier === undefined) return functionName;
  const named = parseFunctionRef(functionName)?.qualifier;
  if (named === undefined) return `${functionName}:${qualifier}`;
  if (named !== qualifier) {
    throw new AwsError('InvalidParameterValueException', 'The derived qualifier from the function name does not match the specified qualifier.');
  }
  return functionName;
}

export function functionArn(region: string, accountId: string, name: string): string {
  return `arn:aws:lambda:${region}:${accountId}:function:${name}`;
}

import { constraintProblem, throwProblems } from '../protocol/model-validator.ts';
import { parseFunctionRef } from './function-ref.ts';

/**
 * Lambda's request-validator rules that its published model (botocore's
 * lambda/2015-03-31/service-2.json) does not state; they are reported with
 * the model's problems, in the same "N validation errors detected" message.
 */

/**
 * Without a capacity provider a function may run 900 s at most; the model's
 * Timeout has no maximum since Lambda Managed Instances (up to 5400 s; see
 * aws-cloudformation/cfn-lint#4685, checked against the live API). AWS's
 * answer was recorded in covidatlas/li#575: "Value '3000' at 'timeout' failed
 * to satisfy constraint: Member must have value less than or equal to 900".
 */
const MAX_TIMEOUT = 900;
/**
 * Likewise 10,240 MB of memory without a capacity provider (AWS Lambda quotas,
 * docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html); the model
 * now allows 32,768 for Managed Instances. Earlier botocore models (e.g.
 * 1.20) stated max 10240, so the validator's wording is the same.
 */
const MAX_MEMORY = 10_240;
/** "If you specify only the function name, it is limited to 64 characters in length" (the model's FunctionName documentation). */
const MAX_SHORT_NAME = 64;

/**
 * A new function's name over 64 characters: the validator's wording, but Lambda's own code
 * (InvalidParameterValueException), as recorded on AWS in LocalStack's
 * tests/aws/services/lambda_/test_lambda_api.snapshot.json (test_function_arns › long_function_name_exc).
 */
export function lambdaChecksBeforeModel(operation: string, input: Record<string, unknown>): void {
  if (operation !== 'CreateFunction' || typeof input.FunctionName !== 'string') return;
  const shortName = parseFunctionRef(input.FunctionName)?.name;
  if (shortName === undefined || shortName.length <= MAX_SHORT_NAME) return;
  throwProblems(
    [constraintProblem(shortName, 'functionName', `Member must have length less than or equal to ${MAX_SHORT_NAME}`)],
    'InvalidParameterValueException',
  );
}

export function lambdaServiceRules(operation: string, input: Record<string, unknown>): string[] {
  if (operation !== 'CreateFunction' && operation !== 'UpdateFunctionConfiguration') return [];
  const problems: string[] = [];
  if (input.CapacityProviderConfig === undefined) {
    if (typeof input.Timeout === 'number' && input.Timeout > MAX_TIMEOUT) {
      problems.push(constraintProblem(input.Timeout, 'timeout', `Member must have value less than or equal to ${MAX_TIMEOUT}`));
    }
    if (typeof input.MemorySize === 'number' && input.MemorySize > MAX_MEMORY) {
      problems.push(constraintProblem(input.MemorySize, 'memorySize', `Member must have value less than or equal to ${MAX_MEMORY}`));
    }
  }
  return problems;
}

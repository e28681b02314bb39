import { describe, expect, it } from 'vitest';
import { model as lambda } from '../../src/sandbox/protocol/generated/lambda.ts';
import { inputProblems, validateInput } from '../../src/sandbox/protocol/model-validator.ts';

// Constraints come from botocore's Lambda model (generated/lambda.ts), not from the test.
describe('model validator', () => {
  it('reports a missing required member and an out-of-range timeout in AWS wording', () => {
    const problems = inputProblems(lambda, 'CreateFunction', {
      FunctionName: 'ok-name',
      Code: {},
      Timeout: 0,
    });
    expect(problems).toContain("Value null at 'role' failed to satisfy constraint: Member must not be null");
    expect(problems).toContain("Value '0' at 'timeout' failed to satisfy constraint: Member must have value greater than or equal to 1");
  });

  it('checks an enum from the model', () => {
    const problems = inputProblems(lambda, 'CreateFunction', {
      FunctionName: 'f',
      Role: 'arn:aws:iam::123456789012:role/LabRole',
      Code: {},
      Runtime: 'python2.1',
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^Value 'python2\.1' at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: \[.*python3\.12/);
  });

  it('throws one error counting every problem', () => {
    expect(() => validateInput(lambda, 'GetFunction', { FunctionName: 'x'.repeat(300) }, 'ValidationException')).toThrow(
      /^1 validation error detected: Value 'x+' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 256$/,
    );
  });

  it('accepts a valid input', () => {
    expect(inputProblems(lambda, 'GetFunction', { FunctionName: 'LabFunction' })).toEqual([]);
  });
});

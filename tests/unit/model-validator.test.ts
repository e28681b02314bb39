import { describe, expect, it } from 'vitest';
import { model as apigatewayv2 } from '../../src/sandbox/protocol/generated/apigatewayv2.ts';
import { model as lambda } from '../../src/sandbox/protocol/generated/lambda.ts';
import { inputProblems, validateRequest } from '../../src/sandbox/protocol/model-validator.ts';
import { AwsError } from '../../src/sandbox/protocol/errors.ts';

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
    expect(() => validateRequest({ model: lambda, errorCode: 'ValidationException' }, 'GetFunction', { FunctionName: 'x'.repeat(300) })).toThrow(
      /^1 validation error detected: Value 'x+' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 256$/,
    );
  });

  it('accepts a valid input', () => {
    expect(inputProblems(lambda, 'GetFunction', { FunctionName: 'LabFunction' })).toEqual([]);
  });

  it('reports map keys once for the whole map, listing every constraint on the keys, the map printed as Java does', () => {
    const problems = inputProblems(lambda, 'CreateFunction', {
      FunctionName: 'f',
      Role: 'arn:aws:iam::123456789012:role/LabRole',
      Code: {},
      Environment: { Variables: { TABLE: 'items', '1BAD': 'x' } },
    });
    expect(problems).toEqual([
      "Value '{TABLE=items, 1BAD=x}' at 'environment.variables' failed to satisfy constraint: " +
        'Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]',
    ]);
  });

  it('prints a list as Java does', () => {
    const input = { FunctionName: 'f', Role: 'arn:aws:iam::123456789012:role/R', Code: {}, Architectures: ['x86_64', 'arm64'] };
    expect(inputProblems(lambda, 'CreateFunction', input)).toEqual([
      "Value '[x86_64, arm64]' at 'architectures' failed to satisfy constraint: Member must have length less than or equal to 1",
    ]);
  });

  it('leaves the enums a service words itself to that service', () => {
    const input = { name: 'api', protocolType: 'REST' };
    expect(inputProblems(apigatewayv2, 'CreateApi', input)).toHaveLength(1);
    expect(inputProblems(apigatewayv2, 'CreateApi', input, ['ProtocolType'])).toEqual([]);
  });

  it('a member of the wrong JSON type fails first, with the service’s own error', () => {
    const validation = {
      model: lambda,
      errorCode: 'ValidationException',
      typeError: (member: string, expected: string) => new AwsError('InvalidRequestContentException', `expected a ${expected} for '${member}'`),
    };
    expect(() => validateRequest(validation, 'CreateFunction', { FunctionName: 'has space', Timeout: 'ten' })).toThrow("expected a integer for 'timeout'");
    expect(() => validateRequest(validation, 'CreateFunction', { FunctionName: 'f', Role: 'arn:aws:iam::123456789012:role/R', Code: { ZipFile: 5 } })).toThrow(
      "expected a string for 'code.zipFile'",
    );
  });

  it('adds the rules the model cannot state to the same message', () => {
    const validation = { model: lambda, errorCode: 'ValidationException', serviceRules: () => ["Value 'x' at 'y' failed to satisfy constraint: z"] };
    expect(() => validateRequest(validation, 'GetFunction', { FunctionName: 'has space' })).toThrow(
      /^2 validation errors detected: Value 'has space' at 'functionName' .*; Value 'x' at 'y' failed to satisfy constraint: z$/,
    );
  });

  it('reads JSON members by their wire names, nested ones too (API Gateway’s camelCase)', () => {
    const input = { name: 'api', protocolType: 'HTTP', corsConfiguration: { maxAge: 100_000 } };
    expect(inputProblems(apigatewayv2, 'CreateApi', input)).toEqual([
      "Value '100000' at 'corsConfiguration.maxAge' failed to satisfy constraint: Member must have value less than or equal to 86400",
    ]);
  });

  it('reports a list of strings once, at the list, with every constraint on its items', () => {
    const input = { FunctionName: 'f', Role: 'arn:aws:iam::123456789012:role/R', Code: {}, Architectures: ['X86_64'] };
    expect(inputProblems(lambda, 'CreateFunction', input)).toEqual([
      "Value '[X86_64]' at 'architectures' failed to satisfy constraint: " +
        'Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64], Member must not be null]',
    ]);
  });
});

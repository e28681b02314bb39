import { describe, expect, it } from 'vitest';
import { kinesisServiceRules } from '../../src/sandbox/kinesis/validation-rules.ts';
import { lambdaChecksBeforeModel, lambdaServiceRules } from '../../src/sandbox/lambda/validation-rules.ts';
import { logsChecksBeforeModel, logsServiceRules } from '../../src/sandbox/logs/validation-rules.ts';

// The rules AWS's validators apply that botocore's models do not state (sources in each module).
describe('rules the models cannot state', () => {
  it('Lambda: 900 s and 10,240 MB without a capacity provider', () => {
    expect(lambdaServiceRules('UpdateFunctionConfiguration', { Timeout: 901, MemorySize: 10_241 })).toEqual([
      "Value '901' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900",
      "Value '10241' at 'memorySize' failed to satisfy constraint: Member must have value less than or equal to 10240",
    ]);
    const managed = { Timeout: 3600, MemorySize: 32_768, CapacityProviderConfig: {} };
    expect(lambdaServiceRules('CreateFunction', { FunctionName: 'f', ...managed })).toEqual([]);
  });

  it("Lambda: a new function's bare name of 64 characters at most, in the validator's words with Lambda's own code", () => {
    const arn = `arn:aws:lambda:us-east-1:123456789012:function:${'n'.repeat(65)}`;
    expect(() => lambdaChecksBeforeModel('CreateFunction', { FunctionName: arn })).toThrow(
      expect.objectContaining({
        code: 'InvalidParameterValueException',
        message: `1 validation error detected: Value '${'n'.repeat(65)}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 64`,
      }),
    );
    expect(() => lambdaChecksBeforeModel('CreateFunction', { FunctionName: 'n'.repeat(64) })).not.toThrow();
    expect(() => lambdaChecksBeforeModel('GetFunction', { FunctionName: 'n'.repeat(65) })).not.toThrow();
  });

  it('Kinesis: record data of 1 MiB at most, counted in decoded bytes', () => {
    const data = (bytes: number) => Buffer.alloc(bytes).toString('base64');
    expect(kinesisServiceRules('PutRecord', { Data: data(1024 * 1024) })).toEqual([]);
    expect(kinesisServiceRules('PutRecords', { Records: [{ Data: data(1) }, { Data: data(1024 * 1024 + 1) }] })).toEqual([
      "Value 'java.nio.HeapByteBuffer[pos=0 lim=1048577 cap=1048577]' at 'records.2.member.data' failed to satisfy constraint: " +
        'Member must have length less than or equal to 1048576',
    ]);
  });

  it('Logs: a log group by name or by identifier, one of them', () => {
    expect(logsServiceRules('GetLogEvents', { logStreamName: 's' })).toEqual([
      "Value null at 'logGroupName' failed to satisfy constraint: Member must not be null",
    ]);
    expect(logsServiceRules('GetLogEvents', { logGroupIdentifier: 'arn:aws:logs:us-east-1:123456789012:log-group:g' })).toEqual([]);
    expect(logsServiceRules('CreateLogGroup', {})).toEqual([]);
  });

  it('Logs: CreateLogGroup words a name over 512 characters itself', () => {
    expect(() => logsChecksBeforeModel('CreateLogGroup', { logGroupName: 'g'.repeat(513) })).toThrow(
      expect.objectContaining({
        code: 'InvalidParameterException',
        message: 'Invalid LogGroup or LogStream, both must have length less than or equal to 512.',
      }),
    );
    expect(() => logsChecksBeforeModel('CreateLogGroup', { logGroupName: 'g'.repeat(512) })).not.toThrow();
  });
});

// restJson error bodies: the message member spelt as the service's model spells it.
import { expect, test } from 'vitest';
import { AwsError } from '../../src/sandbox/protocol/errors.ts';
import { model as lambdaModel } from '../../src/sandbox/protocol/generated/lambda.ts';
import { modelMessageKeys, restJsonProtocol } from '../../src/sandbox/protocol/rest-json.ts';

const lambdaErrors = restJsonProtocol(modelMessageKeys(lambdaModel, 'Message'));

test('Lambda’s throttle past the concurrency limit is the body public reports quote', () => {
  const answer = lambdaErrors.errorResponse(
    new AwsError('TooManyRequestsException', 'Rate Exceeded.', 429, { Reason: 'ConcurrentInvocationLimitExceeded' }),
    'id',
  );
  expect(answer.status).toBe(429);
  expect(answer.headers?.['x-amzn-errortype']).toBe('TooManyRequestsException');
  expect(JSON.parse(String(answer.body))).toEqual({ Reason: 'ConcurrentInvocationLimitExceeded', Type: 'User', message: 'Rate Exceeded.' });
});

test('an error Lambda’s model lacks keeps the service’s usual `Message`', () => {
  const answer = lambdaErrors.errorResponse(new AwsError('AccessDeniedException', 'no', 403), 'id');
  expect(JSON.parse(String(answer.body))).toEqual({ Type: 'User', Message: 'no' });
});

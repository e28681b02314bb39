// What a student reads when a step fails, and what the request/response view may show.
import { describe, expect, test } from 'vitest';
import { safeJson } from '../../src/steps/calls.ts';
import { explainFailure, LAB_ROLE_HINT, StepError } from '../../src/steps/errors.ts';

const awsError = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('explainFailure', () => {
  test('keeps AWS’s code and message and adds what to do', () => {
    expect(explainFailure(awsError('ResourceConflictException', 'The operation cannot be performed at this time.'))).toEqual({
      code: 'ResourceConflictException',
      message: 'The operation cannot be performed at this time.',
      hint: 'The function is still being created or updated. Wait a few seconds and try again.',
      credentials: false,
    });
  });

  test('a role the Learner Lab does not allow points at LabRole', () => {
    const denied = awsError(
      'AccessDeniedException',
      'User: arn:aws:sts::123456789012:assumed-role/voclabs/user is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/MyRole',
    );
    expect(explainFailure(denied).hint).toBe(LAB_ROLE_HINT);
    expect(explainFailure(awsError('AccessDeniedException', 'not authorized to perform: dynamodb:CreateTable')).hint).not.toBe(LAB_ROLE_HINT);
  });

  test('expired or refused credentials ask for new ones and say Retry resumes', () => {
    for (const code of ['ExpiredToken', 'ExpiredTokenException', 'UnrecognizedClientException', 'InvalidSignatureException']) {
      expect(explainFailure(awsError(code, 'no')), code).toMatchObject({ credentials: true, hint: expect.stringContaining('picks up where it stopped') });
    }
  });

  test('a request that never reached a server is a network failure, in the browser’s words or Node’s', () => {
    expect(explainFailure(new TypeError('Failed to fetch'))).toMatchObject({ code: 'NetworkError', message: 'Failed to fetch' });
    expect(explainFailure(new TypeError('fetch failed')).code).toBe('NetworkError');
    expect(explainFailure(new TypeError('x is not a function')).code).toBe('TypeError');
  });

  test('the step’s own errors read like AWS’s', () => {
    expect(explainFailure(new StepError('WaitTimedOut', 'Still waiting for Pending → Active after 600 s.'))).toMatchObject({
      code: 'WaitTimedOut',
      hint: expect.stringContaining('nothing is created twice'),
    });
  });
});

describe('safeJson, for the request/response view', () => {
  test('shows text bytes as text, other bytes by their size, and dates as ISO strings', () => {
    expect(safeJson({ Payload: new TextEncoder().encode('{"a":1}'), Zip: new Uint8Array([80, 75, 3, 4, 0, 0]), At: new Date(0) })).toEqual({
      Payload: '{"a":1}',
      Zip: '(6 bytes)',
      At: '1970-01-01T00:00:00.000Z',
    });
  });

  test('drops the signature from presigned URLs and leaves out undefined members', () => {
    const location = 'https://awslambda-us-east-1-tasks.s3.us-east-1.amazonaws.com/snapshots/fn?X-Amz-Security-Token=abc&X-Amz-Signature=def';
    expect(safeJson({ Code: { Location: location }, Missing: undefined })).toEqual({
      Code: { Location: 'https://awslambda-us-east-1-tasks.s3.us-east-1.amazonaws.com/snapshots/fn?(signature removed)' },
    });
  });
});

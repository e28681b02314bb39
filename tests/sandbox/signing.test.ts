import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, test } from 'vitest';
import { rawRequest, sendSigned, signRequest, useSandbox } from './harness.ts';

const sandbox = useSandbox();

const INVALID_TOKEN = 'The security token included in the request is invalid.';
const EXPIRED_TOKEN = 'The security token included in the request is expired';
const BAD_SIGNATURE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

interface SdkFailure {
  name: string;
  message: string;
  $metadata: { httpStatusCode?: number };
}

async function failure(promise: Promise<unknown>): Promise<SdkFailure> {
  try {
    await promise;
  } catch (error) {
    return error as SdkFailure;
  }
  throw new Error('the call succeeded but should have failed');
}

const ddbCall = (credentials: Parameters<typeof sandbox.client>[1]) => sandbox.client(DynamoDBClient, credentials).send(new ListTablesCommand({}));
const stsCall = (credentials: Parameters<typeof sandbox.client>[1]) => sandbox.client(STSClient, credentials).send(new GetCallerIdentityCommand({}));
const lambdaCall = (credentials: Parameters<typeof sandbox.client>[1]) => sandbox.client(LambdaClient, credentials).send(new ListFunctionsCommand({}));

// Each case as DynamoDB (awsJson, 400) and STS (query, 403) answer it; Lambda (restJson) uses
// DynamoDB's codes with 403.
const cases: Array<{
  name: string;
  credentials: () => Promise<Parameters<typeof sandbox.client>[1]>;
  dynamodb: [string, number, string];
  sts: [string, number, string];
}> = [
  {
    name: 'a wrong secret',
    credentials: async () => ({ ...sandbox.credentials, secretAccessKey: 'x'.repeat(40) }),
    dynamodb: ['InvalidSignatureException', 400, BAD_SIGNATURE],
    sts: ['SignatureDoesNotMatch', 403, BAD_SIGNATURE],
  },
  {
    name: 'an access key the sandbox never issued',
    credentials: async () => ({ ...sandbox.credentials, accessKeyId: 'ASIAAAAAAAAAAAAAAAAA' }),
    dynamodb: ['UnrecognizedClientException', 400, INVALID_TOKEN],
    sts: ['InvalidClientTokenId', 403, INVALID_TOKEN],
  },
  {
    name: 'no session token',
    credentials: async () => ({ ...sandbox.credentials, sessionToken: undefined as unknown as string }),
    dynamodb: ['UnrecognizedClientException', 400, INVALID_TOKEN],
    sts: ['InvalidClientTokenId', 403, INVALID_TOKEN],
  },
  {
    name: "another credential's session token",
    credentials: async () => ({ ...sandbox.credentials, sessionToken: (await sandbox.issueCredentials()).sessionToken }),
    dynamodb: ['UnrecognizedClientException', 400, INVALID_TOKEN],
    sts: ['InvalidClientTokenId', 403, INVALID_TOKEN],
  },
  {
    name: 'expired credentials',
    credentials: () => sandbox.issueCredentials({ durationSeconds: 0 }),
    dynamodb: ['ExpiredTokenException', 400, EXPIRED_TOKEN],
    sts: ['ExpiredToken', 403, EXPIRED_TOKEN],
  },
];

describe.each(cases)('$name', ({ credentials, dynamodb, sts }) => {
  test('DynamoDB refuses it as AWS does', async () => {
    const error = await failure(ddbCall(await credentials()));
    expect([error.name, error.$metadata.httpStatusCode, error.message]).toEqual(dynamodb);
  });
  test('STS refuses it as AWS does', async () => {
    const error = await failure(stsCall(await credentials()));
    expect([error.name, error.$metadata.httpStatusCode, error.message]).toEqual(sts);
  });
  test('Lambda refuses it as AWS does', async () => {
    const error = await failure(lambdaCall(await credentials()));
    const [name, , message] = dynamodb;
    expect([error.name, error.$metadata.httpStatusCode]).toEqual([name, 403]);
    // Lambda follows a signature mismatch with the canonical request it expected.
    if (name === 'InvalidSignatureException')
      expect(error.message).toMatch(
        /^The request signature .*\n\nThe Canonical String for this request should have been\n'GET\n\/2015-03-31\/functions\n\n.*\nhost:127\.0\.0\.1:\d+\n/s,
      );
    else expect(error.message).toBe(message);
  });
});

test('a request with no signature is missing its authentication token', async () => {
  const ddb = await rawRequest(sandbox.url, {
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.ListTables' },
    body: '{}',
  });
  expect(ddb.status).toBe(400);
  expect(JSON.parse(ddb.body)).toEqual({
    __type: 'com.amazon.coral.service#MissingAuthenticationTokenException',
    message: 'Request is missing Authentication Token',
  });
  const sts = await rawRequest(sandbox.url, {
    headers: { host: 'sts.us-east-1.amazonaws.com', 'content-type': 'application/x-www-form-urlencoded' },
    body: 'Action=GetCallerIdentity&Version=2011-06-15',
  });
  expect(sts.status).toBe(403);
  expect(sts.body).toContain('<Type>Sender</Type><Code>MissingAuthenticationToken</Code><Message>Request is missing Authentication Token</Message>');
  expect(sts.body).toContain(`<RequestId>${String(sts.headers['x-amzn-requestid'])}</RequestId>`);
});

describe('requests signed for the real AWS host names', () => {
  const listTablesVia = (host: string, service: string) =>
    sendSigned(sandbox.url, {
      host,
      service,
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.ListTables' },
      body: '{}',
      credentials: sandbox.credentials,
    });

  test('Host dynamodb.us-east-1.amazonaws.com is served as DynamoDB', async () => {
    const res = await listTablesVia('dynamodb.us-east-1.amazonaws.com', 'dynamodb');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ TableNames: [] });
  });

  test('Host sts.us-east-1.amazonaws.com is served as STS', async () => {
    const res = await sendSigned(sandbox.url, {
      host: 'sts.us-east-1.amazonaws.com',
      service: 'sts',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
      credentials: sandbox.credentials,
    });
    expect(res.status).toBe(200);
    expect(res.body).toContain(`<Arn>${sandbox.credentials.arn}</Arn>`);
  });

  test('a credential scoped to another service than the host names is refused', async () => {
    const crossed = await listTablesVia('dynamodb.us-east-1.amazonaws.com', 'sts');
    expect(crossed.status).toBe(400);
    expect(JSON.parse(crossed.body)).toEqual({
      __type: 'com.amazon.coral.service#InvalidSignatureException',
      message: "Credential should be scoped to correct service: 'dynamodb'.",
    });
  });
});

describe('signature details', () => {
  const listTables = { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.ListTables' };

  const listTablesWith = (headers: Record<string, string>) =>
    sendSigned(sandbox.url, { service: 'dynamodb', headers: { ...listTables, ...headers }, body: '{}', credentials: sandbox.credentials });

  test('UNSIGNED-PAYLOAD leaves the body out of the signature', async () => {
    expect((await listTablesWith({ 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' })).status).toBe(200);
  });

  test('a body changed after signing is refused', async () => {
    const signed = await signRequest(sandbox.url, { service: 'dynamodb', headers: listTables, body: '{}', credentials: sandbox.credentials });
    expect((await rawRequest(sandbox.url, signed)).status).toBe(200);
    const tampered = await rawRequest(sandbox.url, { ...signed, body: '{"Limit":1}' });
    expect(tampered.status).toBe(400);
    expect(JSON.parse(tampered.body)).toEqual({ __type: 'com.amazon.coral.service#InvalidSignatureException', message: BAD_SIGNATURE });
  });

  test('a signed header with runs of spaces and a tab is checked as AWS canonicalises it (one space each)', async () => {
    expect((await listTablesWith({ 'x-amz-meta-note': 'two  spaces\tand a tab' })).status).toBe(200);
  });

  test('a clock more than five minutes behind gets "Signature expired"', async () => {
    const res = await sendSigned(sandbox.url, {
      service: 'dynamodb',
      headers: listTables,
      body: '{}',
      credentials: sandbox.credentials,
      signingDate: new Date(Date.now() - 10 * 60 * 1000),
    });
    expect(res.status).toBe(400);
    const body = JSON.parse(res.body);
    expect(body.__type).toBe('com.amazon.coral.service#InvalidSignatureException');
    expect(body.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/);
  });

  test('a clock more than five minutes ahead gets "Signature not yet current"', async () => {
    const res = await sendSigned(sandbox.url, {
      service: 'sts',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
      credentials: sandbox.credentials,
      signingDate: new Date(Date.now() + 10 * 60 * 1000),
    });
    expect(res.status).toBe(403);
    expect(res.body).toMatch(/<Code>SignatureDoesNotMatch<\/Code><Message>Signature not yet current: \d{8}T\d{6}Z is still later than/);
  });

  test('a presigned URL works until it expires', async () => {
    const presigned = (signingDate?: Date) =>
      sendSigned(sandbox.url, {
        service: 'sts',
        method: 'GET',
        query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
        credentials: sandbox.credentials,
        presignSeconds: 60,
        signingDate,
      });
    const fresh = await presigned();
    expect(fresh.status).toBe(200);
    expect(fresh.body).toContain(`<Account>${sandbox.accountId}</Account>`);
    const stale = await presigned(new Date(Date.now() - 2 * 60 * 1000));
    expect(stale.status).toBe(403);
    expect(stale.body).toContain('<Code>SignatureDoesNotMatch</Code><Message>Signature expired');
  });

  test('a malformed Authorization header is an incomplete signature', async () => {
    const res = await rawRequest(sandbox.url, {
      headers: { ...listTables, authorization: 'AWS4-HMAC-SHA256 Credential=ASIA/20250101/us-east-1/dynamodb', 'x-amz-date': '20250101T000000Z' },
      body: '{}',
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({
      __type: 'com.amazon.coral.service#IncompleteSignatureException',
      message: "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter.",
    });
  });
});

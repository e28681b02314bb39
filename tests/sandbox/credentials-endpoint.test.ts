import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, test } from 'vitest';
import { TEST_TOKEN, tokenHeaders } from '../labbook-token.ts';
import { toSdkCredentials, useSandbox } from './harness.ts';

const PAGE = 'http://127.0.0.1:4321';
const sandbox = useSandbox({ allowedOrigins: [PAGE], token: TEST_TOKEN });

const credentialsUrl = () => `${sandbox.url}/_labbook/credentials`;
const withToken = { method: 'POST', headers: tokenHeaders() };

describe('POST /_labbook/credentials', () => {
  test("with labbook's token (what `labbook credentials` sends) it issues working credentials with the endpoint to use", async () => {
    const res = await fetch(credentialsUrl(), withToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const issued = await res.json();
    expect(issued).toMatchObject({ region: 'us-east-1', endpoint: sandbox.url, accountId: sandbox.accountId });
    const identity = await new STSClient({ endpoint: issued.endpoint, region: issued.region, credentials: toSdkCredentials(issued) }).send(
      new GetCallerIdentityCommand({}),
    );
    expect(identity.Arn).toBe(issued.arn);
  });

  test('without the token, or with another, nobody gets credentials: another account on this machine has only the port', async () => {
    const attempts: Record<string, string>[] = [{}, tokenHeaders('someone-elses-token-1234'), { authorization: `Token ${TEST_TOKEN}` }];
    for (const headers of attempts) {
      const res = await fetch(credentialsUrl(), { method: 'POST', headers });
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain('ASIA');
    }
  });

  test('no web page gets them here, not even labbook’s own (it asks the site), token or not', async () => {
    for (const origin of [PAGE, 'https://evil.example']) {
      const preflight = await fetch(credentialsUrl(), { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      // A "simple" cross-site POST needs no preflight; it must still get nothing.
      const res = await fetch(credentialsUrl(), { method: 'POST', headers: { origin, 'content-type': 'text/plain', ...tokenHeaders() } });
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain('ASIA');
    }
  });

  test('a short lifetime can be asked for; out-of-range ones are refused', async () => {
    const short = await fetch(credentialsUrl(), { ...withToken, body: JSON.stringify({ durationSeconds: 60 }) });
    const issued = await short.json();
    expect(Date.parse(issued.expiration) - Date.now()).toBeLessThanOrEqual(60_000);
    const tooLong = await fetch(credentialsUrl(), { ...withToken, body: JSON.stringify({ durationSeconds: 10 ** 9 }) });
    expect(tooLong.status).toBe(400);
    const notJson = await fetch(credentialsUrl(), { ...withToken, body: 'please' });
    expect(notJson.status).toBe(400);
  });
});

describe('CORS on the AWS endpoints, for the browser SDK', () => {
  test('a preflight from labbook’s page is allowed with the headers the SDK asks for', async () => {
    const res = await fetch(sandbox.url, {
      method: 'OPTIONS',
      headers: {
        origin: PAGE,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,x-amz-date,x-amz-security-token,x-amz-target,amz-sdk-invocation-id',
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toContain('x-amz-security-token');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
  });

  test('answers, errors included, carry the headers a page needs to read them', async () => {
    const res = await fetch(sandbox.url, {
      method: 'POST',
      headers: { origin: PAGE, 'x-amz-target': 'DynamoDB_20120810.ListTables', 'content-type': 'application/x-amz-json-1.0' },
      body: '{}',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const exposed = res.headers.get('access-control-expose-headers')?.toLowerCase().split(',');
    expect(exposed).toEqual(expect.arrayContaining(['x-amzn-requestid', 'x-amzn-errortype', 'x-amz-function-error', 'x-amz-log-result']));
  });
});

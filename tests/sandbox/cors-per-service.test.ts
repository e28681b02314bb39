// A page's preflights, as each AWS host answers them: the services the lab's page calls
// answer browsers, API Gateway's control plane refuses the SDK v3's own headers (src/sandbox/cors.ts
// names the sources), and the sandbox addressed by its own name answers for every service.
import { describe, expect, test } from 'vitest';
import { rawRequest, useSandbox } from './harness.ts';

const SITE = 'http://127.0.0.1:4321';
const sandbox = useSandbox({ allowedOrigins: [SITE] });

/** What the SDK v3 in Chrome asks before a signed call: its own headers beside SigV4's. */
const SDK_HEADERS = 'amz-sdk-invocation-id,amz-sdk-request,authorization,content-type,x-amz-content-sha256,x-amz-date,x-amz-security-token,x-amz-user-agent';

function preflight(host: string | undefined) {
  return rawRequest(sandbox.url, {
    method: 'OPTIONS',
    path: '/2015-03-31/functions',
    headers: {
      ...(host && { host }),
      origin: SITE,
      'access-control-request-method': 'POST',
      'access-control-request-headers': SDK_HEADERS,
    },
  });
}

/** Whether a browser would go on to send the call: it needs the origin and every header it asked for allowed. */
function browserSends({ headers }: Awaited<ReturnType<typeof preflight>>): boolean {
  const allowed = new Set(String(headers['access-control-allow-headers'] ?? '').split(','));
  return headers['access-control-allow-origin'] === '*' && SDK_HEADERS.split(',').every((name) => allowed.has(name));
}

describe('preflights by AWS host name', () => {
  test.each([
    'dynamodb.us-east-1.amazonaws.com',
    'lambda.us-east-1.amazonaws.com',
    'kinesis.us-west-2.amazonaws.com',
    'sts.amazonaws.com',
    'logs.us-east-1.amazonaws.com',
  ])('%s lets the page send the SDK’s call', async (host) => {
    const answer = await preflight(host);
    expect(answer.status).toBe(200);
    expect(browserSends(answer)).toBe(true);
  });

  test('API Gateway’s control plane leaves out the SDK v3’s own headers, so the browser stops there', async () => {
    const answer = await preflight('apigateway.us-east-1.amazonaws.com');
    const allowed = String(answer.headers['access-control-allow-headers']).split(',');
    expect(allowed).not.toContain('amz-sdk-invocation-id');
    expect(allowed).not.toContain('amz-sdk-request');
    expect(allowed).toContain('authorization');
    expect(browserSends(answer)).toBe(false);
  });

  test('the sandbox by its own name answers for API Gateway too: the page’s sandbox target needs it', async () => {
    expect(browserSends(await preflight(undefined))).toBe(true);
  });
});

import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { RunningServer } from '../../src/server/server.ts';
import { toSdkCredentials } from './harness.ts';
import { siteFetch, startTestServer } from './server-helpers.ts';

let server: RunningServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
});

test("labbook's server runs the sandbox and tells the page where it is", async () => {
  const res = await siteFetch(server, '/api/sandbox');
  expect(res.status).toBe(200);
  const info = await res.json();
  expect(info.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(info.credentialsUrl).toBe('/api/sandbox/credentials');

  // The page's Content-Security-Policy lets it connect there, with HTTP and with WebSockets.
  const page = await siteFetch(server, '/');
  expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' ${info.endpoint} ${info.endpoint.replace('http', 'ws')}`);

  // The page's own origin gets credentials from the site, and they work.
  const origin = new URL(server.url).origin;
  const issued = await siteFetch(server, info.credentialsUrl, { method: 'POST', headers: { origin } });
  expect(issued.status).toBe(200);
  const sts = new STSClient({ endpoint: info.endpoint, region: info.region, credentials: toSdkCredentials(await issued.json()) });
  expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe(info.accountId);

  // The same page opened as localhost is the same site.
  const asLocalhost = origin.replace('127.0.0.1', 'localhost');
  expect((await siteFetch(server, info.credentialsUrl, { method: 'POST', headers: { origin: asLocalhost } })).status).toBe(200);
});

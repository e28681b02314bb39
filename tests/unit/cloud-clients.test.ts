// cloudClient's routing decisions, without a network: a fake request handler
// records where each signed request would have gone.
import { ApiGatewayV2Client, GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import { DynamoDBClient, ListTablesCommand, ListTagsOfResourceCommand } from '@aws-sdk/client-dynamodb';
import type { HttpRequest } from '@smithy/types';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { cloudClient, NEEDS_LABBOOK_SERVER, relayedRequest, TargetUnavailable } from '../../src/cloud/clients.ts';
import { explainFailure } from '../../src/steps/errors.ts';
import { $target, SIGNED_OUT, type Target } from '../../src/cloud/target-state.ts';

const credentials = { accessKeyId: 'ASIAEXAMPLEKEY000000', secretAccessKey: 'x'.repeat(40), sessionToken: 'token' };
const onAws: Target = { kind: 'aws', region: 'us-east-1', credentials, status: 'ready' };

/** A request handler that answers every request with an empty DynamoDB ListTables result. */
function recordingHandler() {
  const sent: HttpRequest[] = [];
  return {
    sent,
    handler: {
      async handle(request: HttpRequest) {
        sent.push(request);
        const body = Readable.from([Buffer.from('{"TableNames":[]}')]);
        return { response: { statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body } };
      },
    },
  };
}

beforeEach(() => {
  // A statically hosted page: labbook's /api/ answers are absent.
  vi.stubGlobal('fetch', async () => new Response('<!doctype html>', { status: 404, headers: { 'content-type': 'text/html' } }));
  $target.set(onAws);
});

afterEach(() => {
  vi.unstubAllGlobals();
  $target.set(SIGNED_OUT);
});

test('AWS with no relay: the request goes straight to the real AWS host', async () => {
  const { sent, handler } = recordingHandler();
  await cloudClient(DynamoDBClient, { requestHandler: handler }).send(new ListTablesCommand({}));
  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatchObject({ hostname: 'dynamodb.us-east-1.amazonaws.com', path: '/' });
  expect(sent[0].headers.authorization).toMatch(/Credential=ASIAEXAMPLEKEY000000\/\d{8}\/us-east-1\/dynamodb\/aws4_request/);
});

test('a DynamoDB call naming an ARN goes to the regional host the relay forwards to, not <account>.ddb.<region>', async () => {
  const { sent, handler } = recordingHandler();
  await cloudClient(DynamoDBClient, { requestHandler: handler }).send(
    new ListTagsOfResourceCommand({ ResourceArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/ccbda-lambda-first' }),
  );
  expect(sent[0]).toMatchObject({ hostname: 'dynamodb.us-east-1.amazonaws.com' });
});

test('AWS with no relay: API Gateway v2, which refuses browsers, says it needs labbook’s server', async () => {
  const { sent, handler } = recordingHandler();
  const call = cloudClient(ApiGatewayV2Client, { requestHandler: handler }).send(new GetApisCommand({}));
  await expect(call).rejects.toBeInstanceOf(TargetUnavailable);
  await expect(call).rejects.toThrow(/needs labbook’s own server: run “npm start”/);
  expect(sent).toHaveLength(0);
  // A failure of its own kind, so widgets can offer the step's AWS CLI commands instead.
  const failure = explainFailure(await call.catch((error: unknown) => error));
  expect(failure.code).toBe(NEEDS_LABBOOK_SERVER);
  expect(failure.hint).toMatch(/AWS CLI commands do the same/);
});

test('the sandbox target with no sandbox behind the page says so', async () => {
  $target.set({ ...onAws, kind: 'sandbox' });
  await expect(cloudClient(DynamoDBClient).send(new ListTablesCommand({}))).rejects.toThrow(/There is no sandbox here/);
});

test('no credentials yet, or a target changed under a client, are refused before signing', async () => {
  const { sent, handler } = recordingHandler();
  $target.set({ ...onAws, credentials: undefined, status: 'signed-out' });
  await expect(cloudClient(DynamoDBClient, { requestHandler: handler }).send(new ListTablesCommand({}))).rejects.toThrow(/No credentials yet/);

  $target.set(onAws);
  const client = cloudClient(DynamoDBClient, { requestHandler: handler });
  $target.set({ ...onAws, region: 'us-west-2' });
  await expect(client.send(new ListTablesCommand({}))).rejects.toThrow(/The target changed to AWS in us-west-2/);
  expect(sent).toHaveLength(0);
});

test('relayedRequest moves a signed request to the relay’s own origin, adds its key, and leaves the original alone', () => {
  const signed = {
    method: 'POST',
    protocol: 'https:',
    hostname: 'lambda.us-east-1.amazonaws.com',
    path: '/2015-03-31/functions/arn%3Aaws%3Alambda/invocations',
    query: { Qualifier: '$LATEST' },
    headers: { host: 'lambda.us-east-1.amazonaws.com', authorization: 'AWS4-HMAC-SHA256 …', 'x-amz-date': '20260101T000000Z' },
    body: '{}',
  } as HttpRequest;
  const relayed = relayedRequest(signed, { url: 'http://127.0.0.1:4322/relay/', key: 'the-key' });
  expect(relayed).toMatchObject({
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: 4322,
    path: '/relay/lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn%3Aaws%3Alambda/invocations',
    query: { Qualifier: '$LATEST' },
    body: '{}',
  });
  expect(relayed.headers).toEqual({ authorization: 'AWS4-HMAC-SHA256 …', 'x-amz-date': '20260101T000000Z', 'x-labbook-relay': 'the-key' });
  expect(signed.hostname).toBe('lambda.us-east-1.amazonaws.com');
  expect(signed.headers.host).toBe('lambda.us-east-1.amazonaws.com');
});

// The SDK's calls through the relay to the sandbox, signed for AWS's host names as the
// page signs them (src/cloud's relayedRequest), the large and the failing: twice, over
// plain HTTP, and as to AWS, over TLS to AWS's names through a front (aws-tls-front.ts)
// whose throwaway certificate authority only this relay trusts.
import { DescribeTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetFunctionCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { FinalizeRequestMiddleware, HttpRequest, MetadataBearer } from '@smithy/types';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { relayedRequest } from '../../src/cloud/clients.ts';
import { createRelay, type RelayOptions } from '../../src/server/relay/relay.ts';
import { startTlsFront, throwawayAuthority, type TlsFront } from './aws-tls-front.ts';
import { useSandbox } from './harness.ts';
import { decode, deploy } from './lambda-helpers.ts';

const sandbox = useSandbox();
let echo: string;

beforeAll(async () => {
  echo = await deploy(sandbox.client(LambdaClient), sandbox.accountId, { files: { 'app.py': 'def handler(event, context):\n    return event\n' } });
});

/** Lambda's largest synchronous payload (6,291,456 bytes), less room for the JSON around the data. */
const LARGEST_DATA = 6 * 1024 * 1024 - 64;

/** The relay on its own, on a loopback port, forwarding as `connection` says; `url` is its /relay/ prefix. */
async function startRelay(connection: Pick<RelayOptions, 'upstream' | 'testNetwork'>): Promise<{ url: string; close(): Promise<void> }> {
  // labbook's own cap (LABBOOK_RELAY_MAX_BODY_MB's default), far above Lambda's.
  const handle = createRelay({ allowedOrigins: () => [], maxBodyBytes: 70 * 1024 * 1024, ...connection });
  const relay = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(relay.address() as AddressInfo).port}/relay/`,
    async close() {
      relay.closeAllConnections();
      await new Promise((resolve) => relay.close(resolve));
    },
  };
}

/** A client for AWS itself (no endpoint), whose signed requests go through the relay at `relayUrl` as the page's do. */
function relayed<C extends DynamoDBClient | LambdaClient>(Client: new (config: object) => C, relayUrl: string): C {
  // The sandbox's region and credentials, without its endpoint: the SDK signs for AWS's host name.
  const { endpoint: _sandbox, ...config } = sandbox.clientConfig();
  const client = new Client(config);
  const throughRelay: FinalizeRequestMiddleware<object, MetadataBearer> = (next) => (args) =>
    next({ ...args, request: relayedRequest(args.request as HttpRequest, { url: relayUrl, key: 'unused' }) });
  client.middlewareStack.addRelativeTo(throughRelay, { relation: 'after', toMiddleware: 'httpSigningMiddleware' });
  return client;
}

describe.each([
  ['plain HTTP to the sandbox', 'plain'],
  ['TLS, with AWS’s names', 'tls'],
] as const)('SDK calls through the relay: %s', (_how, way) => {
  let front: TlsFront | undefined;
  let relay: Awaited<ReturnType<typeof startRelay>>;

  beforeAll(async () => {
    front = way === 'tls' ? await startTlsFront(await throwawayAuthority(), () => sandbox.url) : undefined;
    relay = await startRelay(front ? { testNetwork: front.network } : { upstream: () => sandbox.url });
  });

  afterAll(async () => {
    await relay.close();
    await front?.close();
  });

  test('a 6 MB Invoke payload goes to the function and comes back whole', async () => {
    const forwardedBefore = front?.forwarded() ?? 0;
    const payload = JSON.stringify({ data: 'x'.repeat(LARGEST_DATA) });
    const output = await relayed(LambdaClient, relay.url).send(new InvokeCommand({ FunctionName: echo, Payload: payload }));
    expect(output.FunctionError).toBeUndefined();
    expect(decode(output.Payload).data).toHaveLength(LARGEST_DATA);
    // The TLS run did go through the front; the plain one never had one.
    expect((front?.forwarded() ?? 0) - forwardedBefore).toBe(way === 'tls' ? 1 : 0);
  });

  test('AWS’s error bodies come back intact, as the SDK reads them when it calls directly', async () => {
    const failure = (promise: Promise<unknown>) =>
      promise.then(
        () => expect.unreachable('the call succeeded'),
        (error) => ({ name: error.name, message: error.message, fault: error.$fault, status: error.$metadata.httpStatusCode }),
      );
    const missingTable = new DescribeTableCommand({ TableName: 'no-such-table' });
    const missingFunction = new GetFunctionCommand({ FunctionName: 'no-such-function' });
    const directTable = await failure(sandbox.client(DynamoDBClient).send(missingTable));
    const directFunction = await failure(sandbox.client(LambdaClient).send(missingFunction));
    expect(directTable).toMatchObject({ name: 'ResourceNotFoundException', status: 400 });
    expect(directFunction).toMatchObject({ name: 'ResourceNotFoundException', status: 404 });
    expect(await failure(relayed(DynamoDBClient, relay.url).send(missingTable))).toEqual(directTable);
    expect(await failure(relayed(LambdaClient, relay.url).send(missingFunction))).toEqual(directFunction);
  });
});

test('a certificate the machine does not trust: the SDK’s error is the relay’s sentence, and nothing is sent', async () => {
  const front = await startTlsFront(await throwawayAuthority(), () => sandbox.url);
  const relay = await startRelay({ testNetwork: front.untrusted });
  try {
    const error = await relayed(DynamoDBClient, relay.url)
      .send(new ListTablesCommand({}))
      .catch((e) => e);
    expect(error.$metadata.httpStatusCode).toBe(502);
    expect(error.message).toMatch(/^The relay refused the certificate dynamodb\.us-east-1\.amazonaws\.com presented \(\w+\): this computer does not trust it/);
    expect(front.forwarded()).toBe(0);
  } finally {
    await relay.close();
    await front.close();
  }
});

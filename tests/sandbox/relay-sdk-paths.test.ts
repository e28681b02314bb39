// The SDK's calls through the relay to the sandbox, signed for AWS's host names as the
// page signs them (src/cloud's relayedRequest), the large and the failing: twice, over
// plain HTTP, and as to AWS, over TLS to AWS's names through a front (aws-tls-front.ts)
// whose throwaway certificate authority only this relay trusts.
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetFunctionCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { FinalizeRequestMiddleware, HttpRequest } from '@smithy/types';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { relayedRequest } from '../../src/cloud/clients.ts';
import { createRelay } from '../../src/server/relay/relay.ts';
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

describe.each([
  ['plain HTTP to the sandbox', 'plain'],
  ['TLS, with AWS’s names', 'tls'],
] as const)('SDK calls through the relay: %s', (_how, way) => {
  let front: TlsFront | undefined;
  let relay: Server;
  let relayUrl: string;

  beforeAll(async () => {
    front = way === 'tls' ? await startTlsFront(await throwawayAuthority(), () => sandbox.url) : undefined;
    const connection = front ? { testNetwork: front.network } : { upstream: () => sandbox.url };
    // labbook's own cap (LABBOOK_RELAY_MAX_BODY_MB's default), far above Lambda's.
    const handle = createRelay({ allowedOrigins: () => [], maxBodyBytes: 70 * 1024 * 1024, ...connection });
    relay = createServer((req, res) => void handle(req, res));
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    relayUrl = `http://127.0.0.1:${(relay.address() as AddressInfo).port}/relay/`;
  });

  afterAll(async () => {
    relay.closeAllConnections();
    await new Promise((resolve) => relay.close(resolve));
    await front?.close();
  });

  /** A client for AWS itself (no endpoint), whose signed requests go through this relay as the page's do. */
  function relayed<C extends DynamoDBClient | LambdaClient>(Client: new (config: object) => C): C {
    // The sandbox's region and credentials, without its endpoint: the SDK signs for AWS's host name.
    const { endpoint: _sandbox, ...config } = sandbox.clientConfig();
    const client = new Client(config);
    const throughRelay: FinalizeRequestMiddleware<object, object> = (next) => (args) =>
      next({ ...args, request: relayedRequest(args.request as HttpRequest, { url: relayUrl, key: 'unused' }) });
    client.middlewareStack.addRelativeTo(throughRelay, { relation: 'after', toMiddleware: 'httpSigningMiddleware' });
    return client;
  }

  test('a 6 MB Invoke payload goes to the function and comes back whole', async () => {
    const forwardedBefore = front?.forwarded() ?? 0;
    const payload = JSON.stringify({ data: 'x'.repeat(LARGEST_DATA) });
    const output = await relayed(LambdaClient).send(new InvokeCommand({ FunctionName: echo, Payload: payload }));
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
    expect(await failure(relayed(DynamoDBClient).send(missingTable))).toEqual(directTable);
    expect(await failure(relayed(LambdaClient).send(missingFunction))).toEqual(directFunction);
  });
});

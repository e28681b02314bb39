// Security: labbook listens on loopback only. Its server, the sandbox it embeds and the
// Lambda Runtime API the sandbox opens for function processes are all reachable from this
// machine and from nowhere else, unless the student says otherwise (HOST, --host).
import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';
import { execFileSync } from 'node:child_process';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { RunningServer } from '../../src/server/server.ts';
import { deploy } from '../sandbox/lambda-helpers.ts';
import { siteFetch, startTestServer } from '../sandbox/server-helpers.ts';

let server: RunningServer;

beforeAll(async () => {
  server = await startTestServer();
  // Invoking a function makes the sandbox open its Runtime API listener too.
  const { endpoint, region, credentialsUrl, accountId } = await (await siteFetch(server, '/api/sandbox')).json();
  const { accessKeyId, secretAccessKey, sessionToken } = await (await siteFetch(server, credentialsUrl, { method: 'POST' })).json();
  const lambda = new LambdaClient({ endpoint, region, credentials: { accessKeyId, secretAccessKey, sessionToken }, maxAttempts: 1 });
  const name = await deploy(lambda, accountId, { files: { 'app.py': 'def handler(event, context):\n    return "up"\n' } });
  await lambda.send(new InvokeCommand({ FunctionName: name }));
});

afterAll(async () => {
  await server?.close();
});

/** Every TCP socket this process listens on, as `address:port`, from the kernel's own table. */
function listeningSockets(pid: number): { address: string; port: number }[] {
  const table = execFileSync('ss', ['-H', '-l', '-t', '-n', '-p'], { encoding: 'utf8' });
  return table
    .split('\n')
    .filter((line) => line.includes(`pid=${pid},`))
    .map((line) => {
      const local = line.trim().split(/\s+/)[3];
      const split = local.lastIndexOf(':');
      return { address: local.slice(0, split).replace(/^\[|\]$/g, ''), port: Number(local.slice(split + 1)) };
    });
}

function externalAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((nic) => nic && !nic.internal && nic.family === 'IPv4')
    .map((nic) => nic!.address);
}

/** 'connected', or why not: ETIMEDOUT or the connection error's code. */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('ETIMEDOUT');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

test('the server, the sandbox and the Runtime API all listen on loopback addresses only', () => {
  const sockets = listeningSockets(process.pid);
  // At least the site, the sandbox and the Runtime API.
  expect(sockets.length).toBeGreaterThanOrEqual(3);
  for (const socket of sockets) expect(['127.0.0.1', '::1'], `${socket.address}:${socket.port}`).toContain(socket.address);
});

test('none of them answers on the machine’s network addresses', async () => {
  const addresses = externalAddresses();
  expect(addresses.length, 'this machine has a network address to try').toBeGreaterThan(0);
  for (const address of addresses) {
    for (const { port } of listeningSockets(process.pid)) {
      expect(await tryConnect(address, port), `${address}:${port}`).toBe('ECONNREFUSED');
    }
  }
});

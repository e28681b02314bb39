// The memory of a sandbox and its Lambda execution environments around a burst (issue 21):
// `labbook sandbox` in a child process as a student runs it (in memory, the default
// concurrency limit and memory budget, a short idle timeout), 16 clients calling a Node.js
// function that puts and gets a DynamoDB item, each as fast as it is answered. Read idle,
// right after the burst, 3 s later (the environments warm and idle, after the Node.js
// runtime's idle collection), and once the idle timeout has stopped the environments, each
// after a full GC of the sandbox: the sum of each process's RSS (which counts the Node.js
// binary they share once per process), the sum of their PSS (a shared page split among
// the processes sharing it) and the distinct pages they hold (each page once).
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { SERVER_V8_FLAGS } from '../../src/cli/server-v8-flags.ts';
import type { IssuedCredentials } from '../../src/sandbox/index.ts';
import { onDemandTable } from '../../tests/sandbox/dynamodb-helpers.ts';
import { TEST_TOKEN, tokenHeaders } from '../../tests/labbook-token.ts';
import { deploy } from '../../tests/sandbox/lambda-helpers.ts';
import { processTree } from './process-tree.ts';
import { summedPssBytes } from './proportional-set.ts';
import { distinctResidentBytes } from './resident-pages.ts';
import { sandboxAccess } from './sandbox-access.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const PROBE = pathToFileURL(resolve(import.meta.dirname, 'memory-probe.ts')).href;
const CLIENTS = 16;
const IDLE_SECONDS = 15;
/** Past the Node.js runtime's 2 s before it collects (runtimes/node/bootstrap.mjs). */
export const WARM_IDLE_MS = 3000;
const HANDLER = `import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
const dynamodb = new DynamoDBClient({});
export const handler = async (event) => {
  const Key = { id: { S: event.id } };
  await dynamodb.send(new PutItemCommand({ TableName: 'burst', Item: { ...Key, body: { S: 'x'.repeat(200) } } }));
  const { Item } = await dynamodb.send(new GetItemCommand({ TableName: 'burst', Key }));
  return { statusCode: 200, body: Item.body.S.length };
};
`;

export interface TreeMemory {
  /** Each process's RSS, summed. */
  summedRss: number;
  /** Distinct resident pages of all of them; undefined where /proc does not name frames (not root, not Linux). */
  distinct?: number;
  /** Each process's PSS, summed (a page shared by n of them counts 1/n in each); undefined without /proc. */
  summedPss?: number;
  processes: number;
}

export interface BurstMemory {
  idle: TreeMemory;
  afterBurst: TreeMemory;
  /** WARM_IDLE_MS after the burst: the environments still warm, waiting for work. */
  warmIdle: TreeMemory;
  afterIdleTimeout: TreeMemory;
  calls: { ok: number; throttled: number; failed: number; seconds: number };
  loadAverage: number[];
}

/** Runs the burst against a new sandbox on `port` (0 for any free one). */
export async function measureBurstMemory(port: number, callsPerClient: number): Promise<BurstMemory> {
  const child = fork(resolve(ROOT, 'bin/labbook.js'), ['sandbox', '--port', String(port), '--in-memory'], {
    cwd: ROOT,
    // With the V8 flags `npx labbook` gives it.
    execArgv: [...SERVER_V8_FLAGS, '--expose-gc', '--import', PROBE],
    env: { ...process.env, LABBOOK_TOKEN: TEST_TOKEN, LABBOOK_LAMBDA_IDLE_SECONDS: String(IDLE_SECONDS) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const exited = once(child, 'exit');
  try {
    const url = await new Promise<string>((resolveUrl, reject) => {
      let output = '';
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        const running = /running at (http:\/\/\S+)/.exec(output);
        if (running) resolveUrl(running[1]);
      };
      child.stdout!.on('data', read);
      child.stderr!.on('data', read);
      void exited.then(([code]) => reject(new Error(`labbook sandbox exited with ${code}: ${output}`)));
    });
    const issued = await fetch(`${url}/_labbook/credentials`, { method: 'POST', headers: tokenHeaders() });
    const sandbox = sandboxAccess(url, 'us-east-1', (await issued.json()) as IssuedCredentials);
    await sandbox.client(DynamoDBClient).send(onDemandTable('burst', 'id'));
    const lambda = sandbox.client(LambdaClient);
    const name = await deploy(lambda, sandbox.accountId, { Runtime: 'nodejs22.x', Handler: 'index.handler', files: { 'index.mjs': HANDLER } });

    const memory = async (): Promise<TreeMemory> => {
      const collected = once(child, 'message');
      child.send('memory');
      await collected;
      const tree = await processTree(child.pid!);
      return { summedRss: tree.rss, distinct: await distinctResidentBytes(tree.pids), summedPss: await summedPssBytes(tree.pids), processes: tree.processes };
    };
    const idle = await memory();
    const calls = { ok: 0, throttled: 0, failed: 0, seconds: 0 };
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        for (let i = 0; i < callsPerClient; i++) {
          const payload = Buffer.from(JSON.stringify({ id: `${client}-${i}` }));
          const outcome = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: payload })).then(
            (answer) => (answer.FunctionError ? 'failed' : 'ok'),
            (error: Error) => (error.name === 'TooManyRequestsException' ? 'throttled' : 'failed'),
          );
          calls[outcome] += 1;
        }
      }),
    );
    calls.seconds = (performance.now() - started) / 1000;
    const afterBurst = await memory();
    await sleep(WARM_IDLE_MS);
    const warmIdle = await memory();
    // The idle timer starts when an environment is released; a second more for the stops to land.
    await sleep((IDLE_SECONDS + 1) * 1000 - WARM_IDLE_MS);
    const afterIdleTimeout = await memory();
    return { idle, afterBurst, warmIdle, afterIdleTimeout, calls, loadAverage: loadavg().map((load) => Number(load.toFixed(2))) };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

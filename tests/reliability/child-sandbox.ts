// The sandbox as its own process (`labbook sandbox`, as a student runs it), so
// the reliability tests can watch it crash, SIGKILL it, restart it on the same
// data folder and read its memory, none of which works on an in-process one.
import { spawn, type ChildProcess } from 'node:child_process';
import { TEST_TOKEN, tokenHeaders } from '../labbook-token.ts';
import { once } from 'node:events';
import { resolve } from 'node:path';
import type { IssuedCredentials } from '../../src/sandbox/index.ts';
import type { ClientConfig } from '../sandbox/harness.ts';
import { toSdkCredentials } from '../sandbox/harness.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const LABBOOK = resolve(ROOT, 'bin/labbook.js');
/** Test-only preload: on SIGUSR2 a full garbage collection, then the memory figures on stderr. */
const GC_ON_SIGNAL = resolve(import.meta.dirname, 'gc-on-signal.mjs');

export interface ChildSandboxOptions {
  /** State on disk here; in memory when absent. */
  dataDir?: string;
  env?: NodeJS.ProcessEnv;
}

export interface ChildSandbox {
  url: string;
  pid: number;
  process: ChildProcess;
  credentials: IssuedCredentials;
  /** What the process printed (the most recent 256 KB): where it logs the stack of a failure. */
  output(): string;
  /** False once the process has exited, whatever the reason. */
  alive(): boolean;
  issueCredentials(durationSeconds?: number): Promise<IssuedCredentials>;
  clientConfig(credentials?: IssuedCredentials): ClientConfig;
  client<T>(Client: new (config: ClientConfig) => T, credentials?: IssuedCredentials): T;
  /** The process's memory (resident set, V8 heap) right after a full garbage collection. */
  settledMemory(): Promise<NodeJS.MemoryUsage>;
  /** SIGKILL: no chance to flush or clean up. */
  kill(): Promise<void>;
  /** SIGTERM, as Ctrl-C would. */
  stop(): Promise<void>;
}

export async function startChildSandbox({ dataDir, env = {} }: ChildSandboxOptions = {}): Promise<ChildSandbox> {
  const storage = dataDir ? ['--data', dataDir] : ['--in-memory'];
  const child = spawn(process.execPath, ['--expose-gc', '--import', GC_ON_SIGNAL, LABBOOK, 'sandbox', '--port', '0', ...storage], {
    cwd: ROOT,
    env: { ...process.env, LABBOOK_TOKEN: TEST_TOKEN, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const found = /running at (http:\/\/\S+)/.exec(output);
      if (found) {
        child.stdout.off('data', onData);
        child.stderr.off('data', onData);
        resolveUrl(found[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => reject(new Error(`labbook sandbox exited (${code ?? signal}) before it started:\n${output}`)));
  });
  // Keep reading so a chatty sandbox never blocks on a full pipe, and keep the latest for failure messages.
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-256 * 1024);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  // Memory reports (see gc-on-signal.mjs), whole lines only.
  const memoryReports: NodeJS.MemoryUsage[] = [];
  let partial = '';
  child.stderr.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop()!;
    for (const line of lines) if (line.startsWith('labbook-memory ')) memoryReports.push(JSON.parse(line.slice('labbook-memory '.length)));
  });
  const issueCredentials = async (durationSeconds?: number): Promise<IssuedCredentials> => {
    const res = await fetch(`${url}/_labbook/credentials`, {
      method: 'POST',
      headers: tokenHeaders(),
      body: durationSeconds === undefined ? '' : JSON.stringify({ durationSeconds }),
    });
    if (!res.ok) throw new Error(`credentials refused: ${res.status}`);
    return (await res.json()) as IssuedCredentials;
  };
  const credentials = await issueCredentials();
  const clientConfig = (c: IssuedCredentials = credentials): ClientConfig => ({
    endpoint: url,
    region: 'us-east-1',
    credentials: toSdkCredentials(c),
    maxAttempts: 1,
  });
  const exited = once(child, 'exit');
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    url,
    pid: child.pid!,
    process: child,
    credentials,
    alive,
    output: () => output,
    issueCredentials,
    clientConfig,
    client: (Client, c) => new Client(clientConfig(c)),
    async settledMemory() {
      const before = memoryReports.length;
      child.kill('SIGUSR2');
      for (let waited = 0; waited < 10_000; waited += 50) {
        if (memoryReports.length > before) return memoryReports[before];
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('the sandbox did not report its memory');
    },
    async kill() {
      if (alive()) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (alive()) child.kill('SIGTERM');
      await exited;
    },
  };
}

// The benchmarked server: `labbook start` in a child process, as a student runs it, with
// its sandbox in memory. The Python cell is timed on its pages, the load areas run
// against its sandbox, and its memory is read idle and after them.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SERVER_V8_FLAGS } from '../../src/cli/server-v8-flags.ts';
import type { IssuedCredentials } from '../../src/sandbox/index.ts';
import { processTree } from './process-tree.ts';
import { sandboxAccess, type SandboxAccess } from './sandbox-access.ts';
import { tokenHeaders } from '../../tests/labbook-token.ts';

const ROOT = resolve(import.meta.dirname, '../..');
/** How long the server is left alone before its memory is read. */
export const SETTLE_MS = 5_000;
const PROBE = pathToFileURL(resolve(import.meta.dirname, 'memory-probe.ts')).href;

/** Bytes, as process.memoryUsage() reports them, plus the resident size of the server's whole process tree. */
export interface MemorySample {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  /** The server and its children (the Lambda runtimes' processes), from /proc; 0 where there is no /proc. */
  treeRss: number;
  /** How many processes treeRss counts. */
  treeProcesses: number;
  /** Whether a full garbage collection ran just before. */
  collected: boolean;
}

export interface LabbookServer {
  /** The site's address, without its token. */
  siteUrl: string;
  /** The token it printed, for the session cookie and the x-labbook-token header. */
  token: string;
  sandbox: SandboxAccess;
  /** Taken SETTLE_MS after the server said it was running, before anything used it. */
  idleMemory: MemorySample;
  memory(): Promise<MemorySample>;
  close(): Promise<void>;
}

/**
 * Starts the server on `port` and its sandbox on `sandboxPort`. Functions may run 32 at
 * once (a Learner Lab allows 10) in up to 2 GB of warm environments (512 MB by default),
 * so the HTTP API's 32 clients measure the data plane, not throttling.
 */
export async function startLabbookServer(port: number, sandboxPort: number): Promise<LabbookServer> {
  const child = fork(resolve(ROOT, 'bin/labbook.js'), ['start'], {
    cwd: ROOT,
    // With the V8 flags `npm start` gives it.
    execArgv: [...SERVER_V8_FLAGS, '--expose-gc', '--import', PROBE],
    env: { ...process.env, PORT: String(port), SANDBOX_PORT: String(sandboxPort), LABBOOK_SANDBOX_IN_MEMORY: '1', LABBOOK_LAMBDA_CONCURRENCY: '32', LABBOOK_LAMBDA_MEMORY_MB: '2048' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const exited = once(child, 'exit');
  // The sandbox logs refused calls (e.g. $disconnect over the concurrency limit) to stderr: kept, shown only if it dies.
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const printedUrl = await new Promise<string>((resolveUrl, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const started = /labbook is running at (\S+)/.exec(output);
      if (started) resolveUrl(started[1]);
    });
    void exited.then(([code]) => reject(new Error(`labbook start exited with ${code}: ${output}${stderr}`)));
  });
  const siteUrl = printedUrl.replace(/\?token=.*$/, '');
  const token = new URL(printedUrl).searchParams.get('token') ?? '';
  const info = (await (await fetch(new URL('api/sandbox', siteUrl), { headers: tokenHeaders(token) })).json()) as { endpoint: string; region: string; credentialsUrl: string };
  const issued = await fetch(new URL(info.credentialsUrl, siteUrl), { method: 'POST', headers: tokenHeaders(token) });
  if (!issued.ok) throw new Error(`the sandbox refused credentials: ${issued.status}`);
  const credentials = (await issued.json()) as IssuedCredentials;

  const memory = async (): Promise<MemorySample> => {
    const answer = once(child, 'message');
    child.send('memory');
    const [usage] = (await answer) as [Omit<MemorySample, 'treeRss' | 'treeProcesses'>];
    const tree = await processTree(child.pid!);
    return { ...usage, treeRss: tree.rss, treeProcesses: tree.processes };
  };
  await new Promise((settled) => setTimeout(settled, SETTLE_MS));
  return {
    siteUrl,
    token,
    sandbox: sandboxAccess(info.endpoint, info.region, credentials),
    idleMemory: await memory(),
    memory,
    async close() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

// What the peers area asks of each local AWS it compares (labbook's sandbox, moto_server,
// Architect's sandbox), and the child process each one runs in.
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { temporaryKeys } from '../../src/sandbox/credentials/store.ts';

/**
 * What a peer that accepts any credentials is signed with: keys shaped as labbook's sandbox
 * (and a Learner Lab) issues them, session token included, so that boto3 does the same work
 * for every system. Against the same dynalite, boto3 made about 2% more calls a second
 * without the 800-character token.
 */
export const ANY_CREDENTIALS = temporaryKeys();

export interface DynamoDbAccess {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export interface RunningPeer {
  /** The server's process: its tree's memory is the system's. */
  pid: number;
  /** From spawning the process to the first signed DynamoDB call it answered (and its HTTP port, if it has its own). */
  readyMs: number;
  dynamodb: DynamoDbAccess;
  /**
   * Makes (where needed) an HTTP route → Node.js handler that puts and gets one item, and
   * returns the URL to POST `{"thingID", "n"}` to; undefined for a system with no such path.
   */
  httpRoute(): Promise<string | undefined>;
  stop(): Promise<void>;
}

export interface Peer {
  name: string;
  /** Finds or installs what it needs and says what runs (name, version); throws, saying why, if it cannot run here. */
  prepare(): Promise<string>;
  start(): Promise<RunningPeer>;
  /** Removes what prepare() installed. */
  cleanUp(): Promise<void>;
}

/** A server in a process group of its own, so stopping it also stops whatever it started (Architect's handler processes). */
export interface ServerProcess {
  child: ChildProcess;
  spawnedAt: number;
  /** The output's last few thousand characters, for a message when it fails. */
  output(): string;
  /** Rejects when the process exits. */
  exited: Promise<never>;
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 5_000;

export function startServerProcess(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): ServerProcess {
  const spawnedAt = performance.now();
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exit = new Promise<void>((done) => child.once('close', () => done()));
  const exited = Promise.race([once(child, 'error').then(([error]) => Promise.reject(error as Error)), exit.then(() => Promise.reject(new Error(`${command} exited: ${output.trim().slice(-600)}`)))]);
  exited.catch(() => {});
  return {
    child,
    spawnedAt,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const group = (signal: NodeJS.Signals) => {
        try {
          process.kill(-child.pid!, signal);
        } catch {
          // The group is gone already.
        }
      };
      group('SIGTERM');
      const killed = setTimeout(() => group('SIGKILL'), STOP_GRACE_MS);
      await exit;
      clearTimeout(killed);
      // Processes it started and left behind in its group.
      group('SIGKILL');
    },
  };
}

const POLL_MS = 20;
const READY_TIMEOUT_MS = 60_000;

/** Polls `check` until it passes; the milliseconds since the process was spawned. Fails if the process exits or it takes too long. */
export async function untilReady(server: ServerProcess, check: () => Promise<unknown>): Promise<number> {
  const giveUp = server.spawnedAt + READY_TIMEOUT_MS;
  for (;;) {
    const passed = await Promise.race([
      check().then(
        () => true,
        () => false,
      ),
      server.exited,
    ]);
    if (passed) return performance.now() - server.spawnedAt;
    if (performance.now() > giveUp) throw new Error(`not ready after ${READY_TIMEOUT_MS / 1000} s: ${server.output().trim().slice(-600)}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** A signed ListTables, answered: the DynamoDB endpoint is serving. */
export async function listTables(access: DynamoDbAccess): Promise<void> {
  const client = new DynamoDBClient({ ...access, maxAttempts: 1 });
  try {
    await client.send(new ListTablesCommand({}));
  } finally {
    client.destroy();
  }
}

/** Any HTTP answer at `url`: the server is listening. */
export async function answers(url: string): Promise<void> {
  await (await fetch(url)).arrayBuffer();
}

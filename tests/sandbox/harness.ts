// Shared by every sandbox test file: one sandbox per file, in memory on a free
// port, with credentials and ready-made SDK v3 clients.
//
//   const sandbox = useSandbox();
//   test('…', async () => { const ddb = sandbox.client(DynamoDBClient); … });
import { createServer } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { startSandbox, type IssuedCredentials, type IssueOptions, type RunningSandbox, type SandboxOptions } from '../../src/sandbox/index.ts';

export interface ClientConfig {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
  maxAttempts: number;
}

export interface TestSandbox {
  readonly sandbox: RunningSandbox;
  readonly url: string;
  readonly accountId: string;
  /** Issued once per file, valid for hours. */
  readonly credentials: IssuedCredentials;
  issueCredentials(options?: IssueOptions): Promise<IssuedCredentials>;
  /** SDK client configuration; retries off so a failing call fails once, fast. */
  clientConfig(credentials?: Pick<IssuedCredentials, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>): ClientConfig;
  /** e.g. `sandbox.client(DynamoDBClient)` */
  client<T>(Client: new (config: ClientConfig) => T, credentials?: Pick<IssuedCredentials, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>): T;
  /** Environment for a child process (AWS CLI, boto3) that must reach this sandbox and nothing else. */
  awsEnv(credentials?: IssuedCredentials): NodeJS.ProcessEnv;
}

export const toSdkCredentials = (c: Pick<IssuedCredentials, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>) => ({
  accessKeyId: c.accessKeyId,
  secretAccessKey: c.secretAccessKey,
  sessionToken: c.sessionToken,
});

/** Wraps a started sandbox; for tests that start and stop their own (restarts, data dirs). */
export async function testSandbox(options: Partial<SandboxOptions> = {}): Promise<TestSandbox & { close(): Promise<void> }> {
  const sandbox = await startSandbox({ port: 0, inMemory: !options.dataDir, log: () => {}, ...options });
  const credentials = await sandbox.issueCredentials();
  const clientConfig = (c: Pick<IssuedCredentials, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'> = credentials): ClientConfig => ({
    endpoint: sandbox.url,
    region: sandbox.region,
    credentials: toSdkCredentials(c),
    maxAttempts: 1,
  });
  return {
    sandbox,
    url: sandbox.url,
    accountId: sandbox.accountId,
    credentials,
    issueCredentials: (o) => sandbox.issueCredentials(o),
    clientConfig,
    client: (Client, c) => new Client(clientConfig(c)),
    awsEnv: (c = credentials) => ({
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      AWS_ACCESS_KEY_ID: c.accessKeyId,
      AWS_SECRET_ACCESS_KEY: c.secretAccessKey,
      AWS_SESSION_TOKEN: c.sessionToken,
      AWS_DEFAULT_REGION: sandbox.region,
      AWS_ENDPOINT_URL: sandbox.url,
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_PAGER: '',
      // Debian's Python must not pick up packages from pyenv's site directories.
      PYTHONNOUSERSITE: '1',
    }),
    close: () => sandbox.close(),
  };
}

/** One sandbox for the whole test file, started before the first test and closed after the last. */
export function useSandbox(options: Partial<SandboxOptions> = {}): TestSandbox {
  let current: (TestSandbox & { close(): Promise<void> }) | undefined;
  beforeAll(async () => {
    current = await testSandbox(options);
  });
  afterAll(async () => {
    await current?.close();
  });
  const started = () => {
    if (!current) throw new Error('the sandbox starts in beforeAll; use it inside tests or hooks');
    return current;
  };
  return {
    get sandbox() { return started().sandbox; },
    get url() { return started().url; },
    get accountId() { return started().accountId; },
    get credentials() { return started().credentials; },
    issueCredentials: (o) => started().issueCredentials(o),
    clientConfig: (c) => started().clientConfig(c),
    client: (Client, c) => started().client(Client, c),
    awsEnv: (c) => started().awsEnv(c),
  };
}

/** A port that was free a moment ago, for child processes that must be told one. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

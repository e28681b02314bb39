// How an area reaches a sandbox: its endpoint, credentials and ready-made SDK clients,
// whether the sandbox runs in the benchmarked labbook server or in this process.
import { startSandbox, type IssuedCredentials, type SandboxOptions } from '../../src/sandbox/index.ts';
import type { ClientConfig } from '../../tests/sandbox/harness.ts';

export interface SandboxAccess {
  url: string;
  region: string;
  accountId: string;
  credentials: IssuedCredentials;
  /** Retries off: a failing call fails once, and is not timed as several. */
  clientConfig(): ClientConfig;
  client<T>(Client: new (config: ClientConfig) => T): T;
}

export function sandboxAccess(url: string, region: string, credentials: IssuedCredentials): SandboxAccess {
  const { accessKeyId, secretAccessKey, sessionToken } = credentials;
  const clientConfig = () => ({ endpoint: url, region, credentials: { accessKeyId, secretAccessKey, sessionToken }, maxAttempts: 1 });
  return { url, region, accountId: credentials.accountId, credentials, clientConfig, client: (Client) => new Client(clientConfig()) };
}

/** A new, empty sandbox in this process, in memory on a free port; `options` such as its timings. */
export async function freshSandbox(options: Partial<SandboxOptions> = {}): Promise<SandboxAccess & { close(): Promise<void> }> {
  const sandbox = await startSandbox({ port: 0, inMemory: true, log: () => {}, ...options });
  return { ...sandboxAccess(sandbox.url, sandbox.region, await sandbox.issueCredentials()), close: () => sandbox.close() };
}

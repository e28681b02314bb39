// A sandbox context for tests that open engines without starting a sandbox:
// in memory, with an address nothing listens on.
import { loadAccount } from '../../src/sandbox/account.ts';
import type { LambdaSettings, SandboxContext } from '../../src/sandbox/context.ts';
import { openCredentialStore } from '../../src/sandbox/credentials/store.ts';
import { sandboxIam } from '../../src/sandbox/iam/roles.ts';
import { memoryStore } from '../../src/sandbox/storage/document-store.ts';
import { INSTANT_TIMINGS } from '../../src/sandbox/timings/timings.ts';

export async function inMemoryContext(lambda: LambdaSettings = {}): Promise<SandboxContext> {
  const storage = memoryStore();
  const account = await loadAccount(storage);
  return {
    accountId: account.accountId,
    defaultRegion: 'us-east-1',
    url: 'http://127.0.0.1:9',
    storage,
    directory: () => undefined,
    credentials: await openCredentialStore(storage, account),
    iam: sandboxIam(account),
    learnerLab: true,
    pageOrigins: () => [],
    lambda,
    timings: INSTANT_TIMINGS,
    log: () => {},
  };
}

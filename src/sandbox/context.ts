import type { CredentialStore } from './credentials/store.ts';
import type { Iam } from './iam/roles.ts';
import type { PoolSettings } from './runtimes/environment-pool.ts';
import type { DocumentStore } from './storage/document-store.ts';
import type { Timings } from './timings/timings.ts';

/** What every service may use from the sandbox around it. */
export interface SandboxContext {
  accountId: string;
  /** us-east-1, the Learner Lab's region, unless the sandbox was started with another. */
  defaultRegion: string;
  /** The sandbox's own base URL, e.g. http://127.0.0.1:4510 (what a Lambda handler's SDK calls); set once it listens, so read it when serving, not while starting. */
  url: string;
  /** Persistent documents and blobs; take a scope per service: `storage.scope('lambda')`. */
  storage: DocumentStore;
  /** A directory of the service's own for engines that need real files (dynalite's LevelDB); undefined in memory. */
  directory(name: string): string | undefined;
  credentials: CredentialStore;
  iam: Iam;
  /** The Learner Lab profile is on: the sandbox refuses what a Learner Lab account refuses (learner-lab/). */
  learnerLab: boolean;
  /** labbook's own page origins: its request client may read every header of an API's answer, as curl shows them. */
  pageOrigins(): string[];
  /** Lambda's limits and Python, as labbook's settings give them (config/sandbox-tuning.ts). */
  lambda: LambdaSettings;
  /** How long slow states last: at once, or as on AWS (`--timings aws`). */
  timings: Timings;
  /** Operational messages; never pass credentials or request bodies. */
  log: (message: string) => void;
}

/** What a sandbox user may change about Lambda without code; unset ones are the environment pool's defaults. */
export type LambdaSettings = Partial<Pick<PoolSettings, 'concurrencyLimit' | 'idleTimeoutMs' | 'memoryBudgetBytes' | 'python'>>;

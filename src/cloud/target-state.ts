// The one target every widget on every page works against, and its storage.
// Kept apart from the actions in target.ts so the SDK glue (clients.ts) can read
// and mark the target without importing the code that checks credentials.
import { atom } from 'nanostores';
import { clearStoredTarget, loadStoredTarget, storeTarget, TARGET_STORAGE_KEY } from './target-storage.ts';

export type TargetKind = 'sandbox' | 'aws';
export type TargetStatus = 'signed-out' | 'checking' | 'ready' | 'expired' | 'invalid';

export interface TargetCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export interface TargetIdentity {
  account: string;
  arn: string;
}

export interface Target {
  kind: TargetKind;
  region: string;
  credentials?: TargetCredentials;
  identity?: TargetIdentity;
  status: TargetStatus;
  /** Why the status is what it is, for the student: AWS's error code and message, or ours. */
  problem?: string;
  /** AWS credentials go to localStorage only when the student ticked "remember on this device". */
  remember?: boolean;
}

export const DEFAULT_REGION = 'us-east-1';

export const SIGNED_OUT: Target = { kind: 'sandbox', region: DEFAULT_REGION, status: 'signed-out' };

export const $target = atom<Target>(loadStoredTarget() ?? SIGNED_OUT);

/** Replaces the target in memory and in storage; a target without credentials leaves nothing stored. */
export function setTarget(next: Target): void {
  if (next.credentials) storeTarget(next);
  else clearStoredTarget();
  $target.set(next);
}

/**
 * Called when AWS (or the sandbox) refused the credentials: every widget then
 * says "credentials expired — paste new ones". The account is kept, so a step's
 * saved ids still apply once new credentials for the same account arrive.
 */
export function markExpired(reason: string): void {
  const target = $target.get();
  if (!target.credentials) return;
  setTarget({ ...target, status: 'expired', problem: reason });
}

/**
 * Where resources live: `sandbox:<account>` or `aws:<account>:<region>`.
 * Steps keep the ids of what they made under this key. Before the account is
 * known the key says `unknown` in its place; steps should wait for `ready`.
 */
export function targetKey(target: Target): string {
  const account = target.identity?.account ?? 'unknown';
  return target.kind === 'sandbox' ? `sandbox:${account}` : `aws:${account}:${target.region}`;
}

let expiryTimer: ReturnType<typeof setTimeout> | undefined;

/** Credentials with a known expiry (the sandbox's) turn `expired` on time, without waiting for a refused call. */
function watchExpiry(target: Target): void {
  clearTimeout(expiryTimer);
  const expiration = target.credentials?.expiration;
  if (!expiration || target.status !== 'ready') return;
  const reason = `The credentials expired at ${expiration.toLocaleTimeString()}.`;
  const left = expiration.getTime() - Date.now();
  // setTimeout cannot wait longer than about 24 days; credentials never live that long.
  if (left <= 0) markExpired(reason);
  else expiryTimer = setTimeout(() => markExpired(reason), Math.min(left, 2 ** 31 - 1));
}

if (typeof window !== 'undefined') {
  $target.subscribe(watchExpiry);
  // Remembered credentials changed or forgotten in another tab apply here too.
  window.addEventListener('storage', (event) => {
    if (event.key !== TARGET_STORAGE_KEY || event.storageArea !== window.localStorage) return;
    $target.set(loadStoredTarget() ?? { ...SIGNED_OUT, kind: $target.get().kind, region: $target.get().region });
  });
}

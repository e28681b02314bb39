// Where the target survives a reload: sessionStorage (gone when the tab closes),
// or localStorage for AWS credentials the student asked to remember. One key,
// and every write removes the copy in the other storage, so exactly one exists.
import type { Target, TargetKind, TargetStatus } from './target-state.ts';

export const TARGET_STORAGE_KEY = 'labbook:target';
/** localStorage: the student chose the sandbox on this device (a flag, never keys), so new tabs connect by themselves. */
export const SANDBOX_CHOSEN_KEY = 'labbook:sandbox-chosen';

const KINDS: TargetKind[] = ['sandbox', 'aws'];
const STATUSES: TargetStatus[] = ['signed-out', 'checking', 'ready', 'expired', 'invalid'];

function storages(): { session?: Storage; local?: Storage } {
  if (typeof window === 'undefined') return {};
  const found: { session?: Storage; local?: Storage } = {};
  // Either may be switched off (privacy settings); then the target lasts for this page only.
  try {
    found.session = window.sessionStorage;
  } catch {}
  try {
    found.local = window.localStorage;
  } catch {}
  return found;
}

function tryRemove(storage: Storage | undefined): void {
  try {
    storage?.removeItem(TARGET_STORAGE_KEY);
  } catch {}
}

export function storeTarget(target: Target): void {
  const { session, local } = storages();
  const [keep, drop] = target.kind === 'aws' && target.remember ? [local, session] : [session, local];
  tryRemove(drop);
  const saved = { ...target, credentials: target.credentials && { ...target.credentials, expiration: target.credentials.expiration?.toISOString() } };
  try {
    keep?.setItem(TARGET_STORAGE_KEY, JSON.stringify(saved));
  } catch {}
}

export function clearStoredTarget(): void {
  const { session, local } = storages();
  tryRemove(session);
  tryRemove(local);
}

export function rememberSandboxChosen(chosen: boolean): void {
  try {
    if (chosen) storages().local?.setItem(SANDBOX_CHOSEN_KEY, '1');
    else storages().local?.removeItem(SANDBOX_CHOSEN_KEY);
  } catch {}
}

export function sandboxChosen(): boolean {
  try {
    return storages().local?.getItem(SANDBOX_CHOSEN_KEY) === '1';
  } catch {
    return false;
  }
}

export function loadStoredTarget(): Target | undefined {
  const { session, local } = storages();
  for (const storage of [session, local]) {
    let raw: string | null = null;
    try {
      raw = storage?.getItem(TARGET_STORAGE_KEY) ?? null;
    } catch {}
    const target = raw === null ? undefined : parseStoredTarget(raw);
    if (target) return target;
  }
  return undefined;
}

const isString = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** Anything unreadable counts as nothing stored. */
export function parseStoredTarget(raw: string): Target | undefined {
  let value: Record<string, any>;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { kind, region, credentials, identity, status, problem, remember } = value;
  if (!KINDS.includes(kind) || !isString(region) || !STATUSES.includes(status)) return undefined;
  if (typeof credentials !== 'object' || credentials === null) return undefined;
  if (!isString(credentials.accessKeyId) || !isString(credentials.secretAccessKey)) return undefined;
  const expiration = isString(credentials.expiration) ? new Date(credentials.expiration) : undefined;
  const target: Target = {
    kind,
    region,
    status,
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      ...(isString(credentials.sessionToken) && { sessionToken: credentials.sessionToken }),
      ...(expiration && !Number.isNaN(expiration.getTime()) && { expiration }),
    },
  };
  if (identity && isString(identity.account) && isString(identity.arn)) target.identity = { account: identity.account, arn: identity.arn };
  if (isString(problem)) target.problem = problem;
  if (remember === true) target.remember = true;
  return target;
}

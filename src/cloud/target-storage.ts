// Where the target survives a reload: sessionStorage (gone when the tab closes),
// or localStorage for AWS credentials the student asked to remember. One key,
// and every write removes the copy in the other storage, so exactly one exists.
import { isRecord } from './json-value.ts';
import type { Target, TargetKind, TargetStatus } from './target-state.ts';

export const TARGET_STORAGE_KEY = 'labbook:target';
/** localStorage: the student chose the sandbox on this device (a flag, never keys), so new tabs connect by themselves. */
export const SANDBOX_CHOSEN_KEY = 'labbook:sandbox-chosen';

const KINDS: TargetKind[] = ['sandbox', 'aws'];
const STATUSES: TargetStatus[] = ['signed-out', 'checking', 'ready', 'expired', 'invalid'];

/** Either storage may be switched off or full (privacy settings, quota); then the target lasts for this page only. */
function orNothing<T>(useStorage: () => T): T | undefined {
  try {
    return useStorage();
  } catch {
    return undefined;
  }
}

function storages(): { session?: Storage; local?: Storage } {
  if (typeof window === 'undefined') return {};
  return { session: orNothing(() => window.sessionStorage), local: orNothing(() => window.localStorage) };
}

function tryRemove(storage: Storage | undefined): void {
  orNothing(() => storage?.removeItem(TARGET_STORAGE_KEY));
}

export function storeTarget(target: Target): void {
  const { session, local } = storages();
  const [keep, drop] = target.kind === 'aws' && target.remember ? [local, session] : [session, local];
  tryRemove(drop);
  const saved = { ...target, credentials: target.credentials && { ...target.credentials, expiration: target.credentials.expiration?.toISOString() } };
  orNothing(() => keep?.setItem(TARGET_STORAGE_KEY, JSON.stringify(saved)));
}

export function clearStoredTarget(): void {
  const { session, local } = storages();
  tryRemove(session);
  tryRemove(local);
}

export function rememberSandboxChosen(chosen: boolean): void {
  const { local } = storages();
  orNothing(() => (chosen ? local?.setItem(SANDBOX_CHOSEN_KEY, '1') : local?.removeItem(SANDBOX_CHOSEN_KEY)));
}

export function sandboxChosen(): boolean {
  return orNothing(() => storages().local?.getItem(SANDBOX_CHOSEN_KEY)) === '1';
}

export function loadStoredTarget(): Target | undefined {
  const { session, local } = storages();
  for (const storage of [session, local]) {
    const raw = orNothing(() => storage?.getItem(TARGET_STORAGE_KEY));
    const target = typeof raw === 'string' ? parseStoredTarget(raw) : undefined;
    if (target) return target;
  }
  return undefined;
}

const isString = (value: unknown): value is string => typeof value === 'string' && value !== '';
const isOneOf = <T>(allowed: readonly T[], value: unknown): value is T => (allowed as readonly unknown[]).includes(value);

/** Anything unreadable counts as nothing stored. */
export function parseStoredTarget(raw: string): Target | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  const { kind, region, credentials, identity, status, problem, remember } = value;
  if (!isOneOf(KINDS, kind) || !isString(region) || !isOneOf(STATUSES, status)) return undefined;
  if (!isRecord(credentials)) return undefined;
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
  if (isRecord(identity) && isString(identity.account) && isString(identity.arn)) target.identity = { account: identity.account, arn: identity.arn };
  if (isString(problem)) target.problem = problem;
  if (remember === true) target.remember = true;
  return target;
}

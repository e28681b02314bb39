import { randomBytes } from 'node:crypto';
import type { Account } from '../account.ts';
import { randomString, randomUpperAlnum } from '../account.ts';
import type { CallerIdentity } from '../protocol/service.ts';
import type { KnownCredential } from '../protocol/sigv4.ts';
import type { DocumentStore } from '../storage/document-store.ts';

/** Temporary credentials shaped like a Learner Lab's "AWS Details" panel. */
export interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** ISO 8601 */
  expiration: string;
  accountId: string;
  arn: string;
  userId: string;
}

export interface IssueOptions {
  /** Lifetime in seconds; the store's default (a Learner Lab session's 4 hours) unless given. 0 issues credentials that are already expired. */
  durationSeconds?: number;
  /** The part after '=' in the session name; 'student' by default. */
  name?: string;
}

export interface CredentialStore {
  issue(options?: IssueOptions): Promise<IssuedCredentials>;
  /** Synchronous so the signature check does not wait on disk. */
  lookup(accessKeyId: string): Readonly<KnownCredential & { identity: CallerIdentity }> | undefined;
}

const DEFAULT_DURATION_SECONDS = 4 * 60 * 60;
const MAX_DURATION_SECONDS = 12 * 60 * 60;
/** Expired credentials are kept a day so they keep answering "expired" rather than "invalid". */
const KEEP_EXPIRED_MS = 24 * 60 * 60 * 1000;
const STORAGE_KEY = 'credentials';

const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

type KnownCaller = KnownCredential & { identity: CallerIdentity };

/** What a request's signature check needs of a credential: made once, not on every request's lookup. */
const knownCaller = (c: IssuedCredentials): KnownCaller =>
  Object.freeze({
    secretAccessKey: c.secretAccessKey,
    sessionToken: c.sessionToken,
    expiration: new Date(c.expiration),
    identity: Object.freeze({ accessKeyId: c.accessKeyId, accountId: c.accountId, arn: c.arn, userId: c.userId }),
  });

/** A temporary key triple shaped as STS and a Learner Lab issue them: an ASIA key id, a 40-character secret, a long session token. */
export function temporaryKeys(): Pick<IssuedCredentials, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'> {
  return { accessKeyId: `ASIA${randomUpperAlnum(16)}`, secretAccessKey: randomString(40, SECRET_ALPHABET), sessionToken: randomBytes(600).toString('base64') };
}

/** `defaultDurationSeconds`: the lifetime of credentials issued without one (LABBOOK_CREDENTIALS_SECONDS). */
export async function openCredentialStore(
  storage: DocumentStore,
  account: Account,
  defaultDurationSeconds = DEFAULT_DURATION_SECONDS,
): Promise<CredentialStore> {
  const saved = (await storage.read<{ credentials: IssuedCredentials[] }>(STORAGE_KEY))?.credentials ?? [];
  const byKey = new Map(saved.map((c) => [c.accessKeyId, { issued: c, known: knownCaller(c) }]));
  // Writes are chained so a slow earlier write can never land after a later one.
  let writing = Promise.resolve();

  function persist(): Promise<void> {
    const cutoff = Date.now() - KEEP_EXPIRED_MS;
    for (const [key, { issued }] of byKey) if (Date.parse(issued.expiration) < cutoff) byKey.delete(key);
    const snapshot = { credentials: [...byKey.values()].map(({ issued }) => issued) };
    writing = writing.then(() => storage.write(STORAGE_KEY, snapshot));
    return writing;
  }

  return {
    async issue({ durationSeconds = defaultDurationSeconds, name = 'student' } = {}) {
      if (!Number.isInteger(durationSeconds) || durationSeconds < 0 || durationSeconds > MAX_DURATION_SECONDS) {
        throw new RangeError(`durationSeconds must be a whole number from 0 to ${MAX_DURATION_SECONDS}`);
      }
      if (!/^[\w+=,.@-]{1,32}$/.test(name)) throw new RangeError('name may use letters, digits and +=,.@_- (at most 32)');
      const session = `${account.sessionUser}=${name}`;
      const issued: IssuedCredentials = {
        ...temporaryKeys(),
        expiration: new Date(Math.floor(Date.now() / 1000) * 1000 + durationSeconds * 1000).toISOString(),
        accountId: account.accountId,
        arn: `arn:aws:sts::${account.accountId}:assumed-role/voclabs/${session}`,
        userId: `${account.voclabsRoleId}:${session}`,
      };
      byKey.set(issued.accessKeyId, { issued, known: knownCaller(issued) });
      await persist();
      return issued;
    },
    lookup: (accessKeyId) => byKey.get(accessKeyId)?.known,
  };
}

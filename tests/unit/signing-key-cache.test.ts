// The sandbox keeps SigV4 signing keys between requests (protocol/signing-keys.ts). A key
// belongs to one secret, day, region and service: a request whose signature was made with a
// key cached for another of any of them must still be refused, as AWS refuses it.
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4, getSigningKey } from '@smithy/signature-v4';
import { describe, expect, test } from 'vitest';
import { verifySignature, type KnownCredential, type ReceivedRequest } from '../../src/sandbox/protocol/sigv4.ts';
import { signedListTables } from './signed-list-tables.ts';

const DAY = new Date('2026-03-10T12:00:00Z');
const NEXT_DAY = new Date('2026-03-11T12:00:00Z');

interface Credential extends KnownCredential {
  accessKeyId: string;
}
const credential = (n: number): Credential => ({
  accessKeyId: `ASIAKEYCACHETEST000${n}`,
  secretAccessKey: `secret-${n}-`.padEnd(40, 'x'),
  sessionToken: `token-${n}`,
  expiration: new Date('2026-12-31T00:00:00Z'),
});
const alice = credential(1);
const bob = credential(2);
const known = new Map([alice, bob].map((c) => [c.accessKeyId, c]));
const lookup = (accessKeyId: string) => known.get(accessKeyId);

interface Scope {
  signer: Credential;
  region: string;
  service: string;
  date: Date;
}

/**
 * Signs a ListTables as the SDK would for `claimed`; with `keyOf`, the signature is made with
 * the signing key of that other scope instead (a forgery a stale cache entry would accept).
 */
async function signedRequest(claimed: Scope, keyOf?: Scope): Promise<ReceivedRequest> {
  const signer = new SignatureV4({ service: claimed.service, region: claimed.region, credentials: claimed.signer, sha256: Sha256 });
  if (keyOf) {
    const shortDate = keyOf.date.toISOString().slice(0, 10).replace(/-/g, '');
    // The SDK's signer has no public way to sign with another scope's key; replace its key lookup.
    Object.assign(signer, { getSigningKey: () => getSigningKey(Sha256, keyOf.signer, shortDate, keyOf.region, keyOf.service) });
  }
  return signedListTables(signer, claimed.date);
}

const verify = async (claimed: Scope, keyOf?: Scope) => verifySignature(await signedRequest(claimed, keyOf), claimed.service, lookup, claimed.date.getTime());

const base: Scope = { signer: alice, region: 'us-east-1', service: 'dynamodb', date: DAY };

describe('a cached signing key', () => {
  const others: Array<[string, Scope]> = [
    // Bob's key id signed with Alice's key: the key cached for Alice's secret must not serve Bob.
    ['another credential', { ...base, signer: bob }],
    ['another region', { ...base, region: 'eu-west-1' }],
    ['another service', { ...base, service: 'lambda' }],
    ['another day', { ...base, date: NEXT_DAY }],
  ];

  test.each(others)('is not used for %s', async (_, other) => {
    // Alice's key for the base scope is cached by a request that succeeds.
    expect(await verify(base)).toMatchObject({ credential: alice });
    // A request for the other scope signed with that cached key is refused…
    expect(await verify(other, base)).toMatchObject({ kind: 'signature' });
    // …while the same request signed with its own scope's key is accepted.
    expect(await verify(other)).toMatchObject({ credential: other.signer });
  });
});

// The session token a request carries is compared with the known one in constant time, in
// scratch space that grows for a longer known token (protocol/sigv4.ts): any token but the
// exact one is refused, whatever its length.
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, test } from 'vitest';
import { verifySignature, type KnownCredential } from '../../src/sandbox/protocol/sigv4.ts';
import { signedListTables } from './signed-list-tables.ts';

const SIGNED_AT = new Date('2026-03-10T12:00:00Z');

const credential = (accessKeyId: string, sessionToken: string): KnownCredential & { accessKeyId: string } => ({
  accessKeyId,
  secretAccessKey: `secret-of-${accessKeyId}`.padEnd(40, 'z'),
  sessionToken,
  expiration: new Date('2026-12-31T00:00:00Z'),
});
const short = credential('ASIATOKENTESTSHORT01', 'short-token');
const long = credential('ASIATOKENTESTLONG001', 'L'.repeat(5000));
const known = new Map([short, long].map((c) => [c.accessKeyId, c]));

/** A ListTables signed with the credential's keys but carrying `sessionToken`. */
async function verifyWithToken(signer: typeof short, sessionToken: string) {
  const sdk = new SignatureV4({ service: 'dynamodb', region: 'us-east-1', credentials: { ...signer, sessionToken }, sha256: Sha256 });
  const req = await signedListTables(sdk, SIGNED_AT);
  return verifySignature(req, 'dynamodb', (id) => known.get(id), SIGNED_AT.getTime());
}

describe("a request's session token", () => {
  test('is accepted when it is the known one, long or short, in any order', async () => {
    expect(await verifyWithToken(short, short.sessionToken)).toMatchObject({ credential: short });
    expect(await verifyWithToken(long, long.sessionToken)).toMatchObject({ credential: long });
    expect(await verifyWithToken(short, short.sessionToken)).toMatchObject({ credential: short });
  });

  test.each([
    ['one character changed', `${'L'.repeat(4999)}M`],
    ['one character short', 'L'.repeat(4999)],
    ['one character long', 'L'.repeat(5001)],
    ['the other credential’s', 'short-token'],
  ])('is refused with %s', async (_, token) => {
    expect(await verifyWithToken(long, token)).toMatchObject({ kind: 'invalid-token' });
  });
});

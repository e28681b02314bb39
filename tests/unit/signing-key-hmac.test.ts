// A signing key signs with HMAC-SHA256 made of two one-call hashes (protocol/signing-keys.ts):
// it must give exactly what Node's own HMAC gives with the key AWS's derivation makes.
import { createHmac } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { sign, signingKey } from '../../src/sandbox/protocol/signing-keys.ts';

const SECRET = 'hmac-test-secret'.padEnd(40, 'y');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
/** The derivation as AWS documents it, done with Node's HMAC. */
const awsKey = hmac(hmac(hmac(hmac(`AWS4${SECRET}`, '20260310'), 'us-east-1'), 'dynamodb'), 'aws4_request');

const texts: Array<[string, string]> = [
  ['an empty text', ''],
  ['a string to sign', `AWS4-HMAC-SHA256\n20260310T120000Z\n20260310/us-east-1/dynamodb/aws4_request\n${'ab'.repeat(32)}`],
  ['a text one block long', 'x'.repeat(64)],
  ['a text longer than the scratch space', 'z'.repeat(5000)],
  ['a text with non-ASCII letters', 'café – 東京'],
];

describe('signing with a cached key', () => {
  test.each(texts)('gives HMAC-SHA256 for %s', (_, text) => {
    expect(sign(signingKey(SECRET, '20260310', 'us-east-1', 'dynamodb'), text)).toBe(createHmac('sha256', awsKey).update(text).digest('hex'));
  });

  test('gives the same answer after a longer text was signed', () => {
    const key = signingKey(SECRET, '20260310', 'us-east-1', 'dynamodb');
    const first = sign(key, 'short');
    sign(key, 'y'.repeat(900));
    expect(sign(key, 'short')).toBe(first);
  });
});

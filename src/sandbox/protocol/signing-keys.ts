// SigV4 signing keys, derived once per secret, day, region and service rather than on
// every request (the derivation is four HMACs), and the HMAC each request's signature
// is made with. A key is kept as HMAC's two padded key blocks (RFC 2104), so signing is
// two one-call hashes: Node's createHmac makes a stream object and a native handle per
// call, which in the sandbox's request path cost more than the hashing itself.
// Derivation: https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
// ("Derive a signing key": kDate = HMAC("AWS4" + secret, date), then region, service, "aws4_request").
import { createHmac, hash } from 'node:crypto';

/** SHA-256's block size: HMAC pads its key to one block. */
const BLOCK = 64;
const DIGEST = 32;

/** A signing key as HMAC-SHA256 uses it: the key XOR 0x36 and XOR 0x5c, each one block long. */
export interface SigningKey {
  inner: Buffer;
  outer: Buffer;
}

/**
 * Enough for every credential a class's tabs hold, each in a few regions and services;
 * a caller cycling through made-up regions only pushes the oldest keys out.
 */
const MAX_CACHED_KEYS = 1024;

const cache = new Map<string, SigningKey>();

const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

function derive(secretAccessKey: string, date: string, region: string, service: string): SigningKey {
  const signing = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), service), 'aws4_request');
  const inner = Buffer.alloc(BLOCK, 0x36);
  const outer = Buffer.alloc(BLOCK, 0x5c);
  for (let i = 0; i < signing.length; i++) {
    inner[i] ^= signing[i];
    outer[i] ^= signing[i];
  }
  return { inner, outer };
}

/**
 * The key that signs requests for `date` (YYYYMMDD), `region` and `service` with this secret;
 * the three are parts of a credential scope, so none holds a '/'.
 */
export function signingKey(secretAccessKey: string, date: string, region: string, service: string): SigningKey {
  // Every part is in the cache key, unambiguously (the secret, which may hold anything, last): a key is
  // never reused for another secret or scope.
  const id = `${date}/${region}/${service}/${secretAccessKey}`;
  let key = cache.get(id);
  if (!key) {
    key = derive(secretAccessKey, date, region, service);
    if (cache.size >= MAX_CACHED_KEYS) cache.delete(cache.keys().next().value!);
    cache.set(id, key);
  }
  return key;
}

/** Room for a string to sign (about 150 bytes) after the inner block; a longer text gets a buffer of its own. */
const innerScratch = Buffer.allocUnsafe(BLOCK + 1024);
const outerScratch = Buffer.allocUnsafe(BLOCK + DIGEST);

/** HMAC-SHA256 of `data` (UTF-8) with `key`, hex: H(outer ‖ H(inner ‖ data)). Synchronous, so the scratch space is never shared. */
export function sign(key: SigningKey, data: string): string {
  const length = Buffer.byteLength(data);
  const message = length <= innerScratch.length - BLOCK ? innerScratch : Buffer.allocUnsafe(BLOCK + length);
  key.inner.copy(message, 0);
  message.write(data, BLOCK, 'utf8');
  key.outer.copy(outerScratch, 0);
  hash('sha256', message.subarray(0, BLOCK + length), 'buffer').copy(outerScratch, BLOCK);
  return hash('sha256', outerScratch, 'hex');
}

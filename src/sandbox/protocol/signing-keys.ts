// SigV4 signing keys, derived once per secret, day, region and service rather than on
// every request: the derivation is four HMACs, and a raw-bytes HMAC key costs Node
// more to import than the HMAC itself, so keys are kept as KeyObjects.
// Derivation: https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
// ("Derive a signing key": kDate = HMAC("AWS4" + secret, date), then region, service, "aws4_request").
import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';

/**
 * Enough for every credential a class's tabs hold, each in a few regions and services;
 * a caller cycling through made-up regions only pushes the oldest keys out.
 */
const MAX_CACHED_KEYS = 1024;

const cache = new Map<string, KeyObject>();

const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

function derive(secretAccessKey: string, date: string, region: string, service: string): KeyObject {
  const signing = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), service), 'aws4_request');
  return createSecretKey(signing);
}

/**
 * The key that signs requests for `date` (YYYYMMDD), `region` and `service` with this secret;
 * the three are parts of a credential scope, so none holds a '/'.
 */
export function signingKey(secretAccessKey: string, date: string, region: string, service: string): KeyObject {
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

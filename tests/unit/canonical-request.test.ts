// The sandbox builds SigV4's canonical request itself (protocol/canonical-request.ts). Requests
// signed by the SDK's own signer, with the paths, queries and header values where canonical
// forms are easy to get wrong, must be accepted; the same requests changed after signing, refused.
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest } from '@smithy/types';
import { describe, expect, test } from 'vitest';
import { verifySignature, type ReceivedRequest } from '../../src/sandbox/protocol/sigv4.ts';

const SIGNED_AT = new Date('2026-03-10T12:00:00Z');
const credential = {
  accessKeyId: 'ASIACANONICALTEST001',
  secretAccessKey: 'canonical-request-test-secret'.padEnd(40, 'x'),
  sessionToken: 'canonical-request-test-token',
  expiration: new Date('2026-12-31T00:00:00Z'),
};
const lookup = (accessKeyId: string) => (accessKeyId === credential.accessKeyId ? credential : undefined);

interface Shape {
  /** As the SDK's serializer makes it, percent-encoded: what goes on the wire. */
  path: string;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
}

/** The request as the SDK signs it, and as the sandbox receives it (the query as URLSearchParams reads the wire's). */
async function signed({ path, query = {}, headers = {} }: Shape): Promise<ReceivedRequest> {
  const signer = new SignatureV4({ service: 'lambda', region: 'us-east-1', credentials: credential, sha256: Sha256 });
  const request: HttpRequest = {
    method: 'GET',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: 4510,
    path,
    query,
    headers: { host: '127.0.0.1:4510', ...headers },
  };
  const out = await signer.sign(request, { signingDate: SIGNED_AT });
  const received = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) for (const one of [value].flat()) received.append(name, one);
  const lowered = Object.fromEntries(Object.entries(out.headers).map(([name, value]) => [name.toLowerCase(), value]));
  return { method: 'GET', path, query: received, headers: lowered, body: Buffer.alloc(0) };
}

const verify = (req: ReceivedRequest) => verifySignature(req, 'lambda', lookup, SIGNED_AT.getTime());

const shapes: Array<[string, Shape]> = [
  ['a path with an encoded ARN', { path: '/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Afn/invocations' }],
  ['a path with encoded spaces and non-ASCII letters', { path: '/2015-03-31/functions/caf%C3%A9%20fn/configuration' }],
  ['a path with dot segments, an empty segment and a trailing slash', { path: '/a/./b/../c//d/' }],
  [
    'a query with a repeated name, spaces and reserved characters',
    { path: '/', query: { Marker: ['b', 'a b', "it's*(x)!"], 'name with space': '~x', empty: '' } },
  ],
  ['a query whose names sort differently from their name=value pairs', { path: '/', query: { 'a-b': '2', a: '1', 'a.c': '3', a0: '4' } }],
  ['a header value with runs of spaces and a tab', { path: '/', headers: { 'x-amz-meta-note': 'two  spaces\tand a tab', 'content-type': 'text/plain' } }],
];

describe("the sandbox's canonical request", () => {
  test.each(shapes)('matches the SDK signer for %s', async (_, shape) => {
    expect(verify(await signed(shape))).toMatchObject({ credential });
  });

  test.each(shapes)('refuses %s changed after signing', async (_, shape) => {
    const req = await signed(shape);
    const query = new URLSearchParams(req.query);
    query.append('added', '1');
    expect(verify({ ...req, query })).toMatchObject({ kind: 'signature' });
    expect(verify({ ...req, path: `${req.path}x` })).toMatchObject({ kind: 'signature' });
  });
});

// A DynamoDB ListTables as the SDK signs it for the sandbox's default address, in the shape
// the sandbox's signature check receives: what the SigV4 unit tests feed to verifySignature.
import type { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest } from '@smithy/types';
import type { ReceivedRequest } from '../../src/sandbox/protocol/sigv4.ts';

export async function signedListTables(signer: SignatureV4, signingDate: Date): Promise<ReceivedRequest> {
  const body = '{}';
  const request: HttpRequest = {
    method: 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: 4510,
    path: '/',
    query: {},
    headers: { host: '127.0.0.1:4510', 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.ListTables' },
    body,
  };
  const signed = await signer.sign(request, { signingDate });
  const headers = Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), value]));
  return { method: 'POST', path: '/', query: new URLSearchParams(), headers, body: Buffer.from(body) };
}

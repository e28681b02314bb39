// POST /_labbook/credentials: hands out sandbox credentials. Node and the CLI
// call it without an Origin; a browser page may call it only from an origin
// labbook's server allowed (its own), so no other website can mint credentials.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../body.ts';
import { preflightHeaders } from '../cors.ts';
import type { CredentialStore } from './store.ts';

export const CREDENTIALS_PATH = '/_labbook/credentials';

export interface CredentialsEndpointOptions {
  credentials: CredentialStore;
  allowedOrigins(): string[];
  /** The sandbox URL and region, returned with the credentials so a client can configure itself in one step. */
  endpoint: () => string;
  region: string;
}

export function createCredentialsEndpoint({ credentials, allowedOrigins, endpoint, region }: CredentialsEndpointOptions) {
  function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      ...headers,
      'content-type': 'application/json',
      'cache-control': 'no-store',
      'x-amzn-requestid': randomUUID(),
      'content-length': String(Buffer.byteLength(text)),
    });
    res.end(text);
  }

  return async function handleCredentials(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().includes(origin)) {
      return answer(res, 403, { message: `Origin ${origin} may not request sandbox credentials.` });
    }
    const cors: Record<string, string> = origin ? { 'access-control-allow-origin': origin, vary: 'Origin' } : {};
    if (req.method === 'OPTIONS') return answer(res, 200, {}, origin ? preflightHeaders(req, origin) : {});
    if (req.method !== 'POST') return answer(res, 405, { message: 'Use POST.' }, { ...cors, allow: 'POST, OPTIONS' });
    let options: { durationSeconds?: unknown; name?: unknown };
    try {
      const body = await readBody(req, 4096);
      options = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
      if (typeof options !== 'object' || options === null) throw new Error('not an object');
    } catch {
      return answer(res, 400, { message: 'The body must be empty or a JSON object like {"durationSeconds": 3600}.' }, cors);
    }
    try {
      const issued = await credentials.issue({
        durationSeconds: options.durationSeconds === undefined ? undefined : Number(options.durationSeconds),
        name: options.name === undefined ? undefined : String(options.name),
      });
      return answer(res, 200, { ...issued, region, endpoint: endpoint() }, cors);
    } catch (error) {
      if (error instanceof RangeError) return answer(res, 400, { message: error.message }, cors);
      throw error;
    }
  };
}

// Sandbox credentials on request. Two doors, one answer: POST /_labbook/credentials on
// the sandbox's own port, for `labbook credentials` and scripts holding labbook's token
// (x-labbook-token) and never for a browser; and the site's POST /api/sandbox/credentials,
// which the site gate has already checked (session cookie, own Origin) before it gets here.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sameSecret, TOKEN_HEADER } from '../../access/site-session.ts';
import { readBody } from '../body.ts';
import type { CredentialStore } from './store.ts';

export const CREDENTIALS_PATH = '/_labbook/credentials';

export interface CredentialsEndpointOptions {
  credentials: CredentialStore;
  /** The sandbox URL and region, returned with the credentials so a client can configure itself in one step. */
  endpoint: () => string;
  region: string;
}

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

/** Issues credentials for a caller already known to hold the token: the body may ask for a lifetime. */
export function createCredentialsIssuer({ credentials, endpoint, region }: CredentialsEndpointOptions) {
  return async function issueCredentials(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return answer(res, 405, { message: 'Use POST.' }, { allow: 'POST' });
    let options: { durationSeconds?: unknown; name?: unknown };
    try {
      const body = await readBody(req, 4096);
      const parsed: unknown = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
      if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
      options = parsed;
      if (options.name !== undefined && typeof options.name !== 'string') throw new Error('name is not a string');
    } catch {
      return answer(res, 400, { message: 'The body must be empty or a JSON object like {"durationSeconds": 3600, "name": "student"}.' });
    }
    try {
      const issued = await credentials.issue({
        durationSeconds: options.durationSeconds === undefined ? undefined : Number(options.durationSeconds),
        name: typeof options.name === 'string' ? options.name : undefined,
      });
      return answer(res, 200, { ...issued, region, endpoint: endpoint() });
    } catch (error) {
      if (error instanceof RangeError) return answer(res, 400, { message: error.message });
      throw error;
    }
  };
}

/** The sandbox's own door: the token, and no browser (a page asks labbook's site instead). */
export function createCredentialsEndpoint(options: CredentialsEndpointOptions & { token: string | undefined }) {
  const issue = createCredentialsIssuer(options);
  return async function handleCredentials(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Browsers send Origin with every POST, same-origin ones included.
    if (req.headers.origin !== undefined) {
      return answer(res, 403, { message: 'Web pages get sandbox credentials from labbook’s site, not from the sandbox.' });
    }
    const offered = req.headers[TOKEN_HEADER];
    if (!options.token || typeof offered !== 'string' || !sameSecret(offered, options.token)) {
      return answer(res, 401, {
        message: `Send labbook's token in the ${TOKEN_HEADER} header (the text in .labbook/token); \`npx labbook credentials\` does.`,
      });
    }
    return issue(req, res);
  };
}

// Shared by every sandbox test file: one sandbox per file, in memory on a free
// port, with credentials and ready-made SDK v3 clients.
//
//   const sandbox = useSandbox();
//   test('…', async () => { const ddb = sandbox.client(DynamoDBClient); … });
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest } from '@smithy/types';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { startSandbox, type IssuedCredentials, type IssueOptions, type RunningSandbox, type SandboxOptions } from '../../src/sandbox/index.ts';

export interface ClientConfig {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
  maxAttempts: number;
}

export interface TestSandbox {
  readonly sandbox: RunningSandbox;
  readonly url: string;
  readonly accountId: string;
  /** Issued once per file, valid for hours. */
  readonly credentials: IssuedCredentials;
  issueCredentials(options?: IssueOptions): Promise<IssuedCredentials>;
  /** SDK client configuration; retries off so a failing call fails once, fast. */
  clientConfig(credentials?: Pick<IssuedCredentials, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>): ClientConfig;
  /** e.g. `sandbox.client(DynamoDBClient)` */
  client<T>(Client: new (config: ClientConfig) => T, credentials?: Pick<IssuedCredentials, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>): T;
  /** Environment for a child process (AWS CLI, boto3) that must reach this sandbox and nothing else. */
  awsEnv(credentials?: IssuedCredentials): NodeJS.ProcessEnv;
}

export const toSdkCredentials = (c: Pick<IssuedCredentials, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>) => ({
  accessKeyId: c.accessKeyId,
  secretAccessKey: c.secretAccessKey,
  sessionToken: c.sessionToken,
});

/** Wraps a started sandbox; for tests that start and stop their own (restarts, data dirs). */
export async function testSandbox(options: Partial<SandboxOptions> = {}): Promise<TestSandbox & { close(): Promise<void> }> {
  const sandbox = await startSandbox({ port: 0, inMemory: !options.dataDir, log: () => {}, ...options });
  const credentials = await sandbox.issueCredentials();
  const clientConfig = (c: Pick<IssuedCredentials, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'> = credentials): ClientConfig => ({
    endpoint: sandbox.url,
    region: sandbox.region,
    credentials: toSdkCredentials(c),
    maxAttempts: 1,
  });
  return {
    sandbox,
    url: sandbox.url,
    accountId: sandbox.accountId,
    credentials,
    issueCredentials: (o) => sandbox.issueCredentials(o),
    clientConfig,
    client: (Client, c) => new Client(clientConfig(c)),
    awsEnv: (c = credentials) => ({
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      AWS_ACCESS_KEY_ID: c.accessKeyId,
      AWS_SECRET_ACCESS_KEY: c.secretAccessKey,
      AWS_SESSION_TOKEN: c.sessionToken,
      AWS_DEFAULT_REGION: sandbox.region,
      AWS_ENDPOINT_URL: sandbox.url,
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_PAGER: '',
      // Debian's Python must not pick up packages from pyenv's site directories.
      PYTHONNOUSERSITE: '1',
    }),
    close: () => sandbox.close(),
  };
}

/**
 * AWS's delays (`--timings aws`) at a twentieth of their length, drawn with a fixed seed: the
 * chapters' CLI text meets every slow state it would on AWS, repeatably, in seconds.
 */
export const AWS_TIMINGS_FAST: SandboxOptions['timings'] = { profile: 'aws', scale: 0.05, seed: 8 };

/** One sandbox for the whole test file, started before the first test and closed after the last. */
export function useSandbox(options: Partial<SandboxOptions> = {}): TestSandbox {
  let current: (TestSandbox & { close(): Promise<void> }) | undefined;
  beforeAll(async () => {
    current = await testSandbox(options);
  });
  afterAll(async () => {
    await current?.close();
  });
  const started = () => {
    if (!current) throw new Error('the sandbox starts in beforeAll; use it inside tests or hooks');
    return current;
  };
  return {
    get sandbox() {
      return started().sandbox;
    },
    get url() {
      return started().url;
    },
    get accountId() {
      return started().accountId;
    },
    get credentials() {
      return started().credentials;
    },
    issueCredentials: (o) => started().issueCredentials(o),
    clientConfig: (c) => started().clientConfig(c),
    client: (Client, c) => started().client(Client, c),
    awsEnv: (c) => started().awsEnv(c),
  };
}

/** A port that was free a moment ago, for child processes that must be told one. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Sends bytes to the sandbox as given (any Host header, any body) and returns the raw answer. */
export function rawRequest(
  url: string,
  { method = 'POST', path = '/', headers = {}, body = '' }: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, method, path, headers: { 'content-length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export interface SignedRequest {
  /** What goes in Host and into the signature, e.g. dynamodb.us-east-1.amazonaws.com; the sandbox's own host by default. */
  host?: string;
  service: string;
  region?: string;
  method?: string;
  path?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
  credentials: Pick<IssuedCredentials, 'accessKeyId' | 'secretAccessKey'> & { sessionToken?: string };
  signingDate?: Date;
  /** Presign into the query string for this many seconds instead of signing headers. */
  presignSeconds?: number;
}

/** Signs with @smithy/signature-v4 exactly as the SDK would, for whatever host the request names. */
export async function signRequest(url: string, request: SignedRequest) {
  const host = request.host ?? new URL(url).host;
  const signer = new SignatureV4({
    service: request.service,
    region: request.region ?? 'us-east-1',
    credentials: request.credentials,
    sha256: Sha256,
  });
  const unsigned: HttpRequest = {
    method: request.method ?? 'POST',
    protocol: 'http:',
    hostname: host,
    path: request.path ?? '/',
    query: request.query ?? {},
    headers: { host, ...request.headers },
    body: request.body,
  };
  const signed = request.presignSeconds
    ? await signer.presign(unsigned, { expiresIn: request.presignSeconds, signingDate: request.signingDate })
    : await signer.sign(unsigned, { signingDate: request.signingDate });
  const query = new URLSearchParams(signed.query as Record<string, string>).toString().replace(/\+/g, '%20');
  return { method: signed.method, path: signed.path + (query ? `?${query}` : ''), headers: signed.headers, body: request.body ?? '' };
}

/** Signs, then sends to the sandbox with the Host the request names. */
export async function sendSigned(url: string, request: SignedRequest): Promise<RawResponse> {
  return rawRequest(url, await signRequest(url, request));
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { allowedHostNames, refusal, refuseRequest, type ListenerPolicy } from '../../access/listener-checks.ts';

/**
 * The Lambda Runtime API (2018-06-01) that execution environments poll.
 *
 * It listens on its own loopback port rather than on the sandbox's: its
 * requests are unsigned and long-polled (GET /invocation/next waits until
 * there is work), while the sandbox's port checks a SigV4 signature on every
 * request and answers each promptly. Each environment gets its own secret
 * path prefix, so one environment can neither take nor answer another's
 * invocations.
 */

/** Lambda's limit on a synchronous response (the Runtime API's own figure). */
const MAX_RESPONSE_BYTES = 6_291_556;

export interface RuntimeApiReply {
  status: number;
  body: unknown;
}

/** What an execution environment does with each Runtime API call. */
export interface RuntimeApiClient {
  /** The runtime is ready for work; answer `response` when there is some. */
  next(response: ServerResponse): void;
  invocationResponse(requestId: string, body: Buffer): RuntimeApiReply;
  invocationError(requestId: string, errorType: string | undefined, body: Buffer): RuntimeApiReply;
  initError(errorType: string | undefined, body: Buffer): RuntimeApiReply;
  /** The reply AWS gives when a response is larger than MAX_RESPONSE_BYTES. */
  responseTooLarge(requestId: string): RuntimeApiReply;
}

export const ACCEPTED: RuntimeApiReply = { status: 202, body: { status: 'OK' } };
const RUNTIME_API_POLICY: ListenerPolicy = { hosts: () => allowedHostNames(), origins: () => [] };
const ROUTE = /^\/([A-Za-z0-9_-]+)\/2018-06-01\/runtime\/(?:invocation\/(next|[^/]+\/(?:response|error))|(init\/error))$/;

export class RuntimeApiServer {
  private readonly server: Server;
  private readonly clients = new Map<string, RuntimeApiClient>();
  private listening?: Promise<string>;

  constructor() {
    this.server = createServer((request, response) => {
      // Only the runtimes labbook started talk here: no browser, and no name but loopback.
      const refused = refusal(request.headers, RUNTIME_API_POLICY);
      if (refused) return refuseRequest(response, refused);
      this.route(request, response).catch(() => {
        if (!response.headersSent) reply(response, { status: 500, body: { errorType: 'ServiceException' } });
      });
    });
    this.server.keepAliveTimeout = 0;
  }

  /** host:port of the listener, started on first use. */
  address(): Promise<string> {
    this.listening ??= new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => {
        const { port } = this.server.address() as AddressInfo;
        resolve(`127.0.0.1:${port}`);
      });
    });
    return this.listening;
  }

  /** Registers an environment; the value is its AWS_LAMBDA_RUNTIME_API. */
  async register(client: RuntimeApiClient): Promise<{ token: string; apiAddress: string }> {
    const token = randomBytes(16).toString('hex');
    this.clients.set(token, client);
    return { token, apiAddress: `${await this.address()}/${token}` };
  }

  unregister(token: string): void {
    this.clients.delete(token);
  }

  async close(): Promise<void> {
    this.clients.clear();
    if (!this.listening) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const match = ROUTE.exec(request.url ?? '');
    const client = match ? this.clients.get(match[1]) : undefined;
    if (!match || !client) {
      request.resume();
      reply(response, { status: 404, body: { errorMessage: 'Unknown Runtime API path', errorType: 'NotFound' } });
      return;
    }
    const [, , invocationRoute, initRoute] = match;
    if (invocationRoute === 'next' && request.method === 'GET') {
      request.resume();
      client.next(response);
      return;
    }
    if (request.method !== 'POST') {
      request.resume();
      reply(response, { status: 405, body: { errorMessage: 'Method not allowed', errorType: 'MethodNotAllowed' } });
      return;
    }
    const body = await readBody(request, MAX_RESPONSE_BYTES);
    const errorType = headerValue(request.headers['lambda-runtime-function-error-type']);
    if (initRoute) {
      reply(response, client.initError(errorType, body ?? Buffer.alloc(0)));
      return;
    }
    const [requestId, kind] = invocationRoute.split('/');
    if (body === undefined) {
      reply(response, client.responseTooLarge(requestId));
    } else if (kind === 'response') {
      reply(response, client.invocationResponse(requestId, body));
    } else {
      reply(response, client.invocationError(requestId, errorType, body));
    }
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The request body, or undefined when it is longer than `limit` bytes. */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.on('end', () => resolve(size <= limit ? Buffer.concat(chunks) : undefined));
    request.on('error', reject);
  });
}

export function reply(response: ServerResponse, { status, body }: RuntimeApiReply): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

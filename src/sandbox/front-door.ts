// The sandbox's HTTP entry: every request becomes either a service's answer or
// an AWS-shaped error. Nothing a client sends can make it throw past here.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLarge, discardBody, readBody } from './body.ts';
import { corsHeaders, isPreflight, preflightHeaders } from './cors.ts';
import type { CredentialStore } from './credentials/store.ts';
import { awsJsonProtocol } from './protocol/aws-json.ts';
import { AwsError, internalFailure } from './protocol/errors.ts';
import { queryProtocol } from './protocol/query.ts';
import type { Protocol, SandboxResponse, Service } from './protocol/service.ts';
import { checkCredentials, isAuthFailure, readSignatureClaim, verifyClaim } from './protocol/sigv4.ts';
import { findService } from './routing.ts';

const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;
/** A refused upload is still read (and dropped) this far past the limit, so a client with stale credentials sees why. */
const DISCARD_MARGIN_BYTES = 64 * 1024 * 1024;
/** Errors for requests that name no service the sandbox has are written as awsJson, the commonest protocol… */
const FALLBACK_PROTOCOL = awsJsonProtocol({ version: '1.0' });
/** …unless the request is an awsQuery one (SNS's `Action=Publish&…` form, say), whose clients read only XML errors. */
const QUERY_FALLBACK_PROTOCOL = queryProtocol('https://iam.amazonaws.com/doc/2010-05-08/');

function fallbackProtocolFor(req: IncomingMessage, query: URLSearchParams): Protocol {
  const form = String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
  return form || query.has('Action') ? QUERY_FALLBACK_PROTOCOL : FALLBACK_PROTOCOL;
}

export interface FrontDoorOptions {
  services: Service[];
  credentials: CredentialStore;
  log: (message: string) => void;
  /**
   * Serves the request if it is for an API's data plane (unsigned, answered as
   * the API answers, not as an AWS service); undefined when it is not one.
   */
  dataPlane?: (req: IncomingMessage, res: ServerResponse) => Promise<void> | undefined;
}

function defaultTooLarge(limit: number): AwsError {
  return new AwsError('RequestEntityTooLargeException', `Request must be smaller than ${limit} bytes.`, 413);
}

/** Splits the request target into its percent-encoded path and its query; a target that is not a path is a client error. */
function splitTarget(url: string | undefined): { path: string; query: URLSearchParams } {
  const target = url ?? '/';
  if (!target.startsWith('/')) throw new AwsError('UnknownOperationException', `Unsupported request target.`, 400);
  const question = target.indexOf('?');
  return {
    path: question === -1 ? target : target.slice(0, question),
    query: new URLSearchParams(question === -1 ? '' : target.slice(question + 1)),
  };
}

export function send(req: IncomingMessage, res: ServerResponse, response: SandboxResponse, requestId: string): void {
  if (res.headersSent) return void res.end();
  // A string body goes out as it is: Node writes it in one piece with the headers, with no copy into a Buffer first.
  const body = response.body ?? '';
  res.writeHead(response.status, {
    ...response.headers,
    ...corsHeaders(req),
    'x-amzn-requestid': requestId,
    'content-length': String(typeof body === 'string' ? Buffer.byteLength(body) : body.length),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

export function createFrontDoor({ services, credentials, log, dataPlane }: FrontDoorOptions) {
  return async function handleAwsRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    let protocol: Protocol = FALLBACK_PROTOCOL;
    let serviceName = 'unknown';
    try {
      // Before the preflight rule below: an API answers preflights with its own CORS configuration.
      const served = dataPlane?.(req, res);
      if (served) return await served;
      if (isPreflight(req)) return send(req, res, { status: 200, headers: preflightHeaders(req) }, requestId);
      const { path, query } = splitTarget(req.url);
      const service = findService(services, req.headers, query);
      if (!service) {
        // Drain what the client sends so it can read the answer; nothing of it is kept.
        await discardBody(req, DEFAULT_MAX_BODY_BYTES + DISCARD_MARGIN_BYTES);
        const claim = readSignatureClaim({ method: req.method ?? 'GET', path, query, headers: req.headers, body: Buffer.alloc(0) });
        protocol = fallbackProtocolFor(req, query);
        throw isAuthFailure(claim)
          ? protocol.authError(claim)
          : new AwsError('UnknownOperationException', `The sandbox does not emulate the service '${claim.scope.service}'.`);
      }
      protocol = service.protocol;
      serviceName = service.signingName;
      const limit = service.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
      const tooLarge = () => (service.bodyTooLarge ?? defaultTooLarge)(limit);
      // A declared size over the limit is refused before anything else, as AWS's front end does (413 unsigned too).
      if (Number(req.headers['content-length']) > limit) {
        await discardBody(req, limit + DISCARD_MARGIN_BYTES);
        throw tooLarge();
      }
      // Who is asking, before a byte of the body is read: without a known, unexpired key the
      // answer is AWS's auth error and the body is dropped unread (issue: unsigned 60 MB bodies).
      const unverified = checkCredentials({ method: req.method ?? 'GET', path, query, headers: req.headers }, service.signingName, (key) =>
        credentials.lookup(key),
      );
      if (isAuthFailure(unverified)) {
        await discardBody(req, limit + DISCARD_MARGIN_BYTES);
        throw protocol.authError(unverified);
      }
      let body: Buffer;
      try {
        body = await readBody(req, limit);
      } catch (error) {
        if (error instanceof BodyTooLarge) throw tooLarge();
        throw error;
      }
      const received = { method: req.method ?? 'GET', path, query, headers: req.headers, body };
      const verified = verifyClaim(received, unverified);
      if (isAuthFailure(verified)) throw protocol.authError(verified);
      const caller = verified.credential.identity;
      const response = await service.handle({ ...received, region: verified.claim.scope.region, caller, requestId });
      send(req, res, response, requestId);
    } catch (error) {
      // The client hung up (mid-upload, say): nobody is left to answer.
      if (res.destroyed) return;
      const awsError = error instanceof AwsError ? error : internalFailure();
      if (!(error instanceof AwsError)) {
        // The stack says where; no headers or body are logged, so no credentials reach the log.
        log(`sandbox ${serviceName}: ${req.method} request ${requestId} failed: ${(error as Error)?.stack ?? String(error)}`);
      }
      send(req, res, protocol.errorResponse(awsError, requestId), requestId);
    }
  };
}

import type { IncomingHttpHeaders } from 'node:http';
import type { AwsError } from './errors.ts';
import type { AuthFailure } from './sigv4.ts';

/** Who made a request, as established by the SigV4 check. */
export interface CallerIdentity {
  accessKeyId: string;
  accountId: string;
  /** e.g. arn:aws:sts::123456789012:assumed-role/voclabs/user1234567=student */
  arn: string;
  /** e.g. AROA…:user1234567=student */
  userId: string;
}

/** A request after the protocol layer has read it and checked its signature. */
export interface SandboxRequest {
  method: string;
  /** Path without the query string, still percent-encoded as sent. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Region from the SigV4 credential scope (or the sandbox default for unsigned data-plane calls). */
  region: string;
  /** Undefined only for services that take unsigned requests (API data planes). */
  caller?: CallerIdentity;
  /** A fresh request id, echoed as x-amzn-RequestId. */
  requestId: string;
  /**
   * Throws AWS's access-denied error when the account may not take `action` (the operation's name)
   * here; the protocol layer calls it once it knows the operation. Unset: every action is allowed.
   */
  authorize?: (action: string) => void;
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

/** How one wire protocol (awsJson, restJson, query) reports errors. */
export interface Protocol {
  errorResponse(error: AwsError, requestId: string): SandboxResponse;
  /** The error this protocol's services return for a failed signature check. */
  authError(failure: AuthFailure): AwsError;
  /** The error for a signed request that a policy refuses, with IAM's message. */
  accessDenied(message: string): AwsError;
}

/**
 * One emulated AWS service. The sandbox routes a signed request to the service
 * whose `signingName` matches the credential scope of its Authorization header.
 */
export interface Service {
  /** SigV4 service name in the credential scope: 'dynamodb', 'lambda', 'sts', 'logs'… */
  signingName: string;
  /** First label of the real AWS host name, e.g. 'lambda' for lambda.us-east-1.amazonaws.com. */
  hostPrefix: string;
  /** awsJson services: the X-Amz-Target prefix, e.g. 'DynamoDB_20120810'; lets unsigned requests find their service. */
  targetPrefix?: string;
  protocol: Protocol;
  /** Largest request body accepted; 16 MiB unless the service says otherwise (Lambda's zip uploads need ~70 MB). */
  maxBodyBytes?: number;
  /** The error for a body over `maxBodyBytes`; AWS's wording differs per service. */
  bodyTooLarge?: (limit: number) => AwsError;
  handle(req: SandboxRequest): Promise<SandboxResponse>;
  close?(): Promise<void>;
}

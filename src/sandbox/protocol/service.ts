import type { IncomingHttpHeaders } from 'node:http';

/** Who made a request, as established by the SigV4 check. */
export interface CallerIdentity {
  accessKeyId: string;
  accountId: string;
  /** e.g. arn:aws:sts::123456789012:assumed-role/voclabs/user1234567=student */
  arn: string;
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
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  body?: Buffer | string;
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
  handle(req: SandboxRequest): Promise<SandboxResponse>;
  close?(): Promise<void>;
}

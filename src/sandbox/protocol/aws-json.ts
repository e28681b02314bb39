// The awsJson 1.0 / 1.1 protocol (DynamoDB, CloudWatch Logs): POST /, the
// operation in `X-Amz-Target: <prefix>.<Operation>`, JSON in and out, errors as
// {"__type": ..., "message": ...} with HTTP 400 for client faults.
// Reference: https://smithy.io/2.0/aws/protocols/aws-json-1_0-protocol.html
import { AwsError } from './errors.ts';
import { validateRequest, type ModelValidation } from './model-validator.ts';
import type { Protocol, SandboxRequest, SandboxResponse, Service } from './service.ts';
import { JSON_AUTH_ERROR_CODES } from './sigv4.ts';

export interface AwsJsonOptions {
  version: '1.0' | '1.1';
  /** Namespace for the service's own errors in `__type`, e.g. 'com.amazonaws.dynamodb.v20120810'. */
  errorNamespace?: string;
}

/** Errors raised by AWS's common front end rather than the service; their `__type` carries coral's namespace. */
const FRONT_END_ERRORS = new Set([
  'MissingAuthenticationTokenException',
  'IncompleteSignatureException',
  'UnrecognizedClientException',
  'ExpiredTokenException',
  'InvalidSignatureException',
  'SerializationException',
  'UnknownOperationException',
  'InternalFailure',
  'RequestEntityTooLargeException',
]);

export function awsJsonProtocol({ version, errorNamespace }: AwsJsonOptions): Protocol {
  const contentType = `application/x-amz-json-${version}`;
  const typeName = (code: string) => {
    if (FRONT_END_ERRORS.has(code)) return `com.amazon.coral.service#${code}`;
    if (code === 'ValidationException') return `com.amazon.coral.validate#${code}`;
    return errorNamespace ? `${errorNamespace}#${code}` : code;
  };
  return {
    errorResponse(error) {
      // DynamoDB sends some front-end errors with no message at all; keep that shape.
      const body = { __type: typeName(error.code), ...(error.message ? { message: error.message } : {}), ...error.fields };
      return json(error.status, body, contentType);
    },
    // DynamoDB answers every authentication failure with 400 (e.g. ExpiredTokenException, see
    // github.com/guregu/dynamo/issues/68 for a captured response).
    authError: (failure) => new AwsError(JSON_AUTH_ERROR_CODES[failure.kind], failure.message, 400),
    // A client fault like the rest: HTTP 400 in Kinesis's and Logs' models and DynamoDB's Common Errors.
    accessDenied: (message) => new AwsError('AccessDeniedException', message, 400),
  };
}

function json(status: number, body: unknown, contentType: string): SandboxResponse {
  return { status, headers: { 'content-type': contentType }, body: JSON.stringify(body) };
}

export type AwsJsonOperation = (input: Record<string, unknown>, req: SandboxRequest) => Promise<unknown>;

export interface AwsJsonServiceOptions extends AwsJsonOptions {
  signingName: string;
  hostPrefix: string;
  /** e.g. 'Logs_20140328' in `X-Amz-Target: Logs_20140328.CreateLogGroup` */
  targetPrefix: string;
  operations: Record<string, AwsJsonOperation>;
  maxBodyBytes?: number;
  /** The service's model: every request is checked against it before its operation runs. */
  validation?: ModelValidation;
}

/** The operation named by X-Amz-Target, or UnknownOperationException as AWS answers. */
export function awsJsonOperationName(req: SandboxRequest, targetPrefix: string): string {
  const target = String(req.headers['x-amz-target'] ?? '');
  const dot = target.indexOf('.');
  if (req.method !== 'POST' || dot === -1 || target.slice(0, dot) !== targetPrefix) {
    throw new AwsError('UnknownOperationException', '');
  }
  return target.slice(dot + 1);
}

/** Parses an awsJson body: it must be one JSON object. */
function parseAwsJsonBody(body: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new AwsError('SerializationException', '');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AwsError('SerializationException', `Start of structure or map expected, found ${Array.isArray(value) ? 'list' : typeof value}`);
  }
  return value as Record<string, unknown>;
}

/** A service whose operations are plain functions from the input object to the output object. */
export function awsJsonService(options: AwsJsonServiceOptions): Service {
  const protocol = awsJsonProtocol(options);
  const contentType = `application/x-amz-json-${options.version}`;
  return {
    signingName: options.signingName,
    hostPrefix: options.hostPrefix,
    targetPrefix: options.targetPrefix,
    protocol,
    maxBodyBytes: options.maxBodyBytes,
    async handle(req) {
      const name = awsJsonOperationName(req, options.targetPrefix);
      const operation = Object.hasOwn(options.operations, name) ? options.operations[name] : undefined;
      if (!operation) throw new AwsError('UnknownOperationException', '');
      req.authorize?.(name);
      const input = parseAwsJsonBody(req.body);
      if (options.validation) validateRequest(options.validation, name, input);
      const output = await operation(input, req);
      return json(200, output ?? {}, contentType);
    },
  };
}

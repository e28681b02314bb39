// The awsQuery protocol (STS, IAM): form-encoded `Action=...&Version=...`,
// XML results wrapped in <ActionResponse><ActionResult>, errors as
// <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>.
// Reference: https://smithy.io/2.0/aws/protocols/aws-query-protocol.html
import { AwsError } from './errors.ts';
import { validateRequest, type ModelValidation } from './model-validator.ts';
import { textMemberValue } from './rest-json-input.ts';
import type { Protocol, SandboxRequest, Service } from './service.ts';
import type { AuthFailure } from './sigv4.ts';
import { escapeXml, toXml } from './xml.ts';

// STS answers with 403 for all of these except a malformed signature (e.g. ExpiredToken,
// github.com/cfn-sphere/cfn-sphere/issues/55; MissingAuthenticationToken, amzn/selling-partner-api-docs#3081).
const AUTH_ERRORS: Record<AuthFailure['kind'], { code: string; status: number }> = {
  missing: { code: 'MissingAuthenticationToken', status: 403 },
  incomplete: { code: 'IncompleteSignature', status: 400 },
  'invalid-token': { code: 'InvalidClientTokenId', status: 403 },
  'expired-token': { code: 'ExpiredToken', status: 403 },
  signature: { code: 'SignatureDoesNotMatch', status: 403 },
};

export function queryProtocol(xmlNamespace: string): Protocol {
  return {
    errorResponse(error, requestId) {
      const type = error.status >= 500 ? 'Receiver' : 'Sender';
      const body =
        `<ErrorResponse xmlns="${escapeXml(xmlNamespace)}"><Error><Type>${type}</Type>` +
        `<Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message>${toXml(error.fields)}</Error>` +
        `<RequestId>${escapeXml(requestId)}</RequestId></ErrorResponse>`;
      return { status: error.status, headers: { 'content-type': 'text/xml' }, body };
    },
    authError(failure) {
      const { code, status } = AUTH_ERRORS[failure.kind];
      return new AwsError(code, failure.message, status);
    },
    // IAM's and STS's AccessDenied is a 403 (e.g. CreateRole refused: "StatusCode: 403 … api error AccessDenied").
    accessDenied: (message) => new AwsError('AccessDenied', message, 403),
  };
}

export type QueryOperation = (params: URLSearchParams, req: SandboxRequest) => Promise<Record<string, unknown>>;

export interface QueryServiceOptions {
  signingName: string;
  hostPrefix: string;
  /** API version, e.g. '2011-06-15' */
  version: string;
  xmlNamespace: string;
  operations: Record<string, QueryOperation>;
  /** The service's model: every request's top-level parameters are checked against it before its operation runs. */
  validation?: ModelValidation;
}

const NESTED_MEMBER = Symbol('nested query member');

/** The input's top-level members as sent (`RoleArn=…`); nested members (`Tags.member.1.Key`) are left to the operation. */
function topLevelInput(validation: ModelValidation, action: string, params: URLSearchParams): Record<string, unknown> {
  const { model } = validation;
  const shape = model.shapes[model.operations[action]?.input ?? ''];
  const input: Record<string, unknown> = {};
  for (const [member, ref] of Object.entries(shape?.members ?? {})) {
    const memberShape = model.shapes[ref.shape];
    if (['list', 'map', 'structure'].includes(memberShape?.type)) {
      // Present or not is all that is checked here: a value of no JSON type, which the validator does not read further.
      input[member] = [...params.keys()].some((key) => key.startsWith(`${member}.`)) ? NESTED_MEMBER : undefined;
      continue;
    }
    const value = params.get(member);
    input[member] = value === null ? undefined : textMemberValue(value, memberShape);
  }
  return input;
}

/** Parameters come from the query string and, for POST, the form-encoded body. */
function queryParams(req: SandboxRequest): URLSearchParams {
  const params = new URLSearchParams(req.query);
  const contentType = String(req.headers['content-type'] ?? '');
  if (req.method === 'POST' && contentType.startsWith('application/x-www-form-urlencoded')) {
    for (const [name, value] of new URLSearchParams(req.body.toString('utf8'))) params.append(name, value);
  }
  return params;
}

export function queryService(options: QueryServiceOptions): Service {
  return {
    signingName: options.signingName,
    hostPrefix: options.hostPrefix,
    protocol: queryProtocol(options.xmlNamespace),
    async handle(req) {
      const params = queryParams(req);
      const action = params.get('Action');
      if (!action) throw new AwsError('MissingAction', 'Missing Action');
      const operation = Object.hasOwn(options.operations, action) ? options.operations[action] : undefined;
      // An operation exists only in its API version: another or none is the same error as an unknown action.
      const version = params.get('Version') || 'NO_VERSION_SPECIFIED';
      if (!operation || version !== options.version) {
        throw new AwsError('InvalidAction', `Could not find operation ${action} for version ${version}`);
      }
      req.authorize?.(action);
      const { validation } = options;
      if (validation) validateRequest(validation, action, topLevelInput(validation, action, params));
      const result = await operation(params, req);
      const body =
        `<${action}Response xmlns="${escapeXml(options.xmlNamespace)}"><${action}Result>${toXml(result)}</${action}Result>` +
        `<ResponseMetadata><RequestId>${escapeXml(req.requestId)}</RequestId></ResponseMetadata></${action}Response>`;
      return { status: 200, headers: { 'content-type': 'text/xml' }, body };
    },
  };
}

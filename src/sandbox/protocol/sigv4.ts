// Checks AWS Signature Version 4 the way AWS does: recompute the signature for
// the request exactly as it arrived (its Host, path, query, the headers it
// listed as signed, its body: canonical-request.ts) and compare. The hashes and the
// string to sign are done here, with the cheaper one-call forms of Node's crypto.
// Reference: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv.html
import { hash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { ALGORITHM_IDENTIFIER, UNSIGNED_PAYLOAD } from '@smithy/signature-v4';
import { canonicalRequest, headerValue } from './canonical-request.ts';
import { sign, signingKey } from './signing-keys.ts';

/** Why a request was refused; each protocol turns the kind into its own error code and status. */
export type AuthFailureKind = 'missing' | 'incomplete' | 'invalid-token' | 'expired-token' | 'signature';

/** awsJson and restJson services name auth failures alike (coral's exceptions); only their HTTP status differs. */
export const JSON_AUTH_ERROR_CODES: Record<AuthFailureKind, string> = {
  missing: 'MissingAuthenticationTokenException',
  incomplete: 'IncompleteSignatureException',
  'invalid-token': 'UnrecognizedClientException',
  'expired-token': 'ExpiredTokenException',
  signature: 'InvalidSignatureException',
};

export interface AuthFailure {
  kind: AuthFailureKind;
  message: string;
  /** For a signature mismatch: what the sandbox computed (restJson services show it, as AWS does). */
  expected?: { canonicalRequest: string; stringToSign: string };
}

/** A request as received, before any service has looked at it. */
export interface ReceivedRequest {
  method: string;
  /** Path as sent, percent-encoded, without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** What the signature claims, read from the Authorization header or the presigned query. */
export interface SignatureClaim {
  accessKeyId: string;
  /** X-Amz-Date, e.g. 20250403T152435Z */
  longDate: string;
  scope: { date: string; region: string; service: string; terminator: string };
  signedHeaders: string[];
  signature: string;
  sessionToken?: string;
  /** Seconds a presigned URL stays valid; undefined for header auth. */
  expiresIn?: number;
}

/** The secret side of a credential, as the sandbox's store knows it. */
export interface KnownCredential {
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

const AUTH_TOKEN_INVALID = 'The security token included in the request is invalid.';
const AUTH_TOKEN_EXPIRED = 'The security token included in the request is expired';
const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
/** AWS accepts request times within five minutes of its clock (the "Signature expired … - 5 min." message). */
const MAX_SKEW_MS = 5 * 60 * 1000;
const MAX_PRESIGNED_SECONDS = 7 * 24 * 60 * 60;

const fail = (kind: AuthFailureKind, message: string): AuthFailure => ({ kind, message });

export function isAuthFailure(value: unknown): value is AuthFailure {
  return typeof value === 'object' && value !== null && 'kind' in value && 'message' in value;
}

/** Reads the claim without checking it; a malformed one is an AuthFailure with AWS's wording. */
export function readSignatureClaim(req: ReceivedRequest): SignatureClaim | AuthFailure {
  const authorization = headerValue(req.headers, 'authorization');
  const presigned = req.query.has('X-Amz-Algorithm');
  if (authorization !== undefined && presigned) {
    return fail('signature', "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
  }
  if (authorization === undefined && !presigned) return fail('missing', 'Request is missing Authentication Token');
  return authorization !== undefined ? readHeaderClaim(authorization, req) : readQueryClaim(req.query);
}

function readHeaderClaim(authorization: string, req: ReceivedRequest): SignatureClaim | AuthFailure {
  const trimmed = authorization.trim();
  if (!trimmed.startsWith('AWS4-')) return fail('missing', 'Request is missing Authentication Token');
  const space = trimmed.indexOf(' ');
  const algorithm = space === -1 ? trimmed : trimmed.slice(0, space);
  if (algorithm !== ALGORITHM_IDENTIFIER) {
    return fail('incomplete', `Unsupported AWS 'algorithm': '${algorithm}' (only AWS4-HMAC-SHA256 for now). `);
  }
  const fields = new Map<string, string>();
  for (const pair of trimmed.slice(space + 1).split(',')) {
    const equals = pair.indexOf('=');
    if (equals > 0) fields.set(pair.slice(0, equals).trim(), pair.slice(equals + 1).trim());
  }
  let missing = '';
  for (const name of ['Credential', 'Signature', 'SignedHeaders']) {
    if (!fields.get(name)) missing += `Authorization header requires '${name}' parameter. `;
  }
  const longDate = headerValue(req.headers, 'x-amz-date');
  if (!longDate) missing += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
  if (missing) return fail('incomplete', missing.trim());
  return completeClaim({
    credential: fields.get('Credential')!,
    signedHeaders: fields.get('SignedHeaders')!,
    signature: fields.get('Signature')!,
    longDate: longDate!,
    sessionToken: headerValue(req.headers, 'x-amz-security-token'),
  });
}

function readQueryClaim(query: URLSearchParams): SignatureClaim | AuthFailure {
  let missing = '';
  for (const name of ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders', 'X-Amz-Date']) {
    if (!query.get(name)) missing += `AWS query-string parameters must include '${name}'. `;
  }
  if (missing) return fail('incomplete', `${missing}Re-examine the query-string parameters.`);
  const algorithm = query.get('X-Amz-Algorithm')!;
  if (algorithm !== ALGORITHM_IDENTIFIER) {
    return fail('incomplete', `Unsupported AWS 'algorithm': '${algorithm}' (only AWS4-HMAC-SHA256 for now). `);
  }
  const expires = Number(query.get('X-Amz-Expires') ?? NaN);
  if (!Number.isInteger(expires) || expires < 1 || expires > MAX_PRESIGNED_SECONDS) {
    return fail('incomplete', `X-Amz-Expires must be a whole number of seconds between 1 and ${MAX_PRESIGNED_SECONDS}.`);
  }
  return completeClaim({
    credential: query.get('X-Amz-Credential')!,
    signedHeaders: query.get('X-Amz-SignedHeaders')!,
    signature: query.get('X-Amz-Signature')!,
    longDate: query.get('X-Amz-Date')!,
    sessionToken: query.get('X-Amz-Security-Token') ?? undefined,
    expiresIn: expires,
  });
}

function completeClaim(raw: {
  credential: string;
  signedHeaders: string;
  signature: string;
  longDate: string;
  sessionToken?: string;
  expiresIn?: number;
}): SignatureClaim | AuthFailure {
  if (!/^\d{8}T\d{6}Z$/.test(raw.longDate)) {
    return fail('incomplete', `Date must be in ISO-8601 'basic format'. Got '${raw.longDate}'. See http://en.wikipedia.org/wiki/ISO_8601`);
  }
  const parts = raw.credential.replace(/\/+$/, '').split('/');
  if (parts.length !== 5) {
    return fail('incomplete', `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${raw.credential}'`);
  }
  const [accessKeyId, date, region, service, terminator] = parts;
  return {
    accessKeyId,
    longDate: raw.longDate,
    scope: { date, region, service, terminator },
    signedHeaders: raw.signedHeaders.split(';').map((name) => name.trim().toLowerCase()),
    signature: raw.signature,
    sessionToken: raw.sessionToken,
    expiresIn: raw.expiresIn,
  };
}

/** The last X-Amz-Date read and its time: a client's calls within one second carry the same one, each checked twice. */
let lastLongDate = { longDate: '', time: NaN };

/** 20250403T152435Z → milliseconds since the epoch (NaN for a date that is not one) */
function parseLongDate(longDate: string): number {
  if (longDate === lastLongDate.longDate) return lastLongDate.time;
  const iso = `${longDate.slice(0, 4)}-${longDate.slice(4, 6)}-${longDate.slice(6, 8)}T${longDate.slice(9, 11)}:${longDate.slice(11, 13)}:${longDate.slice(13, 15)}Z`;
  lastLongDate = { longDate, time: new Date(iso).getTime() };
  return lastLongDate.time;
}

const toLongDate = (time: number) => new Date(time).toISOString().replace(/[-:]|\.\d{3}/g, '');

/** The claim's time against the clock: within five minutes either way, or a presigned URL's lifetime. */
function checkClaimTime(claim: SignatureClaim, now: number): AuthFailure | undefined {
  const signedAt = parseLongDate(claim.longDate);
  if (Number.isNaN(signedAt)) {
    return fail('incomplete', `Date must be in ISO-8601 'basic format'. Got '${claim.longDate}'. See http://en.wikipedia.org/wiki/ISO_8601`);
  }
  if (claim.expiresIn !== undefined) {
    if (now > signedAt + claim.expiresIn * 1000) {
      return fail('signature', `Signature expired: ${toLongDate(signedAt + claim.expiresIn * 1000)} is now earlier than ${toLongDate(now)}`);
    }
  } else if (signedAt < now - MAX_SKEW_MS) {
    return fail('signature', `Signature expired: ${claim.longDate} is now earlier than ${toLongDate(now - MAX_SKEW_MS)} (${toLongDate(now)} - 5 min.)`);
  }
  if (signedAt > now + MAX_SKEW_MS) {
    return fail('signature', `Signature not yet current: ${claim.longDate} is still later than ${toLongDate(now + MAX_SKEW_MS)} (${toLongDate(now)} + 5 min.)`);
  }
  return undefined;
}

/** Checks that need no secret: the claim's time, the signed Host, a well-formed scope for the expected service. */
function checkClaimShape(claim: SignatureClaim, expectedService: string, now: number): AuthFailure | undefined {
  const timeProblem = checkClaimTime(claim, now);
  if (timeProblem) return timeProblem;
  // Over HTTP/2 the SDK signs the :authority pseudo-header in place of Host.
  if (!claim.signedHeaders.includes('host') && !claim.signedHeaders.includes(':authority')) {
    return fail('signature', "'Host' must be a 'SignedHeader' in the AWS Authorization.");
  }
  let problems = '';
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(claim.scope.region)) {
    problems += `Credential should be scoped to a valid region, not '${claim.scope.region}'. `;
  }
  if (claim.scope.service !== expectedService) {
    problems += `Credential should be scoped to correct service: '${expectedService}'. `;
  }
  if (claim.scope.terminator !== 'aws4_request') {
    problems += `Credential should be scoped with a valid terminator: 'aws4_request', not '${claim.scope.terminator}'. `;
  }
  if (claim.scope.date !== claim.longDate.slice(0, 8)) {
    problems += `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${claim.scope.date}' != '${claim.longDate.slice(0, 8)}', from '${claim.longDate}'.`;
  }
  return problems ? fail('signature', problems.trim()) : undefined;
}

/** The signature `secretAccessKey` makes for the request, and the two texts it signs (for an error that shows them). */
function recompute(claim: SignatureClaim, req: ReceivedRequest, secretAccessKey: string) {
  const payloadHash = headerValue(req.headers, 'x-amz-content-sha256') === UNSIGNED_PAYLOAD ? UNSIGNED_PAYLOAD : hash('sha256', req.body, 'hex');
  const canonical = canonicalRequest(req, claim.signedHeaders, payloadHash);
  const { date, region, service, terminator } = claim.scope;
  // "Create a string to sign" in https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html.
  // crypto.hash, one call for a whole input, costs less than a Hash object's create, update and digest.
  const stringToSign = `${ALGORITHM_IDENTIFIER}\n${claim.longDate}\n${date}/${region}/${service}/${terminator}\n${hash('sha256', canonical, 'hex')}`;
  const signature = sign(signingKey(secretAccessKey, date, region, service), stringToSign);
  return { signature, canonicalRequest: canonical, stringToSign };
}

/** Where secrets are compared: a Buffer per comparison, on every request, costs more than the comparison. */
let scratch = Buffer.allocUnsafe(2048);

/** Compared in constant time: how long the answer takes says nothing of how much of the claim was right. */
function sameSecret(claimed: string, known: string): boolean {
  const length = Buffer.byteLength(known);
  if (Buffer.byteLength(claimed) !== length) return false;
  // Grows only for a known secret longer than any so far: a claim of another length never gets here.
  if (2 * length > scratch.length) scratch = Buffer.allocUnsafe(2 * length);
  scratch.write(claimed, 0, 'utf8');
  scratch.write(known, length, 'utf8');
  return timingSafeEqual(scratch.subarray(0, length), scratch.subarray(length, 2 * length));
}

/** A claim whose shape, key, session token and expiry passed; only its signature is left to check. */
export interface CheckedClaim<Known extends KnownCredential> {
  claim: SignatureClaim;
  credential: Known;
}

/**
 * Everything but the signature itself, which needs the body: the claim's shape, skew
 * and scope, a known key with its session token, and expiry. The front door runs it
 * before reading a body, so a caller without working credentials is never buffered.
 */
export function checkCredentials<Known extends KnownCredential>(
  req: Omit<ReceivedRequest, 'body'>,
  expectedService: string,
  lookup: (accessKeyId: string) => Known | undefined,
  now = Date.now(),
): CheckedClaim<Known> | AuthFailure {
  const claim = readSignatureClaim({ ...req, body: NO_BODY });
  if (isAuthFailure(claim)) return claim;
  return checkClaim(claim, expectedService, lookup, now);
}

const expiredAt = (credential: KnownCredential, now: number) =>
  now >= credential.expiration.getTime() ? fail('expired-token', AUTH_TOKEN_EXPIRED) : undefined;

function checkClaim<Known extends KnownCredential>(
  claim: SignatureClaim,
  expectedService: string,
  lookup: (accessKeyId: string) => Known | undefined,
  now: number,
): CheckedClaim<Known> | AuthFailure {
  const shapeProblem = checkClaimShape(claim, expectedService, now);
  if (shapeProblem) return shapeProblem;
  const known = lookup(claim.accessKeyId);
  if (!known || claim.sessionToken === undefined || !sameSecret(claim.sessionToken, known.sessionToken)) {
    return fail('invalid-token', AUTH_TOKEN_INVALID);
  }
  return expiredAt(known, now) ?? { claim, credential: known };
}

const NO_BODY = Buffer.alloc(0);

/** The signature the request carries against the one its credential makes for it. */
function checkSignature<Known extends KnownCredential>(req: ReceivedRequest, checked: CheckedClaim<Known>): CheckedClaim<Known> | AuthFailure {
  const expected = recompute(checked.claim, req, checked.credential.secretAccessKey);
  if (!sameSecret(checked.claim.signature, expected.signature)) {
    return { kind: 'signature', message: SIGNATURE_MISMATCH, expected: { canonicalRequest: expected.canonicalRequest, stringToSign: expected.stringToSign } };
  }
  return checked;
}

/**
 * The whole check, in AWS's order: a malformed claim, skew and scope; then the
 * key and its session token (AWS resolves temporary keys through the token, so
 * a missing or foreign token reads as "invalid"); then expiry; then the signature.
 */
export function verifySignature<Known extends KnownCredential>(
  req: ReceivedRequest,
  expectedService: string,
  lookup: (accessKeyId: string) => Known | undefined,
  now = Date.now(),
): CheckedClaim<Known> | AuthFailure {
  const claim = readSignatureClaim(req);
  if (isAuthFailure(claim)) return claim;
  const checked = checkClaim(claim, expectedService, lookup, now);
  return isAuthFailure(checked) ? checked : checkSignature(req, checked);
}

/**
 * The rest of verifySignature for what checkCredentials passed, once the body has come:
 * the clock and the credential's expiry again, since time has passed while it arrived
 * (a credential's key and token never change), then the signature.
 */
export function verifyClaim<Known extends KnownCredential>(
  req: ReceivedRequest,
  checked: CheckedClaim<Known>,
  now = Date.now(),
): CheckedClaim<Known> | AuthFailure {
  return checkClaimTime(checked.claim, now) ?? expiredAt(checked.credential, now) ?? checkSignature(req, checked);
}

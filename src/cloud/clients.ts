// AWS SDK v3 clients for the current target. Every widget gets its clients here,
// so region, credentials and the way to reach the cloud are decided in one place:
//   sandbox           → the sandbox's URL (GET /api/sandbox)
//   AWS, with relay   → signed for the real AWS host, then sent to /relay/<host>/<path>
//   AWS, static site  → straight to AWS, where AWS answers browsers at all
import type { AwsCredentialIdentity, FinalizeRequestMiddleware, HttpRequest, InitializeMiddleware, MetadataBearer, MiddlewareStack } from '@smithy/types';
import { $target, markExpired, type Target } from './target-state.ts';
import { RELAY_KEY_HEADER, type RelayInfo } from '../server/info-api.ts';
import { serverInfo } from './server-info.ts';

/** Answers that mean the credentials themselves are no good (expired, unknown, or a wrong secret). */
export const CREDENTIAL_FAILURES = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
]);

/** Control planes whose answer to a browser's preflight refuses the SDK's headers (src/sandbox/cors.ts names the source), so a page reaches them only through labbook's relay. */
const NEEDS_RELAY = new Set(['ApiGatewayV2']);

/** Thrown when a call cannot be made as things stand; `message` tells the student what to do. */
export class TargetUnavailable extends Error {
  override name = 'TargetUnavailable';
}

/** The failure's code (its `name`) when a call needs labbook's relay and the page has none: a statically hosted workbook. */
export const NEEDS_LABBOOK_SERVER = 'NeedsLabbookServer';

class NeedsLabbookServer extends TargetUnavailable {
  override name = NEEDS_LABBOOK_SERVER;
}

interface AnyClient {
  middlewareStack: MiddlewareStack<object, MetadataBearer>;
  config: { serviceId?: string };
}

type ClientConstructor = new (config: object) => AnyClient;

/**
 * A client for the target as it is now. It signs each request with the target's
 * current credentials, so new credentials pasted after an expiry work for a retry
 * with the same client; if the student switches target or region, make a new one.
 * `config` is passed on (e.g. `endpoint` for the @connections API, `maxAttempts`).
 */
export function cloudClient<C extends ClientConstructor>(ClientClass: C, config: Partial<NonNullable<ConstructorParameters<C>[0]>> = {}): InstanceType<C> {
  const target = $target.get();
  const client = new ClientClass({
    region: target.region,
    credentials: credentialsFor(target),
    ...(target.kind === 'sandbox' && { endpoint: sandboxEndpoint }),
    // DynamoDB would send a call naming an ARN (ListTagsOfResource) to <account>.ddb.<region>, a host the relay does not forward to.
    accountIdEndpointMode: 'disabled',
    ...config,
  }) as InstanceType<C>;
  const serviceId = client.config.serviceId ?? 'this service';
  client.middlewareStack.add(reportCredentialFailures, { step: 'initialize', name: 'labbookCredentialFailures', priority: 'high' });
  if (target.kind === 'aws') {
    client.middlewareStack.add(requireReachable(serviceId), { step: 'initialize', name: 'labbookRequireReachable' });
    client.middlewareStack.addRelativeTo(sendThroughRelay, { relation: 'after', toMiddleware: 'httpSigningMiddleware', name: 'labbookRelay' });
  }
  return client;
}

/** Reads the credentials at signing time; refuses to sign for a target other than the one the client was made for. */
function credentialsFor(madeFor: Target) {
  // The SDK awaits the provider, so a refusal is a rejected promise, never a throw.
  const provider = (): Promise<AwsCredentialIdentity> => {
    const now = $target.get();
    if (now.kind !== madeFor.kind || now.region !== madeFor.region) {
      return Promise.reject(new TargetUnavailable(`The target changed to ${describe(now)} after this was set up. Start the step again.`));
    }
    if (!now.credentials) {
      return Promise.reject(new TargetUnavailable('No credentials yet: choose the sandbox or paste your AWS credentials in the Target panel.'));
    }
    // Exactly these fields: an accountId here would send DynamoDB calls to <account>.ddb.<region> hosts.
    const { accessKeyId, secretAccessKey, sessionToken, expiration } = now.credentials;
    return Promise.resolve({ accessKeyId, secretAccessKey, sessionToken, expiration });
  };
  // Marked as memoized so the SDK asks for them on every request instead of caching the first answer.
  return Object.assign(provider, { memoized: true });
}

function describe(target: Target): string {
  return target.kind === 'sandbox' ? 'the sandbox' : `AWS in ${target.region}`;
}

async function sandboxEndpoint(): Promise<string> {
  const info = await serverInfo();
  if (info.sandbox) return info.sandbox.endpoint;
  throw new TargetUnavailable(info.sandboxProblem ?? 'There is no sandbox here: this page is not served by labbook’s server. Use AWS instead.');
}

const reportCredentialFailures: InitializeMiddleware<object, MetadataBearer> = (next) => async (args) => {
  const signedWith = $target.get().credentials;
  try {
    return await next(args);
  } catch (error) {
    const { name, message } = error as Error;
    // Only the credentials this call used: new ones pasted meanwhile are not condemned by an old failure.
    if (CREDENTIAL_FAILURES.has(name) && $target.get().credentials === signedWith) markExpired(`${name}: ${message}`);
    throw error;
  }
};

function requireReachable(serviceId: string): InitializeMiddleware<object, MetadataBearer> {
  return (next) => async (args) => {
    if (NEEDS_RELAY.has(serviceId) && !(await serverInfo()).relay) {
      throw new NeedsLabbookServer(
        `${serviceId} does not let web pages call it directly, so this needs labbook’s own server: run “npm start” (or “labbook start”) and open the address it prints.`,
      );
    }
    return next(args);
  };
}

/** After signing for the real host: send the same request to the relay, which restores the host. */
const sendThroughRelay: FinalizeRequestMiddleware<object, MetadataBearer> = (next) => async (args) => {
  const relay = (await serverInfo()).relay;
  if (!relay) return next(args);
  return next({ ...args, request: relayedRequest(args.request as HttpRequest, relay) });
};

/** A copy, so a retry signs the original request again rather than the rewritten one. */
export function relayedRequest(request: HttpRequest, relay: RelayInfo): HttpRequest {
  const headers: Record<string, string> = { ...request.headers, [RELAY_KEY_HEADER]: relay.key };
  // Browsers never send a Host a page sets; the relay takes the host from the path.
  delete headers.host;
  delete headers.Host;
  const base = new URL(relay.url);
  return {
    ...request,
    protocol: base.protocol,
    hostname: base.hostname,
    port: base.port ? Number(base.port) : undefined,
    path: `${base.pathname}${request.hostname}${request.path}`,
    headers,
  };
}

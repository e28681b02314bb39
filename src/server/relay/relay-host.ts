// Which destinations the relay forwards to: AWS service hosts only, judged on
// the raw path segment the browser sent, before anything decodes or normalises
// it. The pattern admits only lower-case letters, digits, dots and hyphens in
// the exact shapes below, so IP literals (in any notation), localhost, ports,
// userinfo, percent-encoding, backslashes, trailing dots and look-alike domains
// never match: nothing is parsed leniently first and checked afterwards.

/** Services the lab's widgets call. Anything else on AWS (S3, say) is not the relay's business. */
const RELAYED_SERVICES = ['sts', 'dynamodb', 'lambda', 'logs', 'kinesis', 'apigateway'] as const;
/** Global endpoints (no region in the host name). */
const RELAYED_GLOBAL_SERVICES = ['sts', 'iam'] as const;

const REGION = '[a-z]{2}(?:-gov)?-[a-z]+-[0-9]{1,2}';
const REGIONAL = new RegExp(`^(?:${RELAYED_SERVICES.join('|')})\\.${REGION}\\.amazonaws\\.com$`);
const GLOBAL = new RegExp(`^(?:${RELAYED_GLOBAL_SERVICES.join('|')})\\.amazonaws\\.com$`);
/** An API's invoke URL and its @connections endpoint: the id is 10 lower-case letters and digits. */
const EXECUTE_API = new RegExp(`^[a-z0-9]{10}\\.execute-api\\.${REGION}\\.amazonaws\\.com$`);

/** Only API Gateway invoke URLs speak WebSocket among the relayed hosts. */
export function isExecuteApiHost(host: string): boolean {
  return EXECUTE_API.test(host);
}

export function isRelayedHost(host: string): boolean {
  return REGIONAL.test(host) || GLOBAL.test(host) || EXECUTE_API.test(host);
}

export type RelayDestination = { host: string; path: string } | { refused: string };

/**
 * Splits `<prefix><host><path>?<query>` (the request target exactly as received)
 * into the AWS host and the path and query to send it, unchanged.
 */
export function relayDestination(target: string, prefix: string): RelayDestination {
  if (!target.startsWith(prefix)) return { refused: `Relay paths start with ${prefix}.` };
  const rest = target.slice(prefix.length);
  const end = rest.search(/[/?#]/);
  const host = end === -1 ? rest : rest.slice(0, end);
  const path = end === -1 ? '/' : rest.slice(end);
  if (!isRelayedHost(host)) return { refused: 'The relay forwards only to AWS service hosts such as dynamodb.us-east-1.amazonaws.com.' };
  if (!path.startsWith('/')) return { refused: 'After the host, a relay path continues with /.' };
  return { host, path };
}

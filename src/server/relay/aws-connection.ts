// How the relay opens a connection to an AWS host: https://<host>:443, trusting the
// certificate authorities the machine trusts, the name checked against AWS's
// certificate. A TestNetwork changes where names lead and which authority is trusted;
// only code can hand one over (to createRelay, createWebSocketRelay, or startServer, which
// passes it down): no environment variable, setting, flag or request field reaches it, and
// `labbook start` passes none, so only tests do.
import { request as httpRequest, type ClientRequest, type OutgoingHttpHeaders } from 'node:http';
import { Agent, request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';

/** Tests only: a stand-in for the network between the relay and AWS. */
export interface TestNetwork {
  /** Where an AWS host name's connections go, in place of its DNS address and port 443. */
  addressOf(host: string): { address: string; port: number };
  /** A throwaway certificate authority (PEM) this relay trusts besides the machine's; left out, only the machine's count. */
  ca?: string;
}

export interface AwsConnectionOptions {
  /**
   * Tests only: connect to this http(s) URL instead of https://<host>, keeping
   * Host as the real AWS host, so a sandbox there checks the signature as AWS would.
   */
  upstream?: () => string | undefined;
  /** Tests only: see TestNetwork. */
  testNetwork?: TestNetwork;
}

export type RequestOptions = { method?: string; path: string; headers: OutgoingHttpHeaders };

/** Opens requests to AWS hosts; made once per relay, so a test network's certificate authority is trusted by that relay alone. */
export function awsConnection({ upstream, testNetwork }: AwsConnectionOptions): (host: string, options: RequestOptions) => ClientRequest {
  if (testNetwork) {
    // Kept alive as Node's global agent keeps connections to AWS alive.
    const agent = new Agent({ keepAlive: true, ...(testNetwork.ca && { ca: [...rootCertificates, testNetwork.ca] }) });
    return (host, options) => {
      const { address, port } = testNetwork.addressOf(host);
      return httpsRequest({ ...options, hostname: address, port, servername: host, agent });
    };
  }
  return (host, options) => {
    const override = upstream?.();
    if (!override) return httpsRequest({ ...options, hostname: host, port: 443, servername: host });
    const url = new URL(override);
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return request({ ...options, hostname: url.hostname.replace(/^\[|\]$/g, ''), port: url.port || undefined, servername: host });
  };
}

/**
 * What the page is told when AWS could not be reached. A certificate the machine does not
 * trust (OpenSSL's verification codes, and Node's for a name the certificate does not
 * cover) usually means something on the network answers in AWS's place.
 */
export function unreachableMessage(host: string, error: NodeJS.ErrnoException): string {
  const code = error.code ?? error.message;
  if (code.includes('CERT') || code.startsWith('UNABLE_TO_')) {
    return `The relay refused the certificate ${host} presented (${code}): this computer does not trust it, so nothing was sent. A network that inspects HTTPS (a proxy or a firewall) may be answering in AWS’s place.`;
  }
  return `The relay could not reach ${host} (${code}).`;
}

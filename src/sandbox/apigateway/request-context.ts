// Small facts every API data-plane event carries, shaped as AWS's are.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** An API Gateway request id, like AWS's "JKJaXmPLvHcESHA=" (also sent as apigw-requestid). */
export function newApiRequestId(): string {
  return `${randomBytes(11).toString('base64url')}=`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "12/Mar/2020:19:03:58 +0000", the CLF time API Gateway puts in requestContext. */
export function requestTime(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${two(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`
  );
}

/** The client's address as API Gateway reports it (IPv4-mapped IPv6 addresses shown as IPv4). */
export function sourceIpOf(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
}

/** The host name AWS would have served the API on: `<apiId>.execute-api.<region>.amazonaws.com`. */
export function executeApiDomain(apiId: string, region: string): string {
  return `${apiId}.execute-api.${region}.amazonaws.com`;
}

import type { IncomingHttpHeaders } from 'node:http';
import type { Service } from './protocol/service.ts';

/** sts.amazonaws.com, dynamodb.us-east-1.amazonaws.com → the first label. */
const AWS_HOST = /^([a-z0-9-]+)(?:\.[a-z0-9-]+)?\.amazonaws\.com$/;

function scopeService(headers: IncomingHttpHeaders, query: URLSearchParams): string | undefined {
  const authorization = String(headers.authorization ?? '');
  const credential = /Credential=([^,\s]+)/.exec(authorization)?.[1] ?? query.get('X-Amz-Credential') ?? '';
  return credential.split('/')[3];
}

/**
 * Which service a request is for: a real AWS host name says it outright (the
 * relay and CLI users with a custom Host send one); otherwise the service in
 * the SigV4 credential scope; for unsigned awsJson requests, the X-Amz-Target prefix.
 */
export function findService(services: Service[], headers: IncomingHttpHeaders, query: URLSearchParams): Service | undefined {
  const host = String(headers.host ?? '')
    .replace(/:\d+$/, '')
    .toLowerCase();
  const prefix = AWS_HOST.exec(host)?.[1];
  const byHost = prefix === undefined ? undefined : services.find((s) => s.hostPrefix === prefix);
  if (byHost) return byHost;
  const scoped = scopeService(headers, query);
  if (scoped) return services.find((s) => s.signingName === scoped);
  const target = String(headers['x-amz-target'] ?? '').split('.')[0];
  return target ? services.find((s) => s.targetPrefix === target) : undefined;
}

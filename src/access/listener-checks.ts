// Host and Origin checks that every labbook listener makes before anything else (the
// site, the sandbox, the relay, the Lambda Runtime API). A Host check stops DNS
// rebinding: a page on evil.example whose name later resolves to 127.0.0.1 still sends
// `Host: evil.example` (the attack Vite's CVE-2025-24010 and webpack-dev-server's
// CVE-2018-14732 fixed). An Origin check stops other websites' pages, which browsers
// let send simple requests anywhere.
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** The names a listener answers to: loopback, and the configured HOST when it is a name or address of its own. */
export function allowedHostNames(configuredHost?: string): string[] {
  const names = [...LOOPBACK_NAMES];
  if (configuredHost && !['0.0.0.0', '::', '[::]'].includes(configuredHost)) {
    names.push(configuredHost.includes(':') && !configuredHost.startsWith('[') ? `[${configuredHost}]` : configuredHost.toLowerCase());
  }
  return names;
}

/** The name in a Host header, without its port (`[::1]` keeps its brackets); undefined when there is none. */
export function hostName(host: string | undefined): string | undefined {
  if (!host) return undefined;
  const match = /^(\[[^\]]+\]|[^:]+)(?::\d+)?$/.exec(host.trim().toLowerCase());
  return match?.[1].replace(/\.$/, '');
}

export interface ListenerPolicy {
  /** Host names accepted (any port). */
  hosts: () => string[];
  /** Extra Host names this listener serves, such as AWS's own for the sandbox behind the relay. */
  extraHost?: (name: string) => boolean;
  /** Browser origins accepted; a request with no Origin is not from another website's page. */
  origins: () => string[];
  /** Further origins this listener accepts, such as the student's own pages for the sandbox's API data planes. */
  extraOrigin?: (origin: string) => boolean;
}

/** Why the request must be refused, in a sentence for whoever reads the 403; undefined when it may go on. */
export function refusal(headers: IncomingHttpHeaders, policy: ListenerPolicy): string | undefined {
  // HTTP/2 names the host in :authority.
  const host = headers.host ?? (headers[':authority'] as string | undefined);
  const name = hostName(host);
  if (!name || !(policy.hosts().includes(name) || policy.extraHost?.(name))) {
    return `labbook answers only to ${policy.hosts().join(', ')}; this request named ${JSON.stringify(host ?? '')} as its host.`;
  }
  const origin = headers.origin;
  if (origin !== undefined && !policy.origins().includes(origin) && !policy.extraOrigin?.(origin)) {
    return `Only labbook's own pages may call this address; a page from ${origin} may not.`;
  }
  return undefined;
}

export function refuseRequest(res: ServerResponse, message: string): void {
  res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', connection: 'close' });
  res.end(`${message}\n`);
}

export function refuseUpgrade(socket: Duplex, message: string): void {
  socket.end(`HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain; charset=utf-8\r\nconnection: close\r\n\r\n${message}\n`);
}

/** A page this machine serves itself (any port of a loopback name). */
export function isLoopbackOrigin(origin: string): boolean {
  return /^http:\/\/(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?$/.test(origin);
}

/** A page on 127.0.0.1 may equally be opened as localhost or [::1]: all are the site. */
export function loopbackAliases(origin: string | undefined): string[] {
  if (!origin) return [];
  const url = new URL(origin);
  if (!LOOPBACK_NAMES.includes(url.hostname)) return [origin];
  const port = url.port ? `:${url.port}` : '';
  return LOOPBACK_NAMES.map((host) => `${url.protocol}//${host}${port}`);
}

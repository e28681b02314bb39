// Who holds the token: a request carrying it (`x-labbook-token`, what `labbook
// credentials` sends) or the cookie the page got for it. The cookie is HttpOnly, so no
// script can read it, and SameSite=Strict, so no other website's request carries it.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const TOKEN_HEADER = 'x-labbook-token';

/** One cookie per site port: two labbooks on one machine (cookies ignore ports) keep theirs apart. */
export function sessionCookieName(sitePort: number | string): string {
  return `labbook-session-${sitePort}`;
}

/** The cookie's value: derived from the token, so the token itself never sits in the browser. */
export function sessionValue(token: string): string {
  return createHmac('sha256', token).update('labbook site session').digest('base64url');
}

/** What the page sends in the relay key header (server/info-api.ts): derived from the token, so it opens nothing else. */
export function relayKey(token: string): string {
  return createHmac('sha256', token).update('labbook relay').digest('base64url');
}

/** Kept a month, so a browser closed and opened again mid-lab is still signed in. */
const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** Secure on a class server's https address: the browser then never sends it over plain http. */
export function sessionCookie(token: string, sitePort: number | string, secure = false): string {
  return `${sessionCookieName(sitePort)}=${sessionValue(token)}; Path=/; Max-Age=${SESSION_MAX_AGE_SECONDS}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  for (const part of (headers.cookie ?? '').split(';')) {
    const equals = part.indexOf('=');
    if (equals !== -1 && part.slice(0, equals).trim() === name) return part.slice(equals + 1).trim();
  }
  return undefined;
}

/** True when the request carries the token or the session cookie of the site on `sitePort`. */
export function holdsToken(headers: IncomingHttpHeaders, token: string, sitePort: number | string): boolean {
  const header = headers[TOKEN_HEADER];
  if (typeof header === 'string' && sameSecret(header, token)) return true;
  return sameSecret(cookieValue(headers, sessionCookieName(sitePort)), sessionValue(token));
}

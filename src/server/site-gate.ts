// What every request to the site passes first (Jupyter Server's model for a local tool
// that runs code): the Host and Origin checks of every labbook listener, then the token.
// `?token=` on any address is traded for the session cookie and removed from the address
// bar; the site's pages and its /api/ answer only callers holding the cookie or the
// token. Its scripts, styles and Pyodide's files are the public build and need neither.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { refusal, refuseRequest, type ListenerPolicy } from '../access/listener-checks.ts';
import { holdsToken, sameSecret, sessionCookie } from '../access/site-session.ts';
import { HEALTH_PATH } from './info-api.ts';
import { tokenNeededPage } from './token-needed-page.ts';

export interface SiteGateOptions {
  token: string;
  /** The site's port once it listens: the session cookie is named after it. */
  sitePort: () => number | undefined;
  policy: ListenerPolicy;
  /** The site's public address is https: the cookie is marked Secure. */
  secureCookie?: boolean;
}

/** Answers the request itself (a refusal, the cookie's redirect, the "open it with the token" page) and returns true, or lets it through. */
export function createSiteGate({ token, sitePort, policy, secureCookie = false }: SiteGateOptions) {
  return function gate(req: IncomingMessage, res: ServerResponse): boolean {
    const refused = refusal(req.headers, policy);
    if (refused) {
      refuseRequest(res, refused);
      return true;
    }
    const url = new URL(req.url ?? '/', 'http://site.invalid');
    // For a class server's monitor, which holds no token; it answers only that the server runs.
    if (url.pathname === HEALTH_PATH) return false;
    const offered = url.searchParams.get('token');
    if (offered !== null && sameSecret(offered, token)) {
      url.searchParams.delete('token');
      // One leading slash: `//evil.example/` would send the browser to another site.
      const location = url.pathname.replace(/^\/+/, '/') + url.search;
      res.writeHead(303, { location, 'set-cookie': sessionCookie(token, sitePort() ?? 0, secureCookie), 'cache-control': 'no-store' });
      res.end();
      return true;
    }
    if (holdsToken(req.headers, token, sitePort() ?? 0)) return false;
    if (url.pathname.startsWith('/api/')) {
      res.writeHead(401, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ message: 'Open labbook with the address `npm start` printed (it ends in ?token=…) first.' }));
      return true;
    }
    if (!isPage(req, url.pathname)) return false;
    const body = tokenNeededPage({ wrongToken: offered !== null, path: url.pathname, crossSite: req.headers['sec-fetch-site'] === 'cross-site' });
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(body);
    return true;
  };
}

/** A page rather than one of its files: what a browser navigates to, or an address that names a page. */
function isPage(req: IncomingMessage, path: string): boolean {
  const destination = req.headers['sec-fetch-dest'];
  if (destination !== undefined) return destination === 'document' || destination === 'iframe';
  return path.endsWith('/') || path.endsWith('.html') || !/\.[a-z0-9]+$/i.test(path);
}

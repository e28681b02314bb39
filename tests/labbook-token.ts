// The token the tests' labbook servers run with (LABBOOK_TOKEN), and what a client that
// holds it sends: the header for Node's fetch, the session cookie for a browser context.
import { sessionCookieName, sessionValue, TOKEN_HEADER } from '../src/access/site-session.ts';

export const TEST_TOKEN = 'labbook-test-token-not-a-secret';

export const tokenHeaders = (token = TEST_TOKEN) => ({ [TOKEN_HEADER]: token });

/** A Playwright storage state holding the session cookie of the site at `siteUrl`, as if its printed address had been opened. */
export function signedInState(siteUrl: string, token = TEST_TOKEN) {
  const { hostname, port } = new URL(siteUrl);
  return {
    cookies: [
      {
        name: sessionCookieName(port),
        value: sessionValue(token),
        domain: hostname,
        path: '/',
        expires: -1,
        httpOnly: true,
        secure: false,
        sameSite: 'Strict' as const,
      },
    ],
    origins: [],
  };
}

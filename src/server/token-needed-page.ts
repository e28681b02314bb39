// The page a browser gets when it opens labbook without its token: how to open it, not an
// error. Static text only (the site's CSP allows no inline script); the one value in it,
// the path, is escaped.

export interface TokenNeededPageOptions {
  /** A ?token= was given, but not this labbook's. */
  wrongToken: boolean;
  /** The address asked for, offered as a link when the cookie may simply not have been sent. */
  path: string;
  /** Arrived from another website: a SameSite=Strict cookie is not sent then, though the student may hold it. */
  crossSite: boolean;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function tokenNeededPage({ wrongToken, path, crossSite }: TokenNeededPageOptions): string {
  const retry = crossSite ? `<p>Opened labbook before on this browser? <a href="${escapeHtml(path)}">Continue to labbook</a>.</p>` : '';
  const problem = wrongToken ? '<p><strong>That token is not this labbook’s.</strong> It changes only if its file is deleted.</p>' : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Open labbook with its address</title>
<style>body{font:1.05rem/1.6 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}code{background:#eee;padding:.1em .3em;border-radius:3px}</style>
</head><body><main>
<h1>Open labbook with the address it printed</h1>
${problem}${retry}
<p>labbook runs code and holds AWS credentials on this computer, so only its own address opens it. When you ran <code>npm start</code>, it printed a line like</p>
<p><code>labbook is running at http://127.0.0.1:4321/?token=…</code></p>
<p>Open that address once; this browser then stays signed in. Lost the line? The token is the text in the file <code>.labbook/token</code> in labbook’s folder: add <code>?token=</code> and that text to this page’s address.</p>
</main></body></html>
`;
}

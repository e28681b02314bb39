import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Starlight ships a few small inline scripts (theme and sidebar state, run before
 * paint to avoid a flash). Rather than allow every inline script, the server hashes
 * the ones in the built site and allows exactly those.
 */
export async function inlineScriptHashes(siteDir: string): Promise<string[]> {
  const hashes = new Set<string>();
  for (const file of await htmlFiles(siteDir)) {
    const html = await readFile(file, 'utf8');
    for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
      if (/type="application\/(ld\+)?json"/.test(match[0])) continue;
      hashes.add(`'sha256-${createHash('sha256').update(match[1]).digest('base64')}'`);
    }
  }
  return [...hashes].sort();
}

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.html')).map((e) => join(e.parentPath, e.name));
}

export function contentSecurityPolicy(scriptHashes: string[], connectSources: string[]): string {
  return [
    "default-src 'self'",
    // 'wasm-unsafe-eval' lets Pyodide compile WebAssembly; it does not allow eval().
    `script-src 'self' 'wasm-unsafe-eval' ${scriptHashes.join(' ')}`.trim(),
    // Monaco and Starlight set style attributes at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "worker-src 'self'",
    // ws:// to loopback names on any port: a WebSocket server the student runs (the WebSockets chapter's echo server).
    `connect-src 'self' ${connectSources.join(' ')} ws://localhost:* ws://127.0.0.1:*`.trim(),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  };
}

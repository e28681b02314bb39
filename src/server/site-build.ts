import { readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

// Folders whose changes never reach the built pages: rebuilding for them would only cost time.
const NOT_IN_SITE = new Set(['server', 'sandbox', 'cli']);
const STAMP = '.labbook-build';

/** Builds the site with Astro when it has never been built or a source is newer than the last build. */
export async function ensureSiteBuilt(root: string, log: (line: string) => void = console.log): Promise<string> {
  const outDir = join(root, 'dist');
  const builtAt = await mtime(join(outDir, STAMP));
  const sourcesAt = await newestSource(root);
  if (builtAt !== undefined && builtAt >= sourcesAt) return outDir;
  log(builtAt === undefined ? 'Building the site (first start)…' : 'Sources changed: rebuilding the site…');
  const { build } = await import('astro');
  await build({ root, logLevel: 'warn' });
  await writeFile(join(outDir, STAMP), new Date().toISOString());
  return outDir;
}

async function newestSource(root: string): Promise<number> {
  const roots = ['content', 'src', 'public', 'astro.config.mjs', 'package-lock.json'].map((p) => join(root, p));
  let newest = 0;
  for (const path of roots) newest = Math.max(newest, await newestUnder(path));
  return newest;
}

async function newestUnder(path: string): Promise<number> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(path, { withFileTypes: true })) {
    if (entry.isDirectory() && NOT_IN_SITE.has(entry.name) && path.endsWith('src')) continue;
    newest = Math.max(newest, await newestUnder(join(path, entry.name)));
  }
  return newest;
}

async function mtime(path: string): Promise<number | undefined> {
  return (await stat(path).catch(() => undefined))?.mtimeMs;
}

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdir, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

// Folders whose changes never reach the built pages: rebuilding for them would only cost time.
const NOT_IN_SITE = new Set(['server', 'sandbox', 'cli']);
const STAMP = '.labbook-build';
const LABBOOK = resolve(import.meta.dirname, '../../bin/labbook.js');
const PROGRESS_EVERY_MS = 15_000;

/**
 * Builds the site when it has never been built or a source is newer than the last build. The build runs in a
 * `labbook build` child: Astro loaded into the server would stay resident (over 1 GB) for the server's life.
 */
export async function ensureSiteBuilt(root: string, log: (line: string) => void = console.log): Promise<string> {
  const outDir = join(root, 'dist');
  const builtAt = await mtime(join(outDir, STAMP));
  const sourcesAt = await newestSource(root);
  if (builtAt !== undefined && builtAt >= sourcesAt) return outDir;
  // A quiet machine builds in about 20 s; a busy laptop takes longer, so the student hears how it goes.
  log(builtAt === undefined ? 'Building the workbook (first start, about half a minute)…' : 'Sources changed: rebuilding the workbook (about half a minute)…');
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 1000);
  const ticker = setInterval(() => log(`…still building (${seconds()} s)`), PROGRESS_EVERY_MS);
  const child = spawn(process.execPath, [LABBOOK, 'build', root], { cwd: root, stdio: 'inherit' });
  const [code, signal] = (await once(child, 'exit').finally(() => clearInterval(ticker))) as [number | null, NodeJS.Signals | null];
  if (code !== 0) throw new Error(`labbook build failed (${signal ? `signal ${signal}` : `exit code ${code}`})`);
  log(`Built in ${seconds()} s.`);
  return outDir;
}

/** `labbook build`: builds the site with Astro and stamps the build, so ensureSiteBuilt knows when it is stale. */
export async function buildSite(root: string): Promise<void> {
  const { build } = await import('astro');
  await build({ root, logLevel: 'warn' });
  await writeFile(join(root, 'dist', STAMP), new Date().toISOString());
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

// `npm start` must never load Astro into the server process: a build there kept 1.1–1.5 GB resident
// for the server's whole life (issue 13). ensureSiteBuilt hands the build to a `labbook build` child.
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { ensureSiteBuilt } from '../../src/server/site-build.ts';

const seen = vi.hoisted(() => ({ astroLoaded: false, spawned: [] as { command: string; args: string[]; cwd?: string }[] }));

// Loading Astro in this process runs this factory, so the flag records any import of it.
vi.mock('astro', () => {
  seen.astroLoaded = true;
  return { build: async () => {} };
});

// The real spawn, recorded.
vi.mock('node:child_process', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:child_process')>();
  const spawn = ((command: string, args: string[], options: { cwd?: string }) => {
    seen.spawned.push({ command, args, cwd: options?.cwd });
    return real.spawn(command, args, options);
  }) as typeof real.spawn;
  return { ...real, spawn };
});

const LABBOOK = resolve(import.meta.dirname, '../../bin/labbook.js');
let root: string;

beforeEach(async () => {
  seen.astroLoaded = false;
  seen.spawned.length = 0;
  // Not an Astro project: its config throws, so a real `labbook build` in it fails fast.
  root = await mkdtemp(join(tmpdir(), 'labbook-site-build-'));
  await writeFile(join(root, 'astro.config.mjs'), "throw new Error('not an Astro project');\n");
  await mkdir(join(root, 'dist'));
  await writeFile(join(root, 'dist', '.labbook-build'), 'then');
  const anHourAgo = new Date(Date.now() - 3_600_000);
  await utimes(join(root, 'dist', '.labbook-build'), anHourAgo, anHourAgo);
  await mkdir(join(root, 'src'));
  await writeFile(join(root, 'src', 'page.md'), '# newer than the build\n');
});

afterEach(() => rm(root, { recursive: true, force: true }));

test('a stale build runs in a `labbook build` child, whose failure names its exit code; Astro never loads here', async () => {
  const lines: string[] = [];
  await expect(ensureSiteBuilt(root, (line) => lines.push(line))).rejects.toThrow(/exit code 1\b/);
  expect(lines).toEqual(['Sources changed: rebuilding the workbook (about half a minute)…']);
  expect(seen.spawned).toEqual([{ command: process.execPath, args: [LABBOOK, 'build', root], cwd: root }]);
  expect(seen.astroLoaded).toBe(false);
});

test('an up-to-date build starts nothing', async () => {
  await utimes(join(root, 'dist', '.labbook-build'), new Date(), new Date(Date.now() + 60_000));
  await expect(ensureSiteBuilt(root, () => {})).resolves.toBe(join(root, 'dist'));
  expect(seen.spawned).toEqual([]);
  expect(seen.astroLoaded).toBe(false);
});

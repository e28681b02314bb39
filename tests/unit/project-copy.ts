// A copy of the project for running astro on chapters with mistakes: the given entries
// linked, the rest written by the test. It is made inside the project (in a folder git
// ignores): Astro's build mis-resolves a node_modules linked from outside its root, and
// from here node_modules is found by walking up.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';

export const ROOT = resolve(import.meta.dirname, '../..');

export async function projectCopy(linked: readonly string[]): Promise<string> {
  const copy = await mkdtemp(join(ROOT, '.test-project-'));
  for (const entry of linked) await symlink(join(ROOT, entry), join(copy, entry));
  return copy;
}

export const removeCopy = (copy: string) => rm(copy, { recursive: true, force: true });

/** What astro printed when the command failed (without colours: CI asks for colour), or undefined if it succeeded. */
export async function astroFailure(copy: string, args: readonly string[]): Promise<string | undefined> {
  const run = promisify(execFile)(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), ...args], {
    cwd: copy,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    maxBuffer: 16 * 1024 * 1024,
  });
  return run.then(
    () => undefined,
    (error: { stdout: string; stderr: string }) => stripVTControlCharacters(error.stdout + error.stderr),
  );
}

// The secret only the student has (Jupyter Server's model): a random token made at
// first start and kept in a file only its owner can read. `labbook start` prints the
// site's address with it once; the page trades it for a cookie (site-session.ts), and
// `labbook credentials` reads it from the file. LABBOOK_TOKEN sets it instead, for a
// class server or tests that start labbook themselves.
import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** `<project>/.labbook/token`, beside the sandbox's data. */
export function tokenFile(projectRoot: string): string {
  return join(projectRoot, '.labbook', 'token');
}

/** The token `given` (LABBOOK_TOKEN), else from its file, made (mode 0600) if there is none yet. */
export async function loadOrCreateToken(projectRoot: string, given: string | undefined): Promise<string> {
  if (given) return checkedToken(given, 'LABBOOK_TOKEN');
  const file = tokenFile(projectRoot);
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  // Written whole to a file of its own, then linked into place: a second labbook starting at the
  // same moment either wins the link or reads the winner's complete token, never a half-written one.
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(draft, `${randomBytes(24).toString('hex')}\n`, { mode: 0o600 });
  try {
    await link(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(draft);
  }
  // A file copied in or made by hand may be readable by others: the token is a password.
  if (process.platform !== 'win32' && ((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
  return checkedToken((await readFile(file, 'utf8')).trim(), file);
}

/** The token for a client (`labbook credentials`): `given` (LABBOOK_TOKEN), else the file a server made; undefined when there is neither. */
export async function readToken(projectRoot: string, given: string | undefined): Promise<string | undefined> {
  if (given) return given;
  try {
    return (await readFile(tokenFile(projectRoot), 'utf8')).trim() || undefined;
  } catch {
    return undefined;
  }
}

function checkedToken(token: string, source: string): string {
  // Long enough that guessing is hopeless; letters and digits so it survives a URL and a shell unquoted.
  if (!/^[A-Za-z0-9_-]{16,}$/.test(token)) throw new Error(`The token in ${source} must be at least 16 letters, digits, '-' or '_'.`);
  return token;
}

/**
 * What differs between the systems students bring (Windows, macOS, Linux) when
 * the sandbox finds programs and runs Lambda handlers as child processes. Each
 * function takes the platform, so every system's rules are tested on any one.
 */
import { readdirSync, readlinkSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/** The files of this machine, as far as finding programs needs them (tests give a fake). */
export interface HostFiles {
  isFile(file: string): boolean;
  /** A folder's entries; none when it cannot be read. */
  list(folder: string): string[];
  /** Where a link points (on Windows also an App Execution Alias, which libuv's readlink reads); undefined for a plain file. */
  readLink(file: string): string | undefined;
}

export interface HostSystem {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  home: string;
  files: HostFiles;
}

const realFiles: HostFiles = {
  isFile: (file) => statSync(file, { throwIfNoEntry: false })?.isFile() ?? false,
  list: (folder) => {
    try {
      return readdirSync(folder);
    } catch {
      return [];
    }
  },
  readLink: (file) => {
    try {
      return readlinkSync(file);
    } catch {
      return undefined;
    }
  },
};

/**
 * This machine, with any part replaced (tests pass another platform, environment or file system).
 * Its env is the operating system's (PATH, PATHEXT, PYENV_ROOT, LOCALAPPDATA, and the
 * LABBOOK_PYTHON* names the Python search honours beside them): where programs are, not
 * labbook's own settings, which src/config reads.
 */
export function hostSystem(changes: Partial<HostSystem> = {}): HostSystem {
  return { platform: process.platform, env: process.env, home: homedir(), files: realFiles, ...changes };
}

/** The path functions of a platform: Windows' own on Windows, POSIX's elsewhere. */
export const pathsOf = (platform: NodeJS.Platform) => (platform === 'win32' ? path.win32 : path.posix);

/**
 * An environment variable. Windows' names ignore case (its PATH is usually spelt `Path`);
 * process.env does too there, but a copy of it, a plain object, does not.
 */
export function variable(env: NodeJS.ProcessEnv, name: string, platform: NodeJS.Platform): string | undefined {
  if (platform !== 'win32') return env[name];
  const key = Object.keys(env).find((each) => each.toUpperCase() === name.toUpperCase());
  return key === undefined ? undefined : env[key];
}

/**
 * The file a command name runs, searched on PATH as the shell would, or undefined: on
 * Windows with each extension in PATHEXT (`aws` is `aws.exe`), since `which` is not there.
 */
export function findOnPath(command: string, host: HostSystem): string | undefined {
  const paths = pathsOf(host.platform);
  const extensions = extensionsFor(command, host);
  for (const folder of (variable(host.env, 'PATH', host.platform) ?? '').split(paths.delimiter)) {
    if (!folder) continue;
    for (const extension of extensions) {
      const candidate = paths.join(folder, command + extension);
      if (host.files.isFile(candidate)) return candidate;
    }
  }
  return undefined;
}

/** The endings a command may have on disk: on Windows, PATHEXT's, unless it has one of them already. */
function extensionsFor(command: string, { platform, env }: HostSystem): string[] {
  if (platform !== 'win32') return [''];
  const known = (variable(env, 'PATHEXT', platform) ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean);
  return known.some((extension) => command.toUpperCase().endsWith(extension.toUpperCase())) ? [''] : known;
}

/**
 * Variables a child process needs from the host: PATH, and on Windows SystemRoot, without
 * which Python cannot start ("failed to get random numbers to initialize Python", bpo-20614;
 * the subprocess docs say a Windows `env` must include a valid SystemRoot), the temporary
 * folders, and UTF-8 mode: a Python on Windows otherwise writes to a pipe in the ANSI code
 * page and fails on any other character (PEP 540), where Lambda's Python writes UTF-8.
 */
export function hostVariables(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Record<string, string> {
  const carried: Record<string, string> = { PATH: variable(env, 'PATH', platform) ?? (platform === 'win32' ? '' : '/usr/local/bin:/usr/bin:/bin') };
  if (platform !== 'win32') return carried;
  for (const name of ['SYSTEMROOT', 'TEMP', 'TMP']) {
    const value = variable(env, name, platform);
    if (value !== undefined) carried[name] = value;
  }
  return { ...carried, PYTHONUTF8: '1' };
}

/**
 * How to end a runtime and whatever its handler started, as Lambda ends an execution
 * environment. On POSIX the runtime leads a process group of its own (spawned `detached`)
 * and the group gets SIGKILL. Windows has no groups or signals (Node's kill() is
 * TerminateProcess, which leaves the children running), so `taskkill /T /F` ends the tree.
 */
export type TreeKill = { group: number } | { command: string; args: string[] };

export function treeKill(pid: number, platform: NodeJS.Platform): TreeKill {
  return platform === 'win32' ? { command: 'taskkill', args: ['/pid', String(pid), '/T', '/F'] } : { group: -pid };
}

/** A runtime leads its own process group on POSIX; on Windows `detached` would give it a console window of its own. */
export const runsInOwnGroup = (platform: NodeJS.Platform) => platform !== 'win32';

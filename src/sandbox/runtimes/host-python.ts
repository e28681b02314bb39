import { execFile } from 'node:child_process';
import { detectSystem, FIXES } from '../../cli/doctor/fixes.ts';
import { findOnPath, hostSystem, pathsOf, variable, type HostSystem } from './host-system.ts';

/** A Python on this machine that can run Lambda handlers (it has boto3). */
export interface HostPython {
  /** The interpreter itself (sys.executable), not a shim or launcher in front of it. */
  executable: string;
  /** e.g. "3.11.7" */
  version: string;
  boto3Version: string;
}

/** What a Python says about itself; boto3Version is undefined when it has no boto3. */
export type ProbedPython = Omit<HostPython, 'boto3Version'> & { boto3Version?: string };

/** A way to start a Python: a program, and on Windows perhaps the launcher's version argument (`py -3.13`). */
export interface PythonCommand {
  command: string;
  args: string[];
}

const plain = (command: string): PythonCommand => ({ command, args: [] });

/** A candidate as the student would type it. */
export function commandLine({ command, args }: PythonCommand): string {
  return [command.includes(' ') ? `"${command}"` : command, ...args].join(' ');
}

/**
 * Interpreters to try for a runtime such as python3.13, best first, in each system's own
 * names: the version's own setting (LABBOOK_PYTHON_3_13, read with PATH from the
 * machine's environment), then that minor version, then any Python 3 (LABBOOK_PYTHON,
 * labbook's setting, replaces the search: HostPythonFinder's `forced`):
 * - Linux: `python3.13` on PATH, pyenv's 3.13.x; `python3`, `/usr/bin/python3`.
 * - macOS: the same, and where Homebrew (Apple silicon, then Intel) and python.org's
 *   installer put it, for a PATH without them; `/usr/bin/python3` last, since without the
 *   Xcode command line tools it is a stub that offers to install them.
 * - Windows: the Python launcher `py -3.13` (python.org's installer brings it; "Python
 *   Launcher for Windows" in the Python docs), `python3.13` (a Microsoft Store Python),
 *   pyenv-win's 3.13.x; `py -3`, `python`, `python3`. A `python` or `python3` that is only
 *   the Store's installer stub is left out.
 */
export function pythonCandidates(runtime: string, host: HostSystem = hostSystem()): PythonCommand[] {
  const { env, platform } = host;
  const minor = declaredPythonVersion(runtime);
  const setting = minor && variable(env, versionSettingName(minor), platform);
  const chosen = setting ? [plain(setting)] : [];
  if (platform === 'win32') {
    const onPath = (name: string) => (windowsStoreStub(name, host) ? [] : [plain(name)]);
    const ofVersion = minor ? [{ command: 'py', args: [`-${minor}`] }, ...onPath(`python${minor}`), ...pyenvPythons(minor, host).map(plain)] : [];
    return [...chosen, ...ofVersion, { command: 'py', args: ['-3'] }, ...onPath('python'), ...onPath('python3')];
  }
  const elsewhere = platform === 'darwin' ? ['/opt/homebrew/bin', '/usr/local/bin'] : [];
  const ofVersion = minor
    ? [
        `python${minor}`,
        ...elsewhere.map((folder) => `${folder}/python${minor}`),
        ...(platform === 'darwin' ? [`/Library/Frameworks/Python.framework/Versions/${minor}/bin/python${minor}`] : []),
        ...pyenvPythons(minor, host),
      ]
    : [];
  return [...chosen, ...[...ofVersion, 'python3', ...elsewhere.map((folder) => `${folder}/python3`), '/usr/bin/python3'].map(plain)];
}

/** The Python version a runtime names, e.g. python3.13 → 3.13; undefined for python3 and others. */
export function declaredPythonVersion(runtime: string): string | undefined {
  return /^python(3\.\d+)$/.exec(runtime)?.[1];
}

/** The variable that names the interpreter for one Python version, e.g. LABBOOK_PYTHON_3_13. */
export function versionSettingName(minor: string): string {
  return `LABBOOK_PYTHON_${minor.replace('.', '_')}`;
}

/**
 * pyenv's installs of a minor version, newest patch first. Its shims only run the version
 * pyenv has selected, so the interpreters themselves: `versions/<v>/bin/python3.13` under
 * PYENV_ROOT (~/.pyenv), or pyenv-win's `versions\<v>\python.exe` under its PYENV_ROOT
 * (%USERPROFILE%\.pyenv\pyenv-win, as its installer sets it).
 */
function pyenvPythons(minor: string, { env, platform, home, files }: HostSystem): string[] {
  const paths = pathsOf(platform);
  const windows = platform === 'win32';
  const root = variable(env, 'PYENV_ROOT', platform) ?? paths.join(home, '.pyenv', ...(windows ? ['pyenv-win'] : []));
  // 3.13.0, 3.13.1, … but not 3.13-dev, 3.13.0t or pyenv-win's 3.13.0-win32.
  const patch = (version: string) => (version.startsWith(`${minor}.`) ? Number(version.slice(minor.length + 1)) : NaN);
  return files
    .list(paths.join(root, 'versions'))
    .filter((version) => Number.isInteger(patch(version)))
    .sort((a, b) => patch(b) - patch(a))
    .map((version) => paths.join(root, 'versions', version, ...(windows ? ['python.exe'] : ['bin', `python${minor}`])));
}

/**
 * The file a `python` command runs on Windows when it is only the Microsoft Store's
 * installer stub: an App Execution Alias in %LOCALAPPDATA%\Microsoft\WindowsApps (on PATH
 * by default) that points into App Installer (AppInstallerPythonRedirector.exe), not into
 * a Python package (PythonSoftwareFoundation.Python.3.x). Run without arguments it opens
 * the Store; with arguments it only says Python was not found. Microsoft: "Manage App
 * Execution Aliases" in Settings turns it off.
 */
export function windowsStoreStub(name: string, host: HostSystem): string | undefined {
  const paths = pathsOf(host.platform);
  const apps = variable(host.env, 'LOCALAPPDATA', host.platform);
  const file = findOnPath(name, host);
  if (host.platform !== 'win32' || !apps || !file) return undefined;
  if (paths.dirname(file).toLowerCase() !== paths.join(apps, 'Microsoft', 'WindowsApps').toLowerCase()) return undefined;
  return /DesktopAppInstaller|PythonRedirector/i.test(host.files.readLink(file) ?? '') ? file : undefined;
}

const PROBE = [
  'import sys',
  'print(sys.executable); print(sys.version.split()[0])',
  'try:\n import boto3; print(boto3.__version__)\nexcept ImportError:\n print("-")',
].join('\n');

/** A Python as it answers for itself, its boto3 version undefined when it has none; undefined when it does not run. */
export function probePython(candidate: PythonCommand, env: NodeJS.ProcessEnv = process.env): Promise<ProbedPython | undefined> {
  return new Promise((resolve) => {
    execFile(candidate.command, [...candidate.args, '-c', PROBE], { env, timeout: 15_000, windowsHide: true }, (error, stdout) => {
      resolve(error ? undefined : parseProbe(stdout));
    });
  });
}

/** The probe's three lines; a Python on Windows ends them with \r\n. */
export function parseProbe(stdout: string): ProbedPython | undefined {
  const [executable, version, boto3Version] = stdout.trim().split(/\r?\n/);
  if (!boto3Version) return undefined;
  return { executable, version, ...(boto3Version !== '-' && { boto3Version }) };
}

/** What a student can do when none of the Pythons tried has boto3: `labbook doctor`'s fix for the system. */
function noPythonMessage(runtime: string, tried: PythonCommand[], platform: NodeJS.Platform): string {
  return (
    `The sandbox found no Python with boto3 to run this ${runtime} function ` +
    `(tried ${tried.map(commandLine).join(', ')}). Install boto3 for your Python (${FIXES.noBoto3[detectSystem(platform)]}) and invoke again.`
  );
}

/**
 * Finds the host Python for each runtime. What was found for a runtime is
 * remembered; when nothing was, the search runs again next time, so
 * installing boto3 takes effect without restarting the sandbox. Calls made
 * while a search runs share it: a burst of cold starts probes once, not once
 * each (every probe imports boto3, about half a second of CPU).
 * `forced` (the pool's own setting) skips the search; it must still have boto3.
 */
export class HostPythonFinder {
  private readonly forced: string | undefined;
  private readonly host: HostSystem;
  private readonly found = new Map<string, HostPython>();
  private readonly searching = new Map<string, Promise<HostPython | undefined>>();

  constructor(forced?: string, host: HostSystem = hostSystem()) {
    this.forced = forced;
    this.host = host;
  }

  /** The interpreters find() tries for a runtime, in order. */
  candidates(runtime: string): PythonCommand[] {
    return this.forced ? [plain(this.forced)] : pythonCandidates(runtime, this.host);
  }

  /** Why none was found, for the invocation's error. */
  notFound(runtime: string): string {
    return noPythonMessage(runtime, this.candidates(runtime), this.host.platform);
  }

  async find(runtime: string): Promise<HostPython | undefined> {
    const known = this.found.get(runtime);
    if (known) return known;
    let search = this.searching.get(runtime);
    if (!search) {
      search = this.search(runtime).finally(() => this.searching.delete(runtime));
      this.searching.set(runtime, search);
    }
    return search;
  }

  private async search(runtime: string): Promise<HostPython | undefined> {
    for (const candidate of this.candidates(runtime)) {
      const python = await probePython(candidate, this.host.env);
      if (python?.boto3Version) {
        const withBoto3 = { ...python, boto3Version: python.boto3Version };
        this.found.set(runtime, withBoto3);
        return withBoto3;
      }
    }
    return undefined;
  }
}

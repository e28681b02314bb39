import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** A Python on this machine that can run Lambda handlers (it has boto3). */
export interface HostPython {
  /** The interpreter itself (sys.executable), not a shim in front of it. */
  executable: string;
  /** e.g. "3.11.7" */
  version: string;
  boto3Version: string;
}

const PROBE = 'import sys, boto3; print(sys.executable); print(sys.version.split()[0]); print(boto3.__version__)';

/**
 * Interpreters to try for a runtime such as python3.13, best first: one named
 * for that version (LABBOOK_PYTHON_3_13), the same minor version on PATH or
 * installed with pyenv, then the `python3` on PATH, then the system's.
 */
export function pythonCandidates(runtime: string, environment: NodeJS.ProcessEnv = process.env): string[] {
  const minor = declaredPythonVersion(runtime);
  if (!minor) return ['python3', '/usr/bin/python3'];
  const setting = environment[versionSettingName(minor)];
  return [...(setting ? [setting] : []), `python${minor}`, ...pyenvPythons(minor, environment), 'python3', '/usr/bin/python3'];
}

/** The Python version a runtime names, e.g. python3.13 → 3.13; undefined for python3 and others. */
export function declaredPythonVersion(runtime: string): string | undefined {
  return /^python(3\.\d+)$/.exec(runtime)?.[1];
}

/** The variable that names the interpreter for one Python version, e.g. LABBOOK_PYTHON_3_13. */
export function versionSettingName(minor: string): string {
  return `LABBOOK_PYTHON_${minor.replace('.', '_')}`;
}

/** pyenv's installs of a minor version, newest patch first. Its shims only run the version pyenv has selected, so the interpreters themselves. */
function pyenvPythons(minor: string, environment: NodeJS.ProcessEnv): string[] {
  const root = environment.PYENV_ROOT ?? join(homedir(), '.pyenv');
  let versions: string[];
  try {
    versions = readdirSync(join(root, 'versions'));
  } catch {
    return [];
  }
  // 3.13.0, 3.13.1, … but not 3.13-dev or 3.13.0t.
  const patch = (version: string) => (version.startsWith(`${minor}.`) ? Number(version.slice(minor.length + 1)) : NaN);
  return versions
    .filter((version) => Number.isInteger(patch(version)))
    .sort((a, b) => patch(b) - patch(a))
    .map((version) => join(root, 'versions', version, 'bin', `python${minor}`));
}

function probe(command: string): Promise<HostPython | undefined> {
  return new Promise((resolve) => {
    execFile(command, ['-c', PROBE], { timeout: 15_000 }, (error, stdout) => {
      const [executable, version, boto3Version] = stdout.trim().split('\n');
      resolve(error || !boto3Version ? undefined : { executable, version, boto3Version });
    });
  });
}

/** What a student can do when no Python on the machine has boto3. */
export function noPythonMessage(runtime: string): string {
  return (
    `The sandbox found no Python with boto3 to run this ${runtime} function ` +
    `(tried ${pythonCandidates(runtime).join(', ')}). Install boto3 for your Python ` +
    '(`pip install boto3`, or on Debian/Ubuntu `apt-get install python3-boto3`) and invoke again.'
  );
}

/**
 * Finds the host Python for each runtime. What was found for a runtime is
 * remembered; when nothing was, the search runs again next time, so
 * installing boto3 takes effect without restarting the sandbox.
 * `forced` (e.g. from LABBOOK_PYTHON) skips the search; it must still have boto3.
 */
export class HostPythonFinder {
  private readonly forced: string | undefined;
  private readonly found = new Map<string, HostPython>();

  constructor(forced?: string) {
    this.forced = forced;
  }

  async find(runtime: string): Promise<HostPython | undefined> {
    const known = this.found.get(runtime);
    if (known) return known;
    for (const candidate of this.forced ? [this.forced] : pythonCandidates(runtime)) {
      const python = await probe(candidate);
      if (python) {
        this.found.set(runtime, python);
        return python;
      }
    }
    return undefined;
  }
}

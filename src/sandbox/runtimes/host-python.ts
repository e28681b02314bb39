import { execFile } from 'node:child_process';

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
 * Interpreters to try for a runtime such as python3.13, best first: the same
 * minor version, then the `python3` on PATH, then the system's.
 */
export function pythonCandidates(runtime: string): string[] {
  const minor = /^python(3\.\d+)$/.exec(runtime)?.[1];
  return [...(minor ? [`python${minor}`] : []), 'python3', '/usr/bin/python3'];
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

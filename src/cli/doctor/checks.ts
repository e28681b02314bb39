// What `labbook doctor` checks: what labbook needs to run on this machine and what the lab's
// commands need, each with what it found and, for a problem, the fix for this system.
import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { commandLine, declaredPythonVersion, probePython, pythonCandidates, versionSettingName, windowsStoreStub } from '../../sandbox/runtimes/host-python.ts';
import { findOnPath, hostSystem } from '../../sandbox/runtimes/host-system.ts';
import { FIXES, withVariable, type System } from './fixes.ts';

export interface CheckResult {
  check: string;
  /** `note`: works, with something the student should know. */
  status: 'ok' | 'note' | 'problem';
  found: string;
  fix?: string;
}

export interface DoctorSettings {
  /** Where labbook looks for programs, and how (host-system.ts). */
  platform: NodeJS.Platform;
  /** How the fixes are worded: the package manager and the shell (fixes.ts). */
  system: System;
  env: NodeJS.ProcessEnv;
  /** The site's and the sandbox's ports (0, any free port, is not checked). */
  ports: Array<{ name: string; variable: string; port: number }>;
  /** The sandbox's data folder; undefined when it keeps its state in memory. */
  dataDir?: string;
  /** The runtime the lab's functions declare. */
  runtime: string;
}

/** The lab's functions ask for this runtime (src/steps/task-8-1/function.ts). */
export const LAB_RUNTIME = 'python3.13';
/** Node.js 22.18 runs labbook's TypeScript sources as they are. */
const NODE_NEEDED = [22, 18];
/** The AWS CLI reads AWS_ENDPOINT_URL from v2.13 ("Service-specific endpoints" in its guide). */
const CLI_READS_ENDPOINT_URL = [2, 13];

const atLeast = (version: number[], wanted: number[]) => version[0] > wanted[0] || (version[0] === wanted[0] && version[1] >= wanted[1]);

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ missing: boolean; output: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { env, timeout: 15_000, windowsHide: true }, (error, stdout, stderr) => {
      const missing = (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
      resolve({ missing, output: `${stdout}${stderr}`.trim() });
    });
  });
}

export function checkNode(version = process.versions.node): CheckResult {
  const parts = version.split('.').map(Number);
  if (atLeast(parts, NODE_NEEDED)) return { check: 'Node.js', status: 'ok', found: `Node.js ${version}` };
  return {
    check: 'Node.js',
    status: 'problem',
    found: `Node.js ${version}; labbook needs ${NODE_NEEDED.join('.')} or newer`,
    fix: 'run labbook through npm (npm start, npx labbook …), which uses the Node 24 that npm install brought',
  };
}

/** The Python the sandbox will run the lab's functions with, found as it finds it (host-python.ts). */
export async function checkPython({ runtime, env, platform, system }: DoctorSettings): Promise<CheckResult> {
  const check = `Python for ${runtime} functions`;
  const declared = declaredPythonVersion(runtime);
  const host = hostSystem({ platform, env });
  let withoutBoto3: string | undefined;
  const candidates = pythonCandidates(runtime, host);
  for (const candidate of candidates) {
    const python = await probePython(candidate, env);
    if (!python) continue;
    const { executable, version, boto3Version } = python;
    if (!boto3Version) {
      withoutBoto3 ??= `Python ${version} at ${executable}`;
      continue;
    }
    const found = `Python ${version} with boto3 ${boto3Version} at ${executable}`;
    if (!declared || version.startsWith(`${declared}.`)) return { check, status: 'ok', found };
    return {
      check,
      status: 'note',
      found: `${found} stands in: no Python ${declared} with boto3 here${withoutBoto3 ? ` (${withoutBoto3} has no boto3)` : ''}`,
      fix: `functions run, on ${version}; for ${declared} itself, install it with boto3, or name one: ${withVariable(system, versionSettingName(declared), '/path/to/python3', 'npm start')}`,
    };
  }
  if (withoutBoto3) return { check, status: 'problem', found: `${withoutBoto3}, without boto3: Python functions cannot run`, fix: FIXES.noBoto3[system] };
  const stub = windowsStoreStub('python', host) ?? windowsStoreStub('python3', host);
  const storeNote = stub ? `; ${stub} is only the Microsoft Store's installer alias, not a Python` : '';
  return {
    check,
    status: 'problem',
    found: `no Python (tried ${candidates.map(commandLine).join(', ')})${storeNote}: Python functions cannot run`,
    fix: FIXES.noPython[system],
  };
}

/** The AWS CLI the chapters' commands use, and whether it reads AWS_ENDPOINT_URL. */
export async function checkAwsCli({ env, platform, system }: DoctorSettings): Promise<CheckResult> {
  const check = 'AWS CLI';
  const answer = await run('aws', ['--version'], env);
  const version = /aws-cli\/(\d+)\.(\d+)\.(\d+)/.exec(answer.output);
  if (!version)
    return {
      check,
      status: 'problem',
      found: answer.missing ? 'no aws command' : `aws --version said: ${answer.output || 'nothing'}`,
      fix: FIXES.awsCli[system],
    };
  const parts = version.slice(1).map(Number);
  const found = `AWS CLI ${parts.join('.')} (${findOnPath('aws', hostSystem({ platform, env })) ?? 'aws'})`;
  if (parts[0] < 2) {
    return {
      check,
      status: 'problem',
      found: `${found}: version 1, which ignores AWS_ENDPOINT_URL; the lab is written for v2`,
      fix: `${FIXES.awsCli[system]}; if a v2 is installed, put it before this one on PATH`,
    };
  }
  if (!atLeast(parts, CLI_READS_ENDPOINT_URL)) {
    return {
      check,
      status: 'note',
      found: `${found}: ignores AWS_ENDPOINT_URL (read from 2.13)`,
      fix: 'add --endpoint-url to each aws command for the sandbox, as the chapters say',
    };
  }
  return { check, status: 'ok', found };
}

/** Each port labbook will listen on is free now. */
export async function checkPorts({ ports, system }: DoctorSettings): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const { name, variable, port } of ports) {
    if (port === 0) continue;
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    const check = `Port ${port} (${name})`;
    results.push(
      free
        ? { check, status: 'ok', found: 'free' }
        : {
            check,
            status: 'problem',
            found: 'in use by another program (another labbook?)',
            fix: `stop it, or choose another port: ${withVariable(system, variable, String(port + 1), 'npm start')}`,
          },
    );
  }
  return results;
}

/** The sandbox can keep its state in its data folder. */
export async function checkDataDir({ dataDir, system }: DoctorSettings): Promise<CheckResult | undefined> {
  if (dataDir === undefined) return undefined;
  const check = 'Sandbox data folder';
  const probe = join(dataDir, `.doctor-${process.pid}`);
  try {
    await mkdir(dataDir, { recursive: true });
    await writeFile(probe, '');
    await rm(probe);
    return { check, status: 'ok', found: `${dataDir} is writable` };
  } catch (error) {
    return {
      check,
      status: 'problem',
      found: `${dataDir} is not writable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      fix: `choose a folder you can write: ${withVariable(system, 'LABBOOK_SANDBOX_DATA', '/path/to/folder', 'npm start')}`,
    };
  }
}

/** The checks `npm start` runs before it serves: quick, and only what stops something working. */
export async function quickChecks(settings: DoctorSettings): Promise<CheckResult[]> {
  const [python, ports, data] = await Promise.all([checkPython(settings), checkPorts(settings), checkDataDir(settings)]);
  return [checkNode(), python, ...ports, ...(data ? [data] : [])];
}

/** Everything `labbook doctor` checks. */
export async function allChecks(settings: DoctorSettings): Promise<CheckResult[]> {
  const [quick, cli] = await Promise.all([quickChecks(settings), checkAwsCli(settings)]);
  return [...quick, cli];
}

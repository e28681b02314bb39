// What `labbook doctor` checks: what labbook needs to run on this machine and what the lab's
// commands need, each with what it found and, for a problem, the fix for this system.
import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { commandLine, declaredPythonVersion, HostPythonFinder, probePython, versionSettingName, windowsStoreStub } from '../../sandbox/runtimes/host-python.ts';
import { findOnPath, hostSystem, variable } from '../../sandbox/runtimes/host-system.ts';
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
  /** LABBOOK_PYTHON: the one Python every Python function runs with, instead of a search. */
  python?: string;
  /** The site's and the sandbox's ports (0, any free port, is not checked). */
  ports: Array<{ name: string; variable: string; port: number }>;
  /** The sandbox's data folder; undefined when it keeps its state in memory. */
  dataDir?: string;
  /** The runtime the lab's functions declare. */
  runtime: string;
  /** Servers whose clocks the student's requests must agree with (each answer's Date header). */
  clocks: Array<{ name: string; url: string }>;
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
export async function checkPython({ runtime, env, platform, system, python: forced }: DoctorSettings): Promise<CheckResult> {
  const check = `Python for ${runtime} functions`;
  const declared = declaredPythonVersion(runtime);
  const host = hostSystem({ platform, env });
  let withoutBoto3: string | undefined;
  const candidates = new HostPythonFinder(forced, host).candidates(runtime);
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

/**
 * AWS refuses a SigV4 request signed more than 5 minutes from its own time ("Signature expired",
 * as the sandbox does in protocol/sigv4.ts). The page's SDK corrects for skew; the AWS CLI and
 * boto3 do not (boto/boto3#1252), so a laptop clock that drifted fails the lab's commands.
 */
const SIGV4_SKEW_MS = 5 * 60_000;
const CLOCK_NOTE_MS = 60_000;

/** This machine's clock against each server's Date header: the sandbox (when running) and AWS. */
export async function checkClock({ clocks, system }: DoctorSettings): Promise<CheckResult[]> {
  return Promise.all(
    clocks.map(async ({ name, url }): Promise<CheckResult> => {
      const check = `Clock against ${name}`;
      const sent = Date.now();
      const answer = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(3_000) }).catch(() => undefined);
      const date = Date.parse(answer?.headers.get('date') ?? '');
      if (Number.isNaN(date)) return { check, status: 'note', found: `could not ask ${url} for its time; not compared` };
      // The Date header has whole seconds: compare with the middle of the round trip, and allow for the rounding.
      const skew = (sent + Date.now()) / 2 - date - 500;
      const seconds = `${Math.abs(Math.round(skew / 1000))} s ${skew > 0 ? 'ahead of' : 'behind'} ${name}`;
      if (Math.abs(skew) <= CLOCK_NOTE_MS) return { check, status: 'ok', found: `within a minute (${seconds})` };
      if (Math.abs(skew) <= SIGV4_SKEW_MS) return { check, status: 'note', found: `${seconds}; AWS refuses requests past 5 minutes`, fix: FIXES.clock[system] };
      return { check, status: 'problem', found: `${seconds}: AWS and the sandbox refuse requests signed more than 5 minutes off`, fix: FIXES.clock[system] };
    }),
  );
}

/**
 * The workbook runs in a current browser: module Web Workers (Python cells), WebAssembly,
 * BroadcastChannel and IndexedDB — Chrome and Edge 91+, Firefox 114+, Safari 15+ (module
 * workers came last, in Firefox 114). Which one the student opens cannot be known here; doctor
 * says which it finds.
 */
const BROWSERS: Record<string, Array<{ name: string; paths: string[] }>> = {
  linux: [
    { name: 'Chromium', paths: ['chromium', 'chromium-browser'] },
    { name: 'Google Chrome', paths: ['google-chrome', 'google-chrome-stable'] },
    { name: 'Firefox', paths: ['firefox'] },
    { name: 'Microsoft Edge', paths: ['microsoft-edge'] },
  ],
  darwin: [
    { name: 'Safari', paths: ['/Applications/Safari.app'] },
    { name: 'Google Chrome', paths: ['/Applications/Google Chrome.app'] },
    { name: 'Firefox', paths: ['/Applications/Firefox.app'] },
    { name: 'Microsoft Edge', paths: ['/Applications/Microsoft Edge.app'] },
  ],
  win32: [
    {
      name: 'Microsoft Edge',
      paths: ['%ProgramFiles(x86)%\\Microsoft\\Edge\\Application\\msedge.exe', '%ProgramFiles%\\Microsoft\\Edge\\Application\\msedge.exe'],
    },
    { name: 'Google Chrome', paths: ['%ProgramFiles%\\Google\\Chrome\\Application\\chrome.exe', '%LOCALAPPDATA%\\Google\\Chrome\\Application\\chrome.exe'] },
    { name: 'Firefox', paths: ['%ProgramFiles%\\Mozilla Firefox\\firefox.exe'] },
  ],
};

export function checkBrowser({ platform, env, system }: DoctorSettings, host = hostSystem({ platform, env })): CheckResult {
  const check = 'Browser';
  const expand = (path: string) => path.replace(/%([^%]+)%/g, (_, name: string) => variable(env, name, platform) ?? '');
  // A macOS .app is a folder; elsewhere a program file, by its path or found on PATH.
  const installed = (path: string) =>
    path.endsWith('.app') ? host.files.list(path).length > 0 : /[\\/]/.test(path) ? host.files.isFile(expand(path)) : findOnPath(path, host) !== undefined;
  const found = (BROWSERS[platform] ?? BROWSERS.linux).filter(({ paths }) => paths.some(installed));
  const needs = 'the workbook needs Chrome or Edge 91+, Firefox 114+ or Safari 15+';
  if (found.length > 0) return { check, status: 'ok', found: `${found.map((browser) => browser.name).join(', ')} (${needs})` };
  return { check, status: 'note', found: `none of the usual browsers found here; ${needs}`, fix: FIXES.browser[system] };
}

/** The checks `npm start` runs before it serves: quick, and only what stops something working. */
export async function quickChecks(settings: DoctorSettings): Promise<CheckResult[]> {
  const [python, ports, data] = await Promise.all([checkPython(settings), checkPorts(settings), checkDataDir(settings)]);
  return [checkNode(), python, ...ports, ...(data ? [data] : [])];
}

/** Everything `labbook doctor` checks. */
export async function allChecks(settings: DoctorSettings): Promise<CheckResult[]> {
  const [quick, cli, clocks] = await Promise.all([quickChecks(settings), checkAwsCli(settings), checkClock(settings)]);
  return [...quick, cli, checkBrowser(settings), ...clocks];
}

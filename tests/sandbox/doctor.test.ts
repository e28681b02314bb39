// `labbook doctor` against stand-ins for what a student's machine may lack: no Python, a
// Python without boto3, AWS CLI v1 and an old v2, a busy port, a data folder that cannot be
// written; and each problem's fix in the student's own system's words.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { checkAwsCli, checkBrowser, checkClock, checkDataDir, checkNode, checkPorts, checkPython, type DoctorSettings } from '../../src/cli/doctor/checks.ts';
import { createServer as createHttpServer } from 'node:http';
import { hostSystem } from '../../src/sandbox/runtimes/host-system.ts';
import { detectSystem } from '../../src/cli/doctor/fixes.ts';

const folder = await mkdtemp(join(tmpdir(), 'labbook-doctor-'));
afterAll(() => rm(folder, { recursive: true, force: true }));

/** An executable shell script standing in for a program. */
async function standIn(name: string, script: string): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, `#!/bin/sh\n${script}\n`);
  await chmod(path, 0o755);
  return path;
}

const settings = (changes: Partial<DoctorSettings> = {}): DoctorSettings => ({
  platform: 'linux',
  system: 'debian',
  env: { ...process.env, PYENV_ROOT: '/nowhere' },
  ports: [],
  runtime: 'python3.13',
  clocks: [],
  ...changes,
});

describe('Python for the lab’s functions', () => {
  test('none at all: a problem, with the install command for the system', async () => {
    const result = await checkPython(settings({ python: join(folder, 'no-such-python') }));
    expect(result).toMatchObject({ status: 'problem', fix: 'sudo apt-get install python3 python3-boto3' });
    expect(result.found).toContain('no Python');
    expect((await checkPython(settings({ system: 'windows', python: join(folder, 'no-such-python') }))).fix).toBe(
      'winget install Python.Python.3.13, then py -m pip install boto3',
    );
  });

  test('on Windows: the launcher and Windows’ own names are tried, and the fix is winget and py', async () => {
    const result = await checkPython(settings({ platform: 'win32', system: 'windows', env: { PATH: folder } }));
    expect(result).toMatchObject({ status: 'problem', fix: 'winget install Python.Python.3.13, then py -m pip install boto3' });
    expect(result.found).toBe('no Python (tried py -3.13, python3.13, py -3, python, python3): Python functions cannot run');
  });

  test('a Python without boto3: a problem that names it, and how to add boto3', async () => {
    // -S: without site-packages, so without boto3.
    const bare = await standIn('python-without-boto3', 'exec /usr/bin/python3 -S "$@"');
    const result = await checkPython(settings({ system: 'fedora', python: bare }));
    expect(result).toMatchObject({ status: 'problem', fix: 'sudo dnf install python3-boto3' });
    expect(result.found).toMatch(/^Python 3\.\d+\.\d+ at \S+, without boto3/);
  });

  test('another version with boto3 stands in for python3.13: a note that says how to get 3.13', async () => {
    const result = await checkPython(settings({ python: '/usr/bin/python3' }));
    expect(result.status).toBe('note');
    expect(result.found).toMatch(/^Python 3\.\d+\.\d+ with boto3 1\.\d+\.\d+ at \S+ stands in: no Python 3\.13 with boto3 here/);
    expect(result.fix).toContain('LABBOOK_PYTHON_3_13=/path/to/python3 npm start');
  });
});

describe('AWS CLI', () => {
  const withCli = async (version: string) => {
    const dir = await mkdtemp(join(folder, 'cli-'));
    await writeFile(join(dir, 'aws'), `#!/bin/sh\necho "aws-cli/${version} Python/3.11.7 Linux/6.1 botocore/1.43.11"\n`);
    await chmod(join(dir, 'aws'), 0o755);
    return checkAwsCli(settings({ env: { PATH: dir } }));
  };

  test('v1: a problem, since it ignores AWS_ENDPOINT_URL', async () => {
    const result = await withCli('1.45.11');
    expect(result).toMatchObject({ status: 'problem' });
    expect(result.found).toContain('version 1, which ignores AWS_ENDPOINT_URL');
    expect(result.fix).toContain('sudo apt-get install awscli');
  });

  test('v2 before 2.13 works with --endpoint-url: a note; 2.13 and later: ok', async () => {
    expect(await withCli('2.9.19')).toMatchObject({ status: 'note', fix: 'add --endpoint-url to each aws command for the sandbox, as the chapters say' });
    expect(await withCli('2.27.0')).toMatchObject({ status: 'ok' });
  });

  test('no aws command: a problem with the installer for the system', async () => {
    expect(await checkAwsCli(settings({ system: 'macos', env: { PATH: folder } }))).toMatchObject({
      status: 'problem',
      found: 'no aws command',
      fix: 'brew install awscli',
    });
  });
});

test('a busy port is a problem whose fix picks another, in the shell’s own syntax', async () => {
  const busy: Server = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  const port = (busy.address() as { port: number }).port;
  try {
    const ports = [{ name: 'the sandbox', variable: 'SANDBOX_PORT', port }];
    expect(await checkPorts(settings({ ports }))).toEqual([
      {
        check: `Port ${port} (the sandbox)`,
        status: 'problem',
        found: 'in use by another program (another labbook?)',
        fix: `stop it, or choose another port: SANDBOX_PORT=${port + 1} npm start`,
      },
    ]);
    expect((await checkPorts(settings({ system: 'windows', ports })))[0].fix).toContain(`$env:SANDBOX_PORT="${port + 1}"; npm start`);
  } finally {
    busy.close();
  }
  expect(await checkPorts(settings({ ports: [{ name: 'the site', variable: 'PORT', port }] }))).toMatchObject([{ status: 'ok', found: 'free' }]);
});

test('a data folder that cannot be written is a problem; a writable one is ok', async () => {
  // A folder inside a file: as root, permissions alone would not stop the write.
  const file = join(folder, 'a-file');
  await writeFile(file, '');
  const refused = await checkDataDir(settings({ dataDir: join(file, 'sandbox') }));
  expect(refused).toMatchObject({ status: 'problem', found: `${join(file, 'sandbox')} is not writable (ENOTDIR)` });
  expect(refused?.fix).toContain('LABBOOK_SANDBOX_DATA=/path/to/folder npm start');
  expect(await checkDataDir(settings({ dataDir: join(folder, 'data') }))).toMatchObject({ status: 'ok' });
  expect(await checkDataDir(settings({ dataDir: undefined }))).toBeUndefined();
});

test('Node.js older than 22.18 is a problem that points at npm’s own Node', () => {
  expect(checkNode('20.20.2')).toMatchObject({ status: 'problem' });
  expect(checkNode('24.21.0')).toMatchObject({ status: 'ok' });
});

test('the system, from the platform and /etc/os-release', () => {
  expect(detectSystem('linux', 'ID=ubuntu\nID_LIKE=debian')).toBe('debian');
  expect(detectSystem('linux', 'ID="fedora"')).toBe('fedora');
  expect(detectSystem('linux', 'ID=rocky\nID_LIKE="rhel centos fedora"')).toBe('fedora');
  expect(detectSystem('linux', 'ID=arch')).toBe('other');
  expect(detectSystem('darwin', '')).toBe('macos');
  expect(detectSystem('win32', '')).toBe('windows');
});

describe('the clock against the sandbox and AWS', () => {
  /** A stand-in whose Date header is `offsetMs` from this machine's time, as a server with another clock answers. */
  async function serverAt(offsetMs: number): Promise<{ url: string; close(): void }> {
    const server = createHttpServer((_, res) => {
      res.setHeader('date', new Date(Date.now() + offsetMs).toUTCString());
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, close: () => server.close() };
  }

  test('in step: ok; a minute or more off: a note; past AWS’s 5 minutes: a problem with the fix; no answer: a note', async () => {
    const servers = await Promise.all([0, 3 * 60_000, -20 * 60_000].map(serverAt));
    try {
      const [same, close, far, none] = await checkClock(
        settings({
          clocks: [
            { name: 'the sandbox', url: servers[0].url },
            { name: 'AWS', url: servers[1].url },
            { name: 'a drifted sandbox', url: servers[2].url },
            { name: 'nothing', url: 'http://127.0.0.1:9/' },
          ],
        }),
      );
      expect(same).toMatchObject({ check: 'Clock against the sandbox', status: 'ok' });
      expect(close).toMatchObject({
        status: 'note',
        fix: 'turn on time sync: sudo timedatectl set-ntp true (in WSL, after the laptop slept: sudo hwclock -s)',
      });
      expect(close.found).toMatch(/^1[78]\d s behind AWS; AWS refuses requests past 5 minutes$/);
      expect(far).toMatchObject({ status: 'problem' });
      expect(far.found).toMatch(/^1(19|20)\d s ahead of a drifted sandbox: AWS and the sandbox refuse requests signed more than 5 minutes off$/);
      expect(none).toMatchObject({ status: 'note', found: 'could not ask http://127.0.0.1:9/ for its time; not compared' });
    } finally {
      for (const server of servers) server.close();
    }
  });
});

describe('a browser', () => {
  const files = (present: string[]) => ({
    isFile: (file: string) => present.includes(file),
    list: (folder: string) => (present.includes(folder) ? ['Contents'] : []),
    readLink: () => undefined,
  });

  test('found the way each system installs one; none: a note with the system’s install command', () => {
    const linux = hostSystem({ platform: 'linux', env: { PATH: '/usr/bin' }, files: files(['/usr/bin/firefox']) });
    expect(checkBrowser(settings(), linux)).toMatchObject({ status: 'ok', found: expect.stringMatching(/^Firefox \(the workbook needs/) });
    const mac = hostSystem({ platform: 'darwin', env: { PATH: '/usr/bin' }, files: files(['/Applications/Safari.app']) });
    expect(checkBrowser(settings({ platform: 'darwin', system: 'macos' }), mac).found).toMatch(/^Safari /);
    const windowsEnv = { Path: 'C:\\Windows', 'ProgramFiles(x86)': 'C:\\Program Files (x86)' };
    const windows = hostSystem({ platform: 'win32', env: windowsEnv, files: files(['C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe']) });
    expect(checkBrowser(settings({ platform: 'win32', system: 'windows', env: windowsEnv }), windows).found).toMatch(/^Microsoft Edge /);
    const bare = hostSystem({ platform: 'linux', env: { PATH: '/usr/bin' }, files: files([]) });
    expect(checkBrowser(settings(), bare)).toMatchObject({ status: 'note', fix: 'sudo apt-get install chromium (or Firefox or Google Chrome)' });
  });
});

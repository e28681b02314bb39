// Which Pythons the sandbox (and `labbook doctor`) try, in each system's own names, against
// fake environments and file systems: Linux, macOS (Homebrew, python.org, pyenv) and Windows
// (the py launcher, the Microsoft Store's installer stub, pyenv-win).
import { describe, expect, test } from 'vitest';
import { commandLine, HostPythonFinder, parseProbe, pythonCandidates, windowsStoreStub } from '../../src/sandbox/runtimes/host-python.ts';
import type { HostSystem } from '../../src/sandbox/runtimes/host-system.ts';

interface FakeMachine {
  files?: string[];
  folders?: Record<string, string[]>;
  links?: Record<string, string>;
}

function machine(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string, { files = [], folders = {}, links = {} }: FakeMachine = {}): HostSystem {
  return {
    platform,
    env,
    home,
    files: { isFile: (file) => files.includes(file) || file in links, list: (folder) => folders[folder] ?? [], readLink: (file) => links[file] },
  };
}

const lines = (host: HostSystem, runtime = 'python3.13') => pythonCandidates(runtime, host).map(commandLine);

describe('Linux', () => {
  test('the version on PATH, pyenv’s installs of it (newest patch first), then python3 and the system’s', () => {
    const host = machine('linux', { PATH: '/usr/bin' }, '/home/ada', {
      folders: { '/home/ada/.pyenv/versions': ['3.12.1', '3.13.2', '3.13.10', '3.13-dev', '3.13.0t'] },
    });
    expect(lines(host)).toEqual([
      'python3.13',
      '/home/ada/.pyenv/versions/3.13.10/bin/python3.13',
      '/home/ada/.pyenv/versions/3.13.2/bin/python3.13',
      'python3',
      '/usr/bin/python3',
    ]);
  });
});

describe('macOS', () => {
  test('Homebrew (Apple silicon, Intel) and python.org’s folders for a PATH without them, pyenv, and the Xcode stub last', () => {
    const host = machine('darwin', { PATH: '/usr/bin:/bin', PYENV_ROOT: '/Users/ada/pyenv' }, '/Users/ada', {
      folders: { '/Users/ada/pyenv/versions': ['3.13.1'] },
    });
    expect(lines(host)).toEqual([
      'python3.13',
      '/opt/homebrew/bin/python3.13',
      '/usr/local/bin/python3.13',
      '/Library/Frameworks/Python.framework/Versions/3.13/bin/python3.13',
      '/Users/ada/pyenv/versions/3.13.1/bin/python3.13',
      'python3',
      '/opt/homebrew/bin/python3',
      '/usr/local/bin/python3',
      '/usr/bin/python3',
    ]);
  });
});

describe('Windows', () => {
  const apps = 'C:\\Users\\ada\\AppData\\Local\\Microsoft\\WindowsApps';
  const env = { Path: `C:\\Windows\\system32;${apps}`, LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local', PATHEXT: '.COM;.EXE' };
  const stub = 'C:\\Program Files\\WindowsApps\\Microsoft.DesktopAppInstaller_1.21.3482.0_x64__8wekyb3d8bbwe\\AppInstallerPythonRedirector.exe';
  const storePython = 'C:\\Program Files\\WindowsApps\\PythonSoftwareFoundation.Python.3.13_3.13.1264.0_x64__qbz5n2kfra8p0\\python.exe';

  test('the py launcher for the version, pyenv-win’s python.exe, then py -3; python and python3 left out when they are the Store’s stub', () => {
    const host = machine('win32', env, 'C:\\Users\\ada', {
      links: { [`${apps}\\python.EXE`]: stub, [`${apps}\\python3.EXE`]: stub },
      folders: { 'C:\\Users\\ada\\.pyenv\\pyenv-win\\versions': ['3.13.1', '3.13.0-win32', '3.12.9'] },
    });
    expect(lines(host)).toEqual(['py -3.13', 'python3.13', 'C:\\Users\\ada\\.pyenv\\pyenv-win\\versions\\3.13.1\\python.exe', 'py -3']);
    expect(pythonCandidates('python3.13', host)[0]).toEqual({ command: 'py', args: ['-3.13'] });
    expect(windowsStoreStub('python', host)).toBe(`${apps}\\python.EXE`);
  });

  test('a Python installed from the Store runs through its alias too, and is kept', () => {
    const host = machine('win32', env, 'C:\\Users\\ada', { links: { [`${apps}\\python.EXE`]: storePython } });
    expect(windowsStoreStub('python', host)).toBeUndefined();
    expect(lines(host)).toEqual(['py -3.13', 'python3.13', 'py -3', 'python', 'python3']);
  });

  test('a python.exe that PATH finds before the stub is the one that runs', () => {
    const host = machine('win32', { ...env, Path: `C:\\Python313;${apps}` }, 'C:\\Users\\ada', {
      files: ['C:\\Python313\\python.EXE'],
      links: { [`${apps}\\python.EXE`]: stub },
    });
    expect(windowsStoreStub('python', host)).toBeUndefined();
    expect(lines(host)).toContain('python');
  });

  test("pyenv-win's own PYENV_ROOT, and a path with spaces shown quoted", () => {
    const root = 'D:\\Tools\\pyenv win';
    const host = machine('win32', { PYENV_ROOT: root }, 'C:\\Users\\ada', { folders: { [`${root}\\versions`]: ['3.13.2'] } });
    expect(lines(host)).toContain(`"${root}\\versions\\3.13.2\\python.exe"`);
  });
});

describe('on every system', () => {
  const systems: NodeJS.Platform[] = ['linux', 'darwin', 'win32'];

  test.each(systems)('%s: LABBOOK_PYTHON alone; LABBOOK_PYTHON_3_13 before the search', (platform) => {
    const forced = new HostPythonFinder('/opt/py/bin/python', machine(platform, {}, '/home/ada')).candidates('python3.13');
    expect(forced.map(commandLine)).toEqual(['/opt/py/bin/python']);
    const named = lines(machine(platform, { LABBOOK_PYTHON_3_13: '/opt/py313/bin/python' }, '/home/ada'));
    expect(named[0]).toBe('/opt/py313/bin/python');
    expect(named.length).toBeGreaterThan(2);
  });

  test('a runtime that names no minor version tries any Python 3', () => {
    expect(lines(machine('linux', {}, '/home/ada'), 'python3')).toEqual(['python3', '/usr/bin/python3']);
    expect(lines(machine('win32', {}, 'C:\\Users\\ada'), 'python3')).toEqual(['py -3', 'python', 'python3']);
  });

  test("the probe's answer, with a Windows Python's \\r\\n line ends", () => {
    expect(parseProbe('C:\\Python313\\python.exe\r\n3.13.1\r\n1.35.0\r\n')).toEqual({
      executable: 'C:\\Python313\\python.exe',
      version: '3.13.1',
      boto3Version: '1.35.0',
    });
    expect(parseProbe('/usr/bin/python3\n3.11.2\n-\n')).toEqual({ executable: '/usr/bin/python3', version: '3.11.2' });
    expect(parseProbe('Python was not found; run without arguments to install from the Microsoft Store')).toBeUndefined();
  });

  test('when nothing has boto3, the message lists what was tried and the install command for the system', () => {
    const windows = new HostPythonFinder(undefined, machine('win32', {}, 'C:\\Users\\ada')).notFound('python3.13');
    expect(windows).toContain('(tried py -3.13, python3.13, py -3, python, python3)');
    expect(windows).toContain('(py -m pip install boto3)');
    // Homebrew's Python takes pip installs only in a virtual environment.
    expect(new HostPythonFinder(undefined, machine('darwin', {}, '/Users/ada')).notFound('python3.13')).toContain(
      '(python3 -m venv ~/.labbook-python && ~/.labbook-python/bin/pip install boto3, then LABBOOK_PYTHON=~/.labbook-python/bin/python npm start)',
    );
    expect(new HostPythonFinder('/nonexistent/python3', machine('linux', {}, '/home/ada')).notFound('python3.13')).toContain('(tried /nonexistent/python3)');
  });
});

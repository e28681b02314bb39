// Each system's rules for finding programs and running Lambda handlers as child processes,
// checked for Windows, macOS and Linux on whichever one runs the tests.
import { describe, expect, test } from 'vitest';
import { exitDescription } from '../../src/sandbox/runtimes/execution-environment.ts';
import { findOnPath, hostVariables, runsInOwnGroup, treeKill, variable, type HostFiles, type HostSystem } from '../../src/sandbox/runtimes/host-system.ts';

// Windows' file names ignore case: PATHEXT says .EXE, the file is aws.exe.
const filesOf = (platform: NodeJS.Platform, present: string[]): HostFiles => {
  const name = (file: string) => (platform === 'win32' ? file.toLowerCase() : file);
  return { isFile: (file) => present.map(name).includes(name(file)), list: () => [], readLink: () => undefined };
};
const host = (platform: NodeJS.Platform, env: NodeJS.ProcessEnv, present: string[] = []): HostSystem => ({
  platform,
  env,
  home: '/home/ada',
  files: filesOf(platform, present),
});

describe('variables', () => {
  test("Windows' names ignore case (its PATH is spelt Path); POSIX's do not", () => {
    expect(variable({ Path: 'C:\\Windows' }, 'PATH', 'win32')).toBe('C:\\Windows');
    expect(variable({ Path: '/usr/bin' }, 'PATH', 'linux')).toBeUndefined();
    expect(variable({ PATH: '/usr/bin' }, 'PATH', 'darwin')).toBe('/usr/bin');
  });

  test('a runtime gets PATH on every system, and on Windows SystemRoot, the temporary folders and UTF-8 mode', () => {
    const windows = {
      Path: 'C:\\Windows\\system32;C:\\Python313',
      SystemRoot: 'C:\\Windows',
      TEMP: 'C:\\Users\\ada\\AppData\\Local\\Temp',
      TMP: 'C:\\Temp',
      USERNAME: 'ada',
    };
    expect(hostVariables(windows, 'win32')).toEqual({
      PATH: 'C:\\Windows\\system32;C:\\Python313',
      SYSTEMROOT: 'C:\\Windows',
      TEMP: 'C:\\Users\\ada\\AppData\\Local\\Temp',
      TMP: 'C:\\Temp',
      PYTHONUTF8: '1',
    });
    expect(hostVariables({ PATH: '/opt/homebrew/bin:/usr/bin', HOME: '/Users/ada' }, 'darwin')).toEqual({ PATH: '/opt/homebrew/bin:/usr/bin' });
    expect(hostVariables({}, 'linux')).toEqual({ PATH: '/usr/local/bin:/usr/bin:/bin' });
  });
});

describe('finding a command on PATH, without `which`', () => {
  test("Windows: PATH's folders with each PATHEXT extension, in order", () => {
    const env = { Path: 'C:\\Windows\\system32;;C:\\Program Files\\Amazon\\AWSCLIV2', PATHEXT: '.COM;.EXE;.BAT;.CMD' };
    const aws = 'C:\\Program Files\\Amazon\\AWSCLIV2\\aws.exe';
    // The path as PATHEXT spells it, which names the same file.
    expect(findOnPath('aws', host('win32', env, [aws]))).toBe('C:\\Program Files\\Amazon\\AWSCLIV2\\aws.EXE');
    // A name with its extension is taken as it is.
    expect(findOnPath('aws.exe', host('win32', env, [aws]))).toBe(aws);
    // The bare name is not a program on Windows.
    expect(findOnPath('aws', host('win32', env, ['C:\\Program Files\\Amazon\\AWSCLIV2\\aws']))).toBeUndefined();
    // Without PATHEXT, Windows' default list.
    expect(findOnPath('aws', host('win32', { PATH: 'C:\\Program Files\\Amazon\\AWSCLIV2' }, [aws]))).toBe('C:\\Program Files\\Amazon\\AWSCLIV2\\aws.EXE');
  });

  test("macOS and Linux: PATH's folders, the name as it is", () => {
    const env = { PATH: '/opt/homebrew/bin:/usr/local/bin:/usr/bin' };
    expect(findOnPath('aws', host('darwin', env, ['/usr/local/bin/aws', '/usr/bin/aws']))).toBe('/usr/local/bin/aws');
    expect(findOnPath('aws', host('linux', env, ['/usr/bin/aws.exe']))).toBeUndefined();
  });
});

describe('ending a runtime and what its handler started', () => {
  test('POSIX: the process group the runtime leads gets the signal; Windows: taskkill ends the tree', () => {
    expect(runsInOwnGroup('linux')).toBe(true);
    expect(runsInOwnGroup('darwin')).toBe(true);
    expect(runsInOwnGroup('win32')).toBe(false);
    expect(treeKill(4242, 'linux')).toEqual({ group: -4242 });
    expect(treeKill(4242, 'darwin')).toEqual({ group: -4242 });
    expect(treeKill(4242, 'win32')).toEqual({ command: 'taskkill', args: ['/pid', '4242', '/T', '/F'] });
  });

  test('how it ended, in words a student can use on each system', () => {
    expect(exitDescription(null, 'SIGKILL', 'linux')).toBe('Runtime exited with error: signal: killed');
    expect(exitDescription(null, 'SIGSEGV', 'darwin')).toBe('Runtime exited with error: signal: segmentation fault');
    expect(exitDescription(1, null, 'linux')).toBe('Runtime exited with error: exit status 1');
    expect(exitDescription(0, null, 'win32')).toBe('Runtime exited without providing a reason');
    expect(exitDescription(1, null, 'win32')).toBe('Runtime exited with error: exit status 1');
    // A crash on Windows is an NTSTATUS exit code, not a signal.
    expect(exitDescription(0xc0000005, null, 'win32')).toBe('Runtime exited with error: exit status 0xC0000005 (access violation)');
    expect(exitDescription(0xc00000fd, null, 'win32')).toBe('Runtime exited with error: exit status 0xC00000FD (stack overflow)');
    expect(exitDescription(0xc0000135, null, 'win32')).toBe('Runtime exited with error: exit status 0xC0000135');
    expect(exitDescription(-1073741819, null, 'win32')).toBe('Runtime exited with error: exit status 0xC0000005 (access violation)');
  });
});

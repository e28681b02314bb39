// How to fix what `labbook doctor` finds, in the words of the student's own system.
import { readFileSync } from 'node:fs';

export type System = 'debian' | 'fedora' | 'macos' | 'windows' | 'other';

/** The student's system, as far as its fixes differ: the package manager, and the shell's way with variables. */
export function detectSystem(platform: NodeJS.Platform = process.platform, osRelease = readOsRelease()): System {
  if (platform === 'darwin') return 'macos';
  if (platform === 'win32') return 'windows';
  const ids = /^ID(?:_LIKE)?=(.*)$/gm;
  const named = [...osRelease.matchAll(ids)].flatMap((match) => match[1].replaceAll('"', '').split(/\s+/));
  if (named.some((id) => id === 'debian' || id === 'ubuntu')) return 'debian';
  if (named.some((id) => id === 'fedora' || id === 'rhel')) return 'fedora';
  return 'other';
}

function readOsRelease(): string {
  try {
    return readFileSync('/etc/os-release', 'utf8');
  } catch {
    return '';
  }
}

type Fix = Record<System, string>;

const PIP_BOTO3 = 'python3 -m pip install --user boto3';
/** Homebrew's Python refuses pip outside a virtual environment (PEP 668), so boto3 goes in one of the student's own. */
const VENV_BOTO3 = `python3 -m venv ~/.labbook-python && ~/.labbook-python/bin/pip install boto3, then ${withVariable('macos', 'LABBOOK_PYTHON', '~/.labbook-python/bin/python', 'npm start')}`;

export const FIXES = {
  noPython: {
    debian: 'sudo apt-get install python3 python3-boto3',
    fedora: 'sudo dnf install python3 python3-boto3',
    macos: `brew install python@3.13, then ${VENV_BOTO3}`,
    windows: 'winget install Python.Python.3.13, then py -m pip install boto3',
    other: `install Python 3 from python.org, then ${PIP_BOTO3}`,
  },
  noBoto3: {
    debian: 'sudo apt-get install python3-boto3',
    fedora: 'sudo dnf install python3-boto3',
    macos: VENV_BOTO3,
    windows: 'py -m pip install boto3',
    other: PIP_BOTO3,
  },
  awsCli: {
    debian: 'sudo apt-get install awscli (or AWS’s own installer for the newest v2)',
    fedora: 'sudo dnf install awscli2',
    macos: 'brew install awscli',
    windows: 'winget install Amazon.AWSCLI',
    other: 'install AWS CLI v2: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html',
  },
  clock: {
    debian: 'turn on time sync: sudo timedatectl set-ntp true (in WSL, after the laptop slept: sudo hwclock -s)',
    fedora: 'turn on time sync: sudo timedatectl set-ntp true',
    macos: 'System Settings → General → Date & Time → Set time and date automatically',
    windows: 'Settings → Time & language → Date & time → Sync now (or, as administrator, w32tm /resync)',
    other: 'turn on your system’s network time sync (NTP)',
  },
  browser: {
    debian: 'sudo apt-get install chromium (or Firefox or Google Chrome)',
    fedora: 'sudo dnf install chromium (or Firefox)',
    macos: 'Safari is enough; or brew install --cask google-chrome',
    windows: 'Microsoft Edge is enough; or winget install Google.Chrome',
    other: 'install a current Chrome, Edge, Firefox or Safari',
  },
} satisfies Record<string, Fix>;

/** Running labbook with one variable set, as the student's shell writes it. */
export function withVariable(system: System, name: string, value: string, command: string): string {
  return system === 'windows' ? `$env:${name}="${value}"; ${command}` : `${name}=${value} ${command}`;
}

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

export const FIXES = {
  noPython: {
    debian: 'sudo apt-get install python3 python3-boto3',
    fedora: 'sudo dnf install python3 python3-boto3',
    macos: `brew install python, then ${PIP_BOTO3}`,
    windows: 'winget install Python.Python.3.13, then py -3 -m pip install boto3',
    other: `install Python 3 from python.org, then ${PIP_BOTO3}`,
  },
  noBoto3: {
    debian: 'sudo apt-get install python3-boto3',
    fedora: 'sudo dnf install python3-boto3',
    macos: PIP_BOTO3,
    windows: 'py -3 -m pip install boto3',
    other: PIP_BOTO3,
  },
  awsCli: {
    debian: 'sudo apt-get install awscli (or AWS’s own installer for the newest v2)',
    fedora: 'sudo dnf install awscli2',
    macos: 'brew install awscli',
    windows: 'winget install Amazon.AWSCLI',
    other: 'install AWS CLI v2: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html',
  },
} satisfies Record<string, Fix>;

/** Running labbook with one variable set, as the student's shell writes it. */
export function withVariable(system: System, name: string, value: string, command: string): string {
  return system === 'windows' ? `$env:${name}="${value}"; ${command}` : `${name}=${value} ${command}`;
}

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { shellOption } from '../../src/cli/credentials-command.ts';
import { exportLines } from '../../src/sandbox/credentials/format.ts';

const shown = {
  accessKeyId: 'ASIA4EXAMPLE7KEYID12',
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPx'RfiCYEXAMPLEKEY",
  sessionToken: 'IQoJb3JpZ2luX2VjEJr//////////wEa+/=',
  region: 'us-east-1',
  endpoint: 'http://127.0.0.1:4510',
  expiration: '2026-12-04T12:00:00Z',
};

describe('credentials as lines that set them in a shell', () => {
  test('bash: eval sets each variable to its value', async () => {
    const script = `eval "$1"; printf '%s\\n' "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN" "$AWS_DEFAULT_REGION" "$AWS_ENDPOINT_URL"`;
    const { stdout } = await promisify(execFile)('bash', ['-c', script, 'bash', exportLines(shown)]);
    expect(stdout.split('\n').slice(0, 5)).toEqual([shown.accessKeyId, shown.secretAccessKey, shown.sessionToken, shown.region, shown.endpoint]);
  });

  test('PowerShell: $env: lines with verbatim strings, a quote doubled (about_Quoting_Rules)', () => {
    expect(exportLines(shown, 'powershell').split('\n')).toEqual([
      `$env:AWS_ACCESS_KEY_ID = '${shown.accessKeyId}'`,
      `$env:AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG+bPx''RfiCYEXAMPLEKEY'`,
      `$env:AWS_SESSION_TOKEN = '${shown.sessionToken}'`,
      `$env:AWS_DEFAULT_REGION = 'us-east-1'`,
      `$env:AWS_ENDPOINT_URL = 'http://127.0.0.1:4510'`,
      '# expires: 2026-12-04T12:00:00Z',
      '# AWS CLI before 2.13 and boto3 before 1.28 ignore AWS_ENDPOINT_URL: pass --endpoint-url http://127.0.0.1:4510',
      '',
    ]);
  });

  test('cmd: set "NAME=value" lines, rem for comments', () => {
    const lines = exportLines(shown, 'cmd').split('\n');
    expect(lines[0]).toBe(`set "AWS_ACCESS_KEY_ID=${shown.accessKeyId}"`);
    expect(lines[5]).toBe('rem expires: 2026-12-04T12:00:00Z');
  });

  test('--shell names the shell; --env alone is bash; nothing is the credentials file', () => {
    expect(shellOption('powershell', false)).toBe('powershell');
    expect(shellOption(undefined, true)).toBe('bash');
    expect(shellOption(undefined, false)).toBeUndefined();
    expect(() => shellOption('fish', true)).toThrow(/--shell takes bash, powershell, cmd, not fish/);
  });
});

// `labbook sandbox` and `labbook credentials` as a student runs them.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { freePort } from './harness.ts';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const LABBOOK = resolve(ROOT, 'bin/labbook.js');

let sandbox: ChildProcess;
let port: number;
let banner = '';

beforeAll(async () => {
  port = await freePort();
  sandbox = spawn(process.execPath, [LABBOOK, 'sandbox', '--in-memory', '--port', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  sandbox.stdout!.setEncoding('utf8');
  // Started once it prints how to get credentials.
  await new Promise<void>((resolveStarted, reject) => {
    sandbox.stdout!.on('data', (chunk: string) => {
      banner += chunk;
      if (banner.includes('--env')) resolveStarted();
    });
    sandbox.once('exit', (code) => reject(new Error(`labbook sandbox exited with ${code}`)));
  });
});

afterAll(async () => {
  if (sandbox.exitCode === null) {
    sandbox.kill('SIGTERM');
    await once(sandbox, 'exit');
  }
});

test('`labbook sandbox` prints its endpoint and how to get credentials', () => {
  expect(banner).toContain(`labbook sandbox is running at http://127.0.0.1:${port}`);
  expect(banner).toContain(`npx labbook credentials --port ${port}`);
});

/** Parses an ~/.aws/credentials file the way the CLI does: key=value lines under a [profile]. */
function parseCredentialsFile(text: string): Record<string, Record<string, string>> {
  const profiles: Record<string, Record<string, string>> = {};
  let current: Record<string, string> | undefined;
  for (const line of text.split('\n')) {
    const section = /^\[(.+)\]$/.exec(line.trim());
    if (section) profiles[section[1]] = current = {};
    else if (current && /^[a-z_]+\s*=/.test(line)) {
      const [key, ...value] = line.split('=');
      current[key.trim()] = value.join('=').trim();
    }
  }
  return profiles;
}

test('`labbook credentials` prints a [default] block that the AWS CLI reads as its credentials file', async () => {
  const { stdout } = await run(process.execPath, [LABBOOK, 'credentials', '--port', String(port)]);
  const profile = parseCredentialsFile(stdout).default;
  expect(Object.keys(profile)).toEqual(['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token']);
  expect(profile.aws_access_key_id).toMatch(/^ASIA[A-Z0-9]{16}$/);

  const dir = await mkdtemp(join(tmpdir(), 'labbook-cli-'));
  try {
    await writeFile(join(dir, 'credentials'), stdout);
    const { stdout: identity } = await run('/usr/bin/aws', ['sts', 'get-caller-identity', '--endpoint-url', `http://127.0.0.1:${port}`, '--output', 'json'], {
      env: {
        PATH: process.env.PATH,
        HOME: dir,
        AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
        AWS_CONFIG_FILE: '/dev/null',
        AWS_DEFAULT_REGION: 'us-east-1',
      },
    });
    expect(JSON.parse(identity).UserId).toMatch(/^AROA[A-Z0-9]{17}:user\d{7}=student$/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('`labbook credentials --env` prints export lines a shell can eval, and the AWS CLI works with them', async () => {
  const { stdout } = await run(process.execPath, [LABBOOK, 'credentials', '--port', String(port), '--env']);
  expect(stdout).toContain(`export AWS_ENDPOINT_URL='http://127.0.0.1:${port}'`);
  expect(stdout).toContain("export AWS_DEFAULT_REGION='us-east-1'");
  const script = `${stdout}\n/usr/bin/aws sts get-caller-identity --endpoint-url "$AWS_ENDPOINT_URL" --output json`;
  const { stdout: identity } = await run('/bin/sh', ['-c', script], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' },
  });
  expect(JSON.parse(identity).Arn).toMatch(/:assumed-role\/voclabs\/user\d{7}=student$/);
});

test('`npx labbook` resolves to this package from the repository root', async () => {
  const { stdout } = await run('npx', ['labbook', 'credentials', '--port', String(port)], { cwd: ROOT });
  expect(stdout).toMatch(/^\[default\]\naws_access_key_id=ASIA/);
});

test('`labbook credentials` finds the sandbox on SANDBOX_PORT, as `labbook sandbox` and `npm start` read it', async () => {
  const { stdout } = await run(process.execPath, [LABBOOK, 'credentials', '--env'], { env: { ...process.env, SANDBOX_PORT: String(port) } });
  expect(stdout).toContain(`export AWS_ENDPOINT_URL='http://127.0.0.1:${port}'`);
});

test('`labbook credentials` without labbook’s token gets nothing from the sandbox', async () => {
  const failure = await run(process.execPath, [LABBOOK, 'credentials', '--port', String(port)], {
    env: { ...process.env, LABBOOK_TOKEN: 'not-the-token-of-this-labbook' },
  }).catch((e) => e);
  expect(failure.code).toBe(1);
  expect(failure.stderr).toContain('refused');
  expect(failure.stdout).not.toContain('ASIA');
});

test('`labbook credentials` with no sandbox on the port says so and fails', async () => {
  const unused = await freePort();
  const failure = await run(process.execPath, [LABBOOK, 'credentials', '--port', String(unused)]).catch((e) => e);
  expect(failure.code).toBe(1);
  expect(failure.stderr).toContain(`No sandbox answers at http://127.0.0.1:${unused}`);
});

test('a setting it cannot use stops `labbook sandbox` at once, naming the variable and what it expects', async () => {
  const failure = await run(process.execPath, [LABBOOK, 'sandbox', '--in-memory'], { env: { ...process.env, LABBOOK_SANDBOX_PORT: 'abc' } }).catch((e) => e);
  expect(failure.code).toBe(2);
  expect(failure.stderr).toBe('labbook sandbox: LABBOOK_SANDBOX_PORT must be a port number from 0 to 65535, not "abc".\n');
});

test('`labbook sandbox --timings` takes instant or aws, and says so for anything else', async () => {
  const failure = await run(process.execPath, [LABBOOK, 'sandbox', '--in-memory', '--timings', 'slow']).catch((e) => e);
  expect(failure.code).toBe(2);
  expect(failure.stderr).toContain('--timings must be instant or aws, not "slow"');
});

test('`labbook --help` lists the environment variables, with their older names and defaults', async () => {
  const { stderr } = await run(process.execPath, [LABBOOK, '--help']);
  expect(stderr).toMatch(/\n {2}LABBOOK_SANDBOX_PORT \(or SANDBOX_PORT\) +the sandbox’s port; 0 picks a free one; default 4510\n/);
});

test('`labbook sandbox` stops cleanly on SIGTERM', async () => {
  sandbox.kill('SIGTERM');
  const [code] = await once(sandbox, 'exit');
  expect(code).toBe(0);
});

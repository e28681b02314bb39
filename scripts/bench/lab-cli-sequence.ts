// Task 8.1 as the lab text provisions it: AWS CLI v2 commands, one after another, against
// a sandbox given by --endpoint-url. Three parts (the table, the function, the HTTP API),
// so the benchmark can run the parts that labbook's steps also make.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { SandboxAccess } from './sandbox-access.ts';

const execFileAsync = promisify(execFile);
const AWS = process.env.AWS_CLI ?? '/usr/bin/aws';
const CRUD_DIR = resolve(import.meta.dirname, '../../lambda/crud');
const TABLE = 'ccbda-lambda-first';
const FUNCTION = 'LambdaCRUD';
const ROUTE_KEYS = ['GET /', 'POST /', 'OPTIONS /', 'PUT /', 'DELETE /'];

export type CliPart = 'table' | 'function' | 'api';

export interface CliRun {
  /** Each command as typed (without the endpoint and credentials) and how long it took. */
  commands: Array<{ command: string; ms: number }>;
}

/** Milliseconds `aws --version` takes: the start-up every command of the sequence pays. */
export async function cliStartupMs(): Promise<number> {
  const started = performance.now();
  await execFileAsync(AWS, ['--version']);
  return performance.now() - started;
}

/** Runs the lab's commands for `parts`, in the lab's order; the working directory holds lambda/crud's files, as `cd crud` does. */
export async function runLabCliSequence(sandbox: SandboxAccess, parts: ReadonlySet<CliPart>): Promise<CliRun> {
  const dir = await mkdtemp(join(tmpdir(), 'labbook-bench-cli-'));
  const { accessKeyId, secretAccessKey, sessionToken } = sandbox.credentials;
  const env = {
    PATH: process.env.PATH,
    HOME: dir,
    AWS_ACCESS_KEY_ID: accessKeyId,
    AWS_SECRET_ACCESS_KEY: secretAccessKey,
    AWS_SESSION_TOKEN: sessionToken,
    AWS_DEFAULT_REGION: sandbox.region,
    AWS_DEFAULT_OUTPUT: 'json',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_PAGER: '',
  };
  const commands: CliRun['commands'] = [];
  const run = async (file: string, args: string[]): Promise<unknown> => {
    const started = performance.now();
    const { stdout } = await execFileAsync(file, args, { cwd: dir, env });
    commands.push({ command: [file === AWS ? 'aws' : file, ...args].join(' '), ms: performance.now() - started });
    return stdout.trim() ? JSON.parse(stdout) : {};
  };
  const aws = (service: string, command: string[], options: string[]) => run(AWS, [service, ...command, ...options, '--endpoint-url', sandbox.url]);

  try {
    for (const file of ['lambda_crud.py', 'requirements.txt']) await copyFile(join(CRUD_DIR, file), join(dir, file));
    if (parts.has('table')) {
      await aws('dynamodb', ['create-table'], [
        '--table-name', TABLE,
        '--attribute-definitions', 'AttributeName=thingID,AttributeType=S',
        '--key-schema', 'AttributeName=thingID,KeyType=HASH',
        '--billing-mode', 'PAY_PER_REQUEST',
      ]);
      await aws('dynamodb', ['wait', 'table-exists'], ['--table-name', TABLE]);
    }
    const functionArn = `arn:aws:lambda:${sandbox.region}:${sandbox.accountId}:function:${FUNCTION}`;
    if (parts.has('function')) {
      await run('zip', ['-q', 'lambda_crud.zip', 'lambda_crud.py', 'requirements.txt']);
      await aws('lambda', ['create-function'], [
        '--function-name', FUNCTION,
        '--zip-file', 'fileb://lambda_crud.zip',
        '--handler', 'lambda_crud.lambda_handler',
        '--runtime', 'python3.13',
        '--role', `arn:aws:iam::${sandbox.accountId}:role/LabRole`,
      ]);
      await aws('lambda', ['wait', 'function-active-v2'], ['--function-name', FUNCTION]);
    }
    if (parts.has('api')) {
      await aws('lambda', ['add-permission'], [
        '--function-name', FUNCTION,
        '--principal', 'apigateway.amazonaws.com',
        '--statement-id', randomUUID().toUpperCase(),
        '--action', 'lambda:InvokeFunction',
      ]);
      const { ApiId } = (await aws('apigatewayv2', ['create-api'], ['--name', 'CrudHttpAPI', '--protocol-type', 'HTTP'])) as { ApiId: string };
      const { IntegrationId } = (await aws('apigatewayv2', ['create-integration'], [
        '--api-id', ApiId,
        '--integration-type', 'AWS_PROXY',
        '--integration-uri', functionArn,
        '--integration-method', 'ANY',
        '--payload-format-version', '2.0',
      ])) as { IntegrationId: string };
      for (const routeKey of ROUTE_KEYS) {
        await aws('apigatewayv2', ['create-route'], ['--api-id', ApiId, '--route-key', routeKey, '--target', `integrations/${IntegrationId}`]);
      }
      await aws('apigatewayv2', ['create-stage'], ['--api-id', ApiId, '--stage-name', 'prod']);
      await aws('apigatewayv2', ['create-deployment'], ['--api-id', ApiId, '--stage-name', 'prod']);
    }
    return { commands: commands.map(({ command, ms }) => ({ command: command.replace(` --endpoint-url ${sandbox.url}`, ''), ms })) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

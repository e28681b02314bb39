// The lab's Task 8.1 Lambda commands, run with the AWS CLI v2 against the
// sandbox, on the lab's CRUD function from lambda/crud: zip, create-function,
// get-function, invoke for each HTTP method, add-permission, the logs, delete.
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AWS_TIMINGS_FAST, useSandbox } from './harness.ts';

const run = promisify(execFile);
const AWS_CLI = process.env.AWS_CLI ?? '/usr/bin/aws';
const sandbox = useSandbox({ timings: AWS_TIMINGS_FAST });
let workDir: string;

/** Runs `aws <args>` in the work folder against the sandbox; parses JSON output. */
async function aws(...args: string[]): Promise<any> {
  const { stdout } = await run(AWS_CLI, [...args, '--endpoint-url', sandbox.url, '--output', 'json'], {
    cwd: workDir,
    env: sandbox.awsEnv(),
  });
  return stdout.trim() ? JSON.parse(stdout) : undefined;
}

async function awsFails(...args: string[]): Promise<string> {
  return aws(...args).then(
    () => expect.unreachable('the command should have failed'),
    (error: { stderr: string }) => error.stderr,
  );
}

/** An HTTP API (payload 2.0) event as API Gateway would send it to the function. */
function httpEvent(method: string, extra: Record<string, unknown> = {}) {
  return { version: '2.0', routeKey: `${method} /`, rawPath: '/', requestContext: { http: { method, path: '/' } }, ...extra };
}

async function invoke(event: unknown): Promise<{ meta: any; response: any }> {
  await writeFile(join(workDir, 'event.json'), JSON.stringify(event));
  const meta = await aws('lambda', 'invoke', '--function-name', 'LambdaCRUD', '--payload', 'fileb://event.json', '--log-type', 'Tail', 'out.json');
  return { meta, response: JSON.parse(await readFile(join(workDir, 'out.json'), 'utf8')) };
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'labbook-cli-'));
  for (const file of ['lambda_crud.py', 'requirements.txt']) await copyFile(join('lambda/crud', file), join(workDir, file));
});
afterAll(() => rm(workDir, { recursive: true, force: true }));

describe('Task 8.1 with the AWS CLI', () => {
  test('zip and create-function, exactly as the lab does', async () => {
    await aws(
      'dynamodb',
      'create-table',
      '--table-name',
      'ccbda-lambda-first',
      '--attribute-definitions',
      'AttributeName=thingID,AttributeType=S',
      '--key-schema',
      'AttributeName=thingID,KeyType=HASH',
      '--billing-mode',
      'PAY_PER_REQUEST',
    );
    // The lab runs `zip lambda_crud.zip lambda_crud.py requirements.txt`; Python's zipfile makes the same archive anywhere.
    await run('python3', ['-m', 'zipfile', '-c', 'lambda_crud.zip', 'lambda_crud.py', 'requirements.txt'], { cwd: workDir });
    const created = await aws(
      'lambda',
      'create-function',
      '--function-name',
      'LambdaCRUD',
      '--zip-file',
      'fileb://lambda_crud.zip',
      '--handler',
      'lambda_crud.lambda_handler',
      '--runtime',
      'python3.13',
      '--role',
      `arn:aws:iam::${sandbox.accountId}:role/LabRole`,
    );
    expect(created).toMatchObject({
      FunctionName: 'LambdaCRUD',
      FunctionArn: `arn:aws:lambda:us-east-1:${sandbox.accountId}:function:LambdaCRUD`,
      Runtime: 'python3.13',
      Handler: 'lambda_crud.lambda_handler',
      Timeout: 3,
      MemorySize: 128,
      Version: '$LATEST',
      TracingConfig: { Mode: 'PassThrough' },
      State: 'Pending',
      StateReason: 'The function is being created.',
      StateReasonCode: 'Creating',
    });
    await aws('lambda', 'wait', 'function-active-v2', '--function-name', 'LambdaCRUD');
    const got = await aws('lambda', 'get-function', '--function-name', 'LambdaCRUD');
    expect(got.Configuration.State).toBe('Active');
    expect(got.Code.Location).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
  });

  test('invoke: POST puts an item, GET scans it, PUT updates it, DELETE removes it', async () => {
    const put = await invoke(
      httpEvent('POST', { body: JSON.stringify({ TableName: 'ccbda-lambda-first', Item: { thingID: { S: 'cli-1' }, colour: { S: 'red' } } }) }),
    );
    expect(put.meta.StatusCode).toBe(200);
    expect(put.meta.FunctionError).toBeUndefined();
    expect(put.response).toMatchObject({ statusCode: 200, headers: { 'Access-Control-Allow-Origin': '*' } });
    expect(Buffer.from(put.meta.LogResult, 'base64').toString()).toMatch(/\[INFO\]\t\S+\t\S+\toperation POST/);

    const scanned = await invoke(httpEvent('GET', { queryStringParameters: { TableName: 'ccbda-lambda-first' } }));
    expect(JSON.parse(scanned.response.body).Items).toEqual([{ thingID: { S: 'cli-1' }, colour: { S: 'red' } }]);

    await invoke(
      httpEvent('PUT', {
        body: JSON.stringify({
          TableName: 'ccbda-lambda-first',
          Key: { thingID: { S: 'cli-1' } },
          UpdateExpression: 'SET colour = :c',
          ExpressionAttributeValues: { ':c': { S: 'blue' } },
        }),
      }),
    );
    const item = await aws('dynamodb', 'get-item', '--table-name', 'ccbda-lambda-first', '--key', '{"thingID": {"S": "cli-1"}}');
    expect(item.Item.colour).toEqual({ S: 'blue' });

    await invoke(httpEvent('DELETE', { body: JSON.stringify({ TableName: 'ccbda-lambda-first', Key: { thingID: { S: 'cli-1' } } }) }));
    expect((await aws('dynamodb', 'scan', '--table-name', 'ccbda-lambda-first')).Items).toEqual([]);
  });

  test('every branch answers: OPTIONS, no query string, bad arguments, unknown method', async () => {
    expect((await invoke(httpEvent('OPTIONS'))).response).toMatchObject({ statusCode: 200, body: '""' });
    const noQuery = await invoke(httpEvent('GET'));
    expect(noQuery.response.statusCode).toBe(400);
    expect(JSON.parse(noQuery.response.body).error).toMatch(/^ParamValidationError: .*TableName/s);
    const badTable = await invoke(httpEvent('POST', { body: JSON.stringify({ TableName: 'no-such-table', Item: { thingID: { S: 'x' } } }) }));
    expect(badTable.response.statusCode).toBe(400);
    expect(JSON.parse(badTable.response.body).error).toMatch(/^ResourceNotFoundException: /);
    const patch = await invoke(httpEvent('PATCH'));
    expect(patch.response.statusCode).toBe(400);
    expect(JSON.parse(patch.response.body)).toEqual({ error: 'Unsupported method "PATCH"' });
  });

  test('add-permission for API Gateway answers with the statement', async () => {
    const added = await aws(
      'lambda',
      'add-permission',
      '--function-name',
      'LambdaCRUD',
      '--principal',
      'apigateway.amazonaws.com',
      '--statement-id',
      'CDCFB599-79CC-4877-B480-6B97B4125D4D',
      '--action',
      'lambda:InvokeFunction',
    );
    expect(JSON.parse(added.Statement)).toEqual({
      Sid: 'CDCFB599-79CC-4877-B480-6B97B4125D4D',
      Effect: 'Allow',
      Principal: { Service: 'apigateway.amazonaws.com' },
      Action: 'lambda:InvokeFunction',
      Resource: `arn:aws:lambda:us-east-1:${sandbox.accountId}:function:LambdaCRUD`,
    });
    const policy = await aws('lambda', 'get-policy', '--function-name', 'LambdaCRUD');
    expect(JSON.parse(policy.Policy).Statement).toHaveLength(1);
  });

  test('aws logs: the function’s streams and events', async () => {
    const groups = await aws('logs', 'describe-log-groups', '--log-group-name-prefix', '/aws/lambda/LambdaCRUD');
    expect(groups.logGroups.map((g: { logGroupName: string }) => g.logGroupName)).toEqual(['/aws/lambda/LambdaCRUD']);
    const streams = await aws('logs', 'describe-log-streams', '--log-group-name', '/aws/lambda/LambdaCRUD', '--order-by', 'LastEventTime', '--descending');
    const stream = streams.logStreams[0].logStreamName;
    const events = await aws('logs', 'get-log-events', '--log-group-name', '/aws/lambda/LambdaCRUD', '--log-stream-name', stream, '--start-from-head');
    const messages: string[] = events.events.map((e: { message: string }) => e.message);
    expect(messages.some((m) => m.startsWith('START RequestId: '))).toBe(true);
    expect(messages.some((m) => m.includes('\toperation GET\n'))).toBe(true);
    const reports = await aws('logs', 'filter-log-events', '--log-group-name', '/aws/lambda/LambdaCRUD', '--filter-pattern', 'REPORT');
    expect(reports.events.length).toBeGreaterThanOrEqual(8);
  });

  test('errors reach the CLI as AWS words them', async () => {
    expect(await awsFails('lambda', 'get-function', '--function-name', 'Nope')).toContain(
      `An error occurred (ResourceNotFoundException) when calling the GetFunction operation: Function not found: arn:aws:lambda:us-east-1:${sandbox.accountId}:function:Nope`,
    );
    expect(
      await awsFails(
        'lambda',
        'create-function',
        '--function-name',
        'LambdaCRUD',
        '--zip-file',
        'fileb://lambda_crud.zip',
        '--handler',
        'lambda_crud.lambda_handler',
        '--runtime',
        'python3.13',
        '--role',
        `arn:aws:iam::${sandbox.accountId}:role/LabRole`,
      ),
    ).toContain('An error occurred (ResourceConflictException) when calling the CreateFunction operation: Function already exist: LambdaCRUD');
  });

  test('a payload that is not JSON is refused as AWS refuses it, with or without --cli-binary-format', async () => {
    const refused =
      'An error occurred (InvalidRequestContentException) when calling the Invoke operation: ' +
      'Could not parse request body into json: Could not parse payload into json: ';
    expect(
      await awsFails('lambda', 'invoke', '--function-name', 'LambdaCRUD', '--cli-binary-format', 'raw-in-base64-out', '--payload', 'test data', 'out.json'),
    ).toContain(
      `${refused}Unrecognized token 'test': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n` +
        ' at [Source: (byte[])"test data"; line: 1, column: 6]',
    );
    // Without the flag, CLI v2 takes the text for base64 and sends the bytes it decodes to ("0D\x92\0a…").
    expect(await awsFails('lambda', 'invoke', '--function-name', 'LambdaCRUD', '--payload', '{"MESSAGE":"HELLO"}', 'out.json')).toContain(
      `${refused}Unexpected character ('D' (code 68)): Expected space separating root-level values\n at [Source: (byte[])"0D`,
    );
  });

  test('delete-function removes it', async () => {
    await aws('lambda', 'delete-function', '--function-name', 'LambdaCRUD');
    const listed = await aws('lambda', 'list-functions');
    expect(listed.Functions.map((f: { FunctionName: string }) => f.FunctionName)).not.toContain('LambdaCRUD');
  });
});

// Task 8.1 end to end, as the lab's text has students do it: the AWS CLI v2
// (--endpoint-url) creates the table, zips and creates the CRUD function,
// adds the permission for API Gateway, and builds the HTTP API (CrudHttpAPI,
// one AWS_PROXY integration with payload 2.0, five routes, stage prod without
// auto-deploy, a deployment); then curl, as a student would, reads and writes
// the table through the invoke URL, and a browser-style CORS preflight works.
//
// Two variants of the function: the lab's listing verbatim
// (fixtures/seed-crud, whose `except` branch forgets to return, so API
// Gateway answers 200 with the body `null`), and lambda/crud, done right.
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AWS_TIMINGS_FAST, useSandbox } from './harness.ts';

const run = promisify(execFile);
const AWS_CLI = process.env.AWS_CLI ?? '/usr/bin/aws';
const TABLE = 'ccbda-lambda-first';
const sandbox = useSandbox({ timings: AWS_TIMINGS_FAST });
const workDirs: string[] = [];

afterAll(() => Promise.all(workDirs.map((dir) => rm(dir, { recursive: true, force: true }))));

/** `aws <args>` in `cwd` against the sandbox with the lab's environment-only credentials; JSON output parsed. */
async function aws(cwd: string, ...args: string[]): Promise<any> {
  const { stdout } = await run(AWS_CLI, [...args, '--endpoint-url', sandbox.url, '--output', 'json'], { cwd, env: sandbox.awsEnv() });
  return stdout.trim() ? JSON.parse(stdout) : undefined;
}

interface CurlAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** curl as a student runs it: `curl -s -i <args>`, the status line, headers and body read back. */
async function curl(...args: string[]): Promise<CurlAnswer> {
  const { stdout } = await run('curl', ['-s', '-i', '--max-time', '20', ...args]);
  const [head, ...rest] = stdout.split('\r\n\r\n');
  const [statusLine, ...headerLines] = head.split('\r\n');
  const headers = Object.fromEntries(headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') };
}

/** `zip lambda_crud.zip lambda_crud.py requirements.txt`, or Python's zipfile where zip is not installed. */
async function zipPackage(cwd: string): Promise<void> {
  const files = ['lambda_crud.py', 'requirements.txt'];
  await run('zip', ['lambda_crud.zip', ...files], { cwd }).catch(() => run('python3', ['-m', 'zipfile', '-c', 'lambda_crud.zip', ...files], { cwd }));
}

/** The lab's deployment commands from "Deploying the CRUD Lambda function" and "API Gateway creation"; returns the invoke URL. */
async function deployTask81(sourceDir: string, functionName: string): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'labbook-task81-'));
  workDirs.push(cwd);
  for (const file of ['lambda_crud.py', 'requirements.txt']) await copyFile(join(sourceDir, file), join(cwd, file));
  await zipPackage(cwd);
  const created = await aws(
    cwd,
    'lambda',
    'create-function',
    '--function-name',
    functionName,
    '--zip-file',
    'fileb://lambda_crud.zip',
    '--handler',
    'lambda_crud.lambda_handler',
    '--runtime',
    'python3.13',
    '--role',
    `arn:aws:iam::${sandbox.accountId}:role/LabRole`,
  );
  const lambdaArn = created.FunctionArn;
  await aws(cwd, 'lambda', 'wait', 'function-active-v2', '--function-name', functionName);
  // STATEMENT_ID=`uuidgen`
  await aws(
    cwd,
    'lambda',
    'add-permission',
    '--function-name',
    functionName,
    '--principal',
    'apigateway.amazonaws.com',
    '--statement-id',
    randomUUID().toUpperCase(),
    '--action',
    'lambda:InvokeFunction',
  );
  const api = await aws(cwd, 'apigatewayv2', 'create-api', '--name', 'CrudHttpAPI', '--protocol-type', 'HTTP');
  const integration = await aws(
    cwd,
    'apigatewayv2',
    'create-integration',
    '--api-id',
    api.ApiId,
    '--integration-type',
    'AWS_PROXY',
    '--integration-uri',
    lambdaArn,
    '--integration-method',
    'ANY',
    '--payload-format-version',
    '2.0',
  );
  for (const method of ['GET', 'POST', 'OPTIONS', 'PUT', 'DELETE']) {
    await aws(
      cwd,
      'apigatewayv2',
      'create-route',
      '--api-id',
      api.ApiId,
      '--route-key',
      `${method} /`,
      '--target',
      `integrations/${integration.IntegrationId}`,
    );
  }
  await aws(cwd, 'apigatewayv2', 'create-stage', '--api-id', api.ApiId, '--stage-name', 'prod', '--no-auto-deploy');
  const deployment = await aws(cwd, 'apigatewayv2', 'create-deployment', '--api-id', api.ApiId, '--stage-name', 'prod');
  expect(deployment).toMatchObject({ AutoDeployed: false, DeploymentStatus: 'DEPLOYED' });
  // The lab's URL is https://${API_ID}.execute-api.${REGION}.amazonaws.com/${STAGE}/; on the sandbox, ApiEndpoint/prod/.
  const url = `${api.ApiEndpoint}/prod/`;
  await untilServed(url);
  return url;
}

/**
 * What the chapter tells students after create-deployment: a new deployment and permission take
 * a few seconds, meanwhile Not Found or Internal Server Error; wait and send again.
 */
async function untilServed(url: string): Promise<void> {
  const notYet = (answer: CurlAnswer) => /^\{"message":"(Not Found|Internal Server Error)"\}$/.test(answer.body);
  for (let tries = 0; notYet(await curl(`${url}?TableName=${TABLE}`)); tries++) {
    if (tries === 20) throw new Error(`${url} still answers Not Found or Internal Server Error after 20 tries a second apart`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function storedItem(thingID: string) {
  const { Item } = await sandbox.client(DynamoDBClient).send(new GetItemCommand({ TableName: TABLE, Key: { thingID: { S: thingID } } }));
  return Item;
}

const putBody = (thingID: string) => JSON.stringify({ TableName: TABLE, Item: { thingID: { S: thingID } } });

/** curl POST with a put_item body as JSON, then curl GET ?TableName=: the item is in the table and in the scan. */
async function putThenScan(url: string, thingID: string): Promise<{ post: CurlAnswer; get: CurlAnswer }> {
  const post = await curl('-X', 'POST', url, '-H', 'Content-Type: application/json', '-d', putBody(thingID));
  expect(post.status).toBe(200);
  expect(await storedItem(thingID)).toEqual({ thingID: { S: thingID } });
  const get = await curl(`${url}?TableName=${TABLE}`);
  expect(get.status).toBe(200);
  expect(JSON.parse(get.body).Items).toContainEqual({ thingID: { S: thingID } });
  return { post, get };
}

beforeAll(async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'labbook-task81-'));
  workDirs.push(cwd);
  await aws(
    cwd,
    'dynamodb',
    'create-table',
    '--table-name',
    TABLE,
    '--attribute-definitions',
    'AttributeName=thingID,AttributeType=S',
    '--key-schema',
    'AttributeName=thingID,KeyType=HASH',
    '--billing-mode',
    'PAY_PER_REQUEST',
  );
  await aws(cwd, 'dynamodb', 'wait', 'table-exists', '--table-name', TABLE);
});

describe('Task 8.1 with lambda/crud (the function done right)', () => {
  let url: string;
  beforeAll(async () => {
    url = await deployTask81('lambda/crud', 'LambdaCRUD');
  }, 120_000);

  test('curl POST with a put_item body writes the table; curl GET ?TableName= reads it back', async () => {
    const { post, get } = await putThenScan(url, 'curl-json');
    expect(post.headers['access-control-allow-origin']).toBe('*');
    expect(get.headers['content-type']).toBe('application/json');
    expect(get.headers['apigw-requestid']).toMatch(/^[A-Za-z0-9_-]{15}=$/);
  });

  test('curl -d without a content type sends form data, which API Gateway base64-encodes; lambda/crud decodes it', async () => {
    const post = await curl('-X', 'POST', url, '-d', putBody('curl-form'));
    expect(post.status).toBe(200);
    expect(await storedItem('curl-form')).toEqual({ thingID: { S: 'curl-form' } });
  });

  test('a GET with no query string is a 400 naming the missing TableName, not a hang', async () => {
    const get = await curl(url);
    expect(get.status).toBe(400);
    expect(JSON.parse(get.body).error).toMatch(/TableName/);
  });

  test("a browser's CORS preflight reaches the OPTIONS route and gets the function's CORS headers", async () => {
    const preflight = await curl(
      '-X',
      'OPTIONS',
      url,
      '-H',
      'Origin: http://localhost:8080',
      '-H',
      'Access-Control-Request-Method: POST',
      '-H',
      'Access-Control-Request-Headers: content-type',
    );
    expect(preflight.status).toBe(200);
    expect(preflight.headers).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-allow-headers': 'Content-Type',
      'access-control-allow-methods': 'GET, POST, DELETE, PUT, OPTIONS',
    });
  });
});

describe("Task 8.1 with the lab's listing verbatim", () => {
  let url: string;
  beforeAll(async () => {
    url = await deployTask81('tests/sandbox/fixtures/seed-crud', 'LambdaCRUDSeed');
  }, 120_000);

  test('POST and GET work as the lab shows them, statusCode "200" being a numeric string', async () => {
    await putThenScan(url, 'seed-json');
  });

  test('its except branch returns None: API Gateway answers 200 with the body null, at once, and nothing is written', async () => {
    // No query string: event['queryStringParameters'] raises KeyError.
    const started = Date.now();
    const get = await curl(url);
    expect(get.status).toBe(200);
    expect(get.headers['content-type']).toBe('application/json');
    expect(get.body).toBe('null');
    expect(Date.now() - started).toBeLessThan(10_000);
    // curl -d sends form data, so the body arrives base64-encoded and json.loads fails.
    const post = await curl('-X', 'POST', url, '-d', putBody('seed-form'));
    expect(post.status).toBe(200);
    expect(post.body).toBe('null');
    expect(await storedItem('seed-form')).toBeUndefined();
  });

  test('the CORS preflight reaches its OPTIONS branch', async () => {
    const preflight = await curl('-X', 'OPTIONS', url, '-H', 'Origin: http://localhost:8080', '-H', 'Access-Control-Request-Method: POST');
    expect(preflight.status).toBe(200);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(preflight.body).toBe('""');
  });
});

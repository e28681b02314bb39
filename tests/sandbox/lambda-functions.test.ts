// Lambda's control plane with the SDK: create, read, list, update, delete,
// states as AWS reports them, and AWS's error for each kind of bad request.
import { createHash } from 'node:crypto';
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  LambdaClient,
  ListFunctionsCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
  type CreateFunctionCommandInput,
} from '@aws-sdk/client-lambda';
import { describe, expect, test } from 'vitest';
import { useSandbox } from './harness.ts';
import { holdClock } from './held-clock.ts';
import { decode, deploy, labRole, uniqueName, zipOf } from './lambda-helpers.ts';

const sandbox = useSandbox();
const lambda = () => sandbox.client(LambdaClient);

const HANDLER = 'import os\ndef handler(event, context):\n    return {"greeting": os.environ.get("GREETING"), "version": 1}\n';

function createInput(overrides: Partial<CreateFunctionCommandInput> = {}): CreateFunctionCommandInput {
  return {
    FunctionName: uniqueName('crud'),
    Runtime: 'python3.13',
    Handler: 'app.handler',
    Role: labRole(sandbox.accountId),
    Code: { ZipFile: zipOf({ 'app.py': HANDLER }) },
    ...overrides,
  };
}

/** The error a call fails with (the test fails if it succeeds). */
async function failure(promise: Promise<unknown>): Promise<Error & { $metadata: { httpStatusCode?: number }; [key: string]: unknown }> {
  return promise.then(
    () => expect.unreachable('the call should have failed'),
    (error) => error,
  );
}

const waitActive = (name: string) => waitUntilFunctionActiveV2({ client: lambda(), maxWaitTime: 30, minDelay: 1 }, { FunctionName: name });
const waitUpdated = (name: string) => waitUntilFunctionUpdatedV2({ client: lambda(), maxWaitTime: 30, minDelay: 1 }, { FunctionName: name });

describe('CreateFunction', () => {
  test('answers as AWS does: Pending, then Active once the waiter sees it', async () => {
    const zip = zipOf({ 'app.py': HANDLER });
    const input = createInput({ Code: { ZipFile: zip } });
    const created = await lambda().send(new CreateFunctionCommand(input));
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created).toMatchObject({
      FunctionName: input.FunctionName,
      FunctionArn: `arn:aws:lambda:us-east-1:${sandbox.accountId}:function:${input.FunctionName}`,
      Runtime: 'python3.13',
      Role: labRole(sandbox.accountId),
      Handler: 'app.handler',
      CodeSize: zip.length,
      Description: '',
      Timeout: 3,
      MemorySize: 128,
      CodeSha256: createHash('sha256').update(zip).digest('base64'),
      Version: '$LATEST',
      TracingConfig: { Mode: 'PassThrough' },
      State: 'Pending',
      StateReason: 'The function is being created.',
      StateReasonCode: 'Creating',
      PackageType: 'Zip',
      Architectures: ['x86_64'],
      EphemeralStorage: { Size: 512 },
      LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${input.FunctionName}` },
    });
    expect(created.LastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    expect(created.RevisionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.LastUpdateStatus).toBeUndefined();
    const waited = await waitActive(input.FunctionName!);
    expect(waited.state).toBe('SUCCESS');
    const active = await lambda().send(new GetFunctionConfigurationCommand({ FunctionName: input.FunctionName }));
    expect(active.State).toBe('Active');
    expect(active.LastUpdateStatus).toBe('Successful');
    expect(active.StateReason).toBeUndefined();
  });

  test('a second function with the same name is a 409', async () => {
    const input = createInput();
    await lambda().send(new CreateFunctionCommand(input));
    const error = await failure(lambda().send(new CreateFunctionCommand(input)));
    expect(error.name).toBe('ResourceConflictException');
    expect(error.$metadata.httpStatusCode).toBe(409);
    expect(error.message).toBe(`Function already exist: ${input.FunctionName}`);
  });

  test('a role that does not exist cannot be assumed by Lambda', async () => {
    const error = await failure(lambda().send(new CreateFunctionCommand(createInput({ Role: `arn:aws:iam::${sandbox.accountId}:role/MyOwnRole` }))));
    expect(error.name).toBe('InvalidParameterValueException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe('The role defined for the function cannot be assumed by Lambda.');
  });

  test('constraint failures are listed together, in the request validator’s words', async () => {
    const error = await failure(lambda().send(new CreateFunctionCommand(createInput({ FunctionName: 'has space', Timeout: 0, MemorySize: 64 }))));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toMatch(/^3 validation errors detected: /);
    expect(error.message).toContain("Value 'has space' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: ");
    expect(error.message).toContain("Value '0' at 'timeout' failed to satisfy constraint: Member must have value greater than or equal to 1");
    expect(error.message).toContain("Value '64' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128");
  });

  test('a malformed role ARN fails its pattern', async () => {
    const error = await failure(lambda().send(new CreateFunctionCommand(createInput({ Role: 'LabRole' }))));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(
      "1 validation error detected: Value 'LabRole' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+",
    );
  });

  test('runtimes: unknown, retired, and ones the sandbox cannot run', async () => {
    // AWS's answer, recorded in LocalStack's tests/aws/services/lambda_/test_lambda_api.snapshot.json (invalid_runtime_exc).
    const unknown = await failure(lambda().send(new CreateFunctionCommand(createInput({ Runtime: 'python4.0' as never }))));
    expect(unknown.name).toBe('InvalidParameterValueException');
    expect(unknown.message).toMatch(
      /^Value python4\.0 at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: \[.*python3\.13.*\] or be a valid ARN$/,
    );
    expect(unknown.message).not.toContain('python3.7,');
    const retired = await failure(lambda().send(new CreateFunctionCommand(createInput({ Runtime: 'python3.7' }))));
    expect(retired.name).toBe('InvalidParameterValueException');
    expect(retired.message).toBe(
      'The runtime parameter of python3.7 is no longer supported for creating or updating AWS Lambda functions. We recommend you use the new runtime (python3.14) while creating or updating functions.',
    );
    const java = await failure(lambda().send(new CreateFunctionCommand(createInput({ Runtime: 'java21' }))));
    expect(java.name).toBe('InvalidParameterValueException');
    expect(java.message).toContain('java21');
  });

  test('Runtime and Handler are required for a zip package', async () => {
    const error = await failure(lambda().send(new CreateFunctionCommand(createInput({ Handler: undefined }))));
    expect(error.name).toBe('InvalidParameterValueException');
    expect(error.message).toBe('Runtime and Handler are mandatory parameters for functions created with deployment packages.');
  });

  test('a file that is not a zip, and a zip too big once unzipped', async () => {
    const garbage = await failure(lambda().send(new CreateFunctionCommand(createInput({ Code: { ZipFile: Buffer.from('not a zip') } }))));
    expect(garbage.name).toBe('InvalidParameterValueException');
    expect(garbage.message).toBe('Could not unzip uploaded file. Please check your file, then try to upload again.');
    // A small zip whose central directory claims a 300 MB file.
    const zip = Buffer.from(zipOf({ 'app.py': HANDLER }));
    const entry = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(300_000_000, entry + 24);
    const bomb = await failure(lambda().send(new CreateFunctionCommand(createInput({ Code: { ZipFile: zip } }))));
    expect(bomb.name).toBe('InvalidParameterValueException');
    expect(bomb.message).toBe('Unzipped size must be smaller than 262144000 bytes');
  });

  test('an upload over the direct-upload limit is a 413 naming the operation', async () => {
    const error = await failure(lambda().send(new CreateFunctionCommand(createInput({ Code: { ZipFile: new Uint8Array(52_430_000) } }))));
    expect(error.name).toBe('RequestEntityTooLargeException');
    expect(error.$metadata.httpStatusCode).toBe(413);
    expect(error.message).toBe('Request must be smaller than 69905067 bytes for the CreateFunction operation');
  });

  test('reserved environment variables are refused', async () => {
    const error = await failure(lambda().send(new CreateFunctionCommand(createInput({ Environment: { Variables: { AWS_REGION: 'eu-west-1', OK: '1' } } }))));
    expect(error.name).toBe('InvalidParameterValueException');
    expect(error.message).toBe(
      'Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: AWS_REGION',
    );
  });

  test('no code at all, and code from S3 (the sandbox has no buckets)', async () => {
    const none = await failure(lambda().send(new CreateFunctionCommand(createInput({ Code: {} }))));
    expect(none.name).toBe('InvalidParameterValueException');
    expect(none.message).toBe('Please provide a source for function code.');
    const s3 = await failure(lambda().send(new CreateFunctionCommand(createInput({ Code: { S3Bucket: 'lab-bucket', S3Key: 'k.zip' } }))));
    expect(s3.message).toMatch(/^Error occurred while GetObject\. S3 Error Code: NoSuchBucket\./);
  });
});

describe('reading functions', () => {
  test('GetFunction: the configuration, and a presigned Code.Location that downloads the very zip', async () => {
    const zip = zipOf({ 'app.py': HANDLER, 'requirements.txt': 'boto3\n' });
    const name = await deploy(lambda(), sandbox.accountId, { files: { 'app.py': HANDLER, 'requirements.txt': 'boto3\n' } });
    const got = await lambda().send(new GetFunctionCommand({ FunctionName: name }));
    expect(got.Configuration?.FunctionName).toBe(name);
    expect(got.Configuration?.State).toBe('Active');
    expect(got.Code?.RepositoryType).toBe('S3');
    const location = new URL(got.Code!.Location!);
    expect(location.searchParams.get('X-Amz-Expires')).toBe('600');
    const download = await fetch(location);
    expect(download.status).toBe(200);
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('base64')).toBe(got.Configuration?.CodeSha256);
    expect(bytes.length).toBe(zip.length);
    location.searchParams.set('X-Amz-Signature', '0'.repeat(64));
    expect((await fetch(location)).status).toBe(403);
  });

  test('by name, by ARN, by partial ARN; unknown names and versions are not found', async () => {
    const name = await deploy(lambda(), sandbox.accountId, { files: { 'app.py': HANDLER } });
    const arn = `arn:aws:lambda:us-east-1:${sandbox.accountId}:function:${name}`;
    for (const ref of [name, arn, `${sandbox.accountId}:function:${name}`, `${name}:$LATEST`]) {
      const config = await lambda().send(new GetFunctionConfigurationCommand({ FunctionName: ref }));
      expect(config.FunctionArn).toBe(arn);
    }
    const version = await failure(lambda().send(new GetFunctionConfigurationCommand({ FunctionName: name, Qualifier: '7' })));
    expect(version.name).toBe('ResourceNotFoundException');
    expect(version.message).toBe(`Function not found: ${arn}:7`);
    const missing = await failure(lambda().send(new GetFunctionCommand({ FunctionName: 'never-created' })));
    expect(missing.name).toBe('ResourceNotFoundException');
    expect(missing.$metadata.httpStatusCode).toBe(404);
    expect(missing.message).toBe(`Function not found: arn:aws:lambda:us-east-1:${sandbox.accountId}:function:never-created`);
  });

  test('ListFunctions lists every function without state fields, a page at a time', async () => {
    const names = [await deploy(lambda(), sandbox.accountId, { files: { 'app.py': HANDLER } }), uniqueName('listed')];
    await lambda().send(new CreateFunctionCommand(createInput({ FunctionName: names[1] })));
    const all = await lambda().send(new ListFunctionsCommand({}));
    const listed = all.Functions!.filter((f) => names.includes(f.FunctionName!));
    expect(listed).toHaveLength(2);
    for (const f of listed) {
      expect(f.State).toBeUndefined();
      expect(f.LastUpdateStatus).toBeUndefined();
      expect(f.Runtime).toBe('python3.13');
    }
    const first = await lambda().send(new ListFunctionsCommand({ MaxItems: 1 }));
    expect(first.Functions).toHaveLength(1);
    expect(first.NextMarker).toBeDefined();
    const second = await lambda().send(new ListFunctionsCommand({ MaxItems: 1, Marker: first.NextMarker }));
    expect(second.Functions![0].FunctionName).not.toBe(first.Functions![0].FunctionName);
  });
});

describe('updating functions', () => {
  test('UpdateFunctionConfiguration: InProgress, then Successful; the new settings apply to invocations', async () => {
    const name = await deploy(lambda(), sandbox.accountId, { files: { 'app.py': HANDLER } });
    const updated = await lambda().send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: name,
        Environment: { Variables: { GREETING: 'hola' } },
        Timeout: 10,
        MemorySize: 512,
        Description: 'CRUD',
      }),
    );
    expect(updated).toMatchObject({
      State: 'Active',
      LastUpdateStatus: 'InProgress',
      LastUpdateStatusReason: 'The function is being created.',
      LastUpdateStatusReasonCode: 'Creating',
      Environment: { Variables: { GREETING: 'hola' } },
      Timeout: 10,
      MemorySize: 512,
      Description: 'CRUD',
    });
    const busy = await failure(lambda().send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Timeout: 5 })));
    expect(busy.name).toBe('ResourceConflictException');
    expect(busy.$metadata.httpStatusCode).toBe(409);
    expect(busy.message).toBe(
      `The operation cannot be performed at this time. An update is in progress for resource: arn:aws:lambda:us-east-1:${sandbox.accountId}:function:${name}`,
    );
    expect((await waitUpdated(name)).state).toBe('SUCCESS');
    const after = await lambda().send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    expect(after.LastUpdateStatus).toBe('Successful');
    expect(after.RevisionId).toBe(updated.RevisionId);
    const output = await lambda().send(new InvokeCommand({ FunctionName: name }));
    expect(decode(output.Payload)).toEqual({ greeting: 'hola', version: 1 });
  });

  test('UpdateFunctionCode: a new CodeSha256, and the new code runs once the update is done', async () => {
    const name = await deploy(lambda(), sandbox.accountId, { files: { 'app.py': HANDLER } });
    expect(decode((await lambda().send(new InvokeCommand({ FunctionName: name }))).Payload).version).toBe(1);
    const zip = zipOf({ 'app.py': HANDLER.replace('"version": 1', '"version": 2') });
    const updated = await lambda().send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zip }));
    expect(updated.CodeSha256).toBe(createHash('sha256').update(zip).digest('base64'));
    expect(updated.LastUpdateStatus).toBe('InProgress');
    await waitUpdated(name);
    expect(decode((await lambda().send(new InvokeCommand({ FunctionName: name }))).Payload).version).toBe(2);
  });

  test('updating a Pending function is a 409, as is a stale RevisionId a 412', async () => {
    const input = createInput();
    const release = holdClock();
    const created = await lambda().send(new CreateFunctionCommand(input));
    const pending = await failure(lambda().send(new UpdateFunctionConfigurationCommand({ FunctionName: input.FunctionName, Timeout: 9 })));
    release();
    expect(pending.name).toBe('ResourceConflictException');
    expect(pending.message).toBe('The operation cannot be performed at this time. The function is currently in the following state: Pending');
    await waitActive(input.FunctionName!);
    const stale = await failure(
      lambda().send(
        new UpdateFunctionCodeCommand({ FunctionName: input.FunctionName, ZipFile: zipOf({ 'app.py': HANDLER }), RevisionId: `${created.RevisionId}x` }),
      ),
    );
    expect(stale.name).toBe('PreconditionFailedException');
    expect(stale.$metadata.httpStatusCode).toBe(412);
  });

  test('bad configuration values are refused like at creation', async () => {
    const name = await deploy(lambda(), sandbox.accountId, { files: { 'app.py': HANDLER } });
    const error = await failure(lambda().send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Timeout: 901 })));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(
      "1 validation error detected: Value '901' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900",
    );
    const role = await failure(lambda().send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Role: labRole('123456789012') })));
    expect(role.message).toBe('The role defined for the function cannot be assumed by Lambda.');
  });
});

describe('DeleteFunction', () => {
  test('removes the function; a second delete is not found', async () => {
    const name = await deploy(lambda(), sandbox.accountId, { files: { 'app.py': HANDLER } });
    await lambda().send(new InvokeCommand({ FunctionName: name }));
    const deleted = await lambda().send(new DeleteFunctionCommand({ FunctionName: name }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    expect((await failure(lambda().send(new GetFunctionCommand({ FunctionName: name })))).name).toBe('ResourceNotFoundException');
    expect((await failure(lambda().send(new DeleteFunctionCommand({ FunctionName: name })))).name).toBe('ResourceNotFoundException');
    expect((await failure(lambda().send(new InvokeCommand({ FunctionName: name })))).name).toBe('ResourceNotFoundException');
  });
});

describe('malformed requests', () => {
  async function signedFetch(method: string, path: string, body: string) {
    const { SignatureV4 } = await import('@smithy/signature-v4');
    const { Sha256 } = await import('@aws-crypto/sha256-js');
    const url = new URL(sandbox.url);
    const signer = new SignatureV4({ service: 'lambda', region: 'us-east-1', sha256: Sha256, credentials: sandbox.clientConfig().credentials });
    const signed = await signer.sign({
      method,
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path,
      query: {},
      headers: { host: url.host, 'content-type': 'application/json' },
      body,
    });
    const response = await fetch(`${sandbox.url}${path}`, { method, headers: signed.headers as Record<string, string>, body: body || undefined });
    return { status: response.status, type: response.headers.get('x-amzn-errortype'), body: await response.json() };
  }

  test('a body that is not JSON is InvalidRequestContentException', async () => {
    const answer = await signedFetch('POST', '/2015-03-31/functions', '{"FunctionName": ');
    expect(answer.status).toBe(400);
    expect(answer.type).toBe('InvalidRequestContentException');
    // Lambda's model spells this error's member `message`, most others' `Message` (below).
    expect(answer.body).toEqual({ Type: 'User', message: expect.stringMatching(/^Could not parse request body into json: /) });
  });

  test('a function that does not exist is ResourceNotFoundException, its message in `Message`', async () => {
    const answer = await signedFetch('GET', '/2015-03-31/functions/no-such-function', '');
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ Type: 'User', Message: expect.stringMatching(/^Function not found: /) });
  });

  test('a member of the wrong type is InvalidRequestContentException', async () => {
    const answer = await signedFetch('POST', '/2015-03-31/functions', JSON.stringify({ ...createInput(), Code: undefined, Timeout: 'ten' }));
    expect(answer.status).toBe(400);
    expect(answer.type).toBe('InvalidRequestContentException');
  });

  test('a path that is no operation is UnknownOperationException', async () => {
    const answer = await signedFetch('GET', '/2015-03-31/functions/x/y/z', '');
    expect(answer.status).toBe(404);
    expect(answer.type).toBe('UnknownOperationException');
  });
});

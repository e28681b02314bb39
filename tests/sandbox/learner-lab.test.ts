// The Learner Lab profile: what an AWS Academy Learner Lab account refuses, the sandbox
// refuses with AWS's error in each protocol; with LABBOOK_LEARNER_LAB=0 it does not.
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ListFunctionsCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { readConfig } from '../../src/config/read-config.ts';
import { sandboxTuning } from '../../src/config/sandbox-tuning.ts';
import { sendSigned, testSandbox, useSandbox, type TestSandbox } from './harness.ts';
import { awsCli, awsCliError, failure } from './service-helpers.ts';

const sandbox = useSandbox();
const inRegion = <T>(Client: new (config: object) => T, region: string) => new Client({ ...sandbox.clientConfig(), region });

describe('regions', () => {
  test('us-west-2, the other Learner Lab region, answers', async () => {
    await expect(inRegion(DynamoDBClient, 'us-west-2').send(new ListTablesCommand({}))).resolves.toMatchObject({ TableNames: [] });
  });

  test('another region is an explicit deny: AccessDeniedException, 400 for an awsJson service', async () => {
    const error = await failure(inRegion(DynamoDBClient, 'eu-west-1').send(new ListTablesCommand({})));
    expect(error).toEqual({
      name: 'AccessDeniedException',
      status: 400,
      message: `User: ${sandbox.credentials.arn} is not authorized to perform: dynamodb:ListTables with an explicit deny in a service control policy`,
    });
  });

  test('403 for a restJson one, and the AWS CLI shows the same words', async () => {
    const error = await failure(inRegion(LambdaClient, 'ap-south-1').send(new ListFunctionsCommand({})));
    expect(error).toMatchObject({ name: 'AccessDeniedException', status: 403 });
    expect(await awsCliError(sandbox, 'lambda', 'list-functions', '--region', 'eu-central-1')).toContain(
      `An error occurred (AccessDeniedException) when calling the ListFunctions operation: User: ${sandbox.credentials.arn} is not authorized to perform: lambda:ListFunctions with an explicit deny in a service control policy`,
    );
  });

  test('GetCallerIdentity answers in any region: no policy can deny it', async () => {
    await expect(inRegion(STSClient, 'eu-west-1').send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({ Arn: sandbox.credentials.arn });
  });
});

describe('IAM', () => {
  const trustPolicyOf = (role: { AssumeRolePolicyDocument: unknown }) =>
    role.AssumeRolePolicyDocument as { Statement: Array<{ Principal: { Service: string[] } }> };

  test('get-role LabRole, as a student finds its ARN', async () => {
    const { Role } = await awsCli(sandbox)('iam', 'get-role', '--role-name', 'LabRole');
    expect(Role).toMatchObject({ Path: '/', RoleName: 'LabRole', Arn: `arn:aws:iam::${sandbox.accountId}:role/LabRole`, MaxSessionDuration: 3600 });
    expect(Role.RoleId).toMatch(/^AROA[A-Z0-9]{17}$/);
    expect(Date.parse(Role.CreateDate)).toBeLessThanOrEqual(Date.now());
    expect(trustPolicyOf(Role).Statement[0].Principal.Service).toContain('lambda.amazonaws.com');
  });

  test('a role the account does not have is NoSuchEntity', async () => {
    expect(await awsCliError(sandbox, 'iam', 'get-role', '--role-name', 'lambda-execution-role')).toContain(
      'An error occurred (NoSuchEntity) when calling the GetRole operation: The role with name lambda-execution-role cannot be found.',
    );
  });

  test('the lab text’s create-role is refused for voclabs: AccessDenied, no identity-based policy allows it', async () => {
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    expect(await awsCliError(sandbox, 'iam', 'create-role', '--role-name', 'lambda-execution-role', '--assume-role-policy-document', trust)).toContain(
      `An error occurred (AccessDenied) when calling the CreateRole operation: User: ${sandbox.credentials.arn} is not authorized to perform: ` +
        `iam:CreateRole on resource: arn:aws:iam::${sandbox.accountId}:role/lambda-execution-role because no identity-based policy allows the iam:CreateRole action`,
    );
  });

  test('attach-role-policy too, over the query protocol with HTTP 403', async () => {
    const body = new URLSearchParams({
      Action: 'AttachRolePolicy',
      Version: '2010-05-08',
      RoleName: 'LabRole',
      PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
    }).toString();
    const answer = await sendSigned(sandbox.url, {
      service: 'iam',
      host: 'iam.amazonaws.com',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body,
      credentials: sandbox.credentials,
    });
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('<Code>AccessDenied</Code>');
    expect(answer.body).toContain(`iam:AttachRolePolicy on resource: arn:aws:iam::${sandbox.accountId}:role/LabRole because no identity-based policy`);
  });
});

describe('with LABBOOK_LEARNER_LAB=0 and LABBOOK_CREDENTIALS_SECONDS=60', () => {
  let own: TestSandbox & { close(): Promise<void> };
  beforeAll(async () => {
    own = await testSandbox(sandboxTuning(readConfig({ LABBOOK_LEARNER_LAB: '0', LABBOOK_CREDENTIALS_SECONDS: '60' })));
  });
  afterAll(() => own.close());

  test('any region answers', async () => {
    const client = new DynamoDBClient({ ...own.clientConfig(), region: 'eu-west-1' });
    await expect(client.send(new ListTablesCommand({}))).resolves.toMatchObject({ TableNames: [] });
  });

  test('IAM writes are not emulated, and say so', async () => {
    expect(await awsCliError(own, 'iam', 'create-role', '--role-name', 'r', '--assume-role-policy-document', '{}')).toContain(
      'An error occurred (InvalidAction) when calling the CreateRole operation: The sandbox does not emulate iam:CreateRole',
    );
  });

  test('credentials last the configured minute, then calls answer ExpiredTokenException', async () => {
    const issued = await own.issueCredentials();
    expect(Date.parse(issued.expiration) - Date.now()).toBeLessThanOrEqual(60_000);
    const client = new DynamoDBClient(own.clientConfig(issued));
    await expect(client.send(new ListTablesCommand({}))).resolves.toBeDefined();
    // Only Date moves on: the SDK signs and the sandbox checks with the same clock, a minute later.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse(issued.expiration) });
    try {
      expect(await failure(client.send(new ListTablesCommand({})))).toEqual({
        name: 'ExpiredTokenException',
        status: 400,
        message: 'The security token included in the request is expired',
      });
    } finally {
      vi.useRealTimers();
    }
  });
});

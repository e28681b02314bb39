// A function's resource policy: AddPermission, GetPolicy, RemovePermission,
// and the check API Gateway makes with it before invoking.
import { AddPermissionCommand, GetFunctionConfigurationCommand, GetPolicyCommand, LambdaClient, RemovePermissionCommand } from '@aws-sdk/client-lambda';
import { expect, test } from 'vitest';
import { arnLike, allowsInvoke, statementFor } from '../../src/sandbox/lambda/policy.ts';
import { useSandbox } from './harness.ts';
import { deploy } from './lambda-helpers.ts';

const sandbox = useSandbox();
const lambda = () => sandbox.client(LambdaClient);
const HANDLER = { 'app.py': 'def handler(e, c):\n    return 1\n' };

test('AddPermission answers with the statement, as the lab shows it', async () => {
  const name = await deploy(lambda(), sandbox.accountId, { files: HANDLER });
  const arn = `arn:aws:lambda:us-east-1:${sandbox.accountId}:function:${name}`;
  const before = await lambda().send(new GetFunctionConfigurationCommand({ FunctionName: name }));
  const added = await lambda().send(
    new AddPermissionCommand({
      FunctionName: name,
      StatementId: 'CDCFB599-79CC-4877-B480-6B97B4125D4D',
      Principal: 'apigateway.amazonaws.com',
      Action: 'lambda:InvokeFunction',
    }),
  );
  expect(added.$metadata.httpStatusCode).toBe(201);
  expect(added.Statement).toBe(
    `{"Sid":"CDCFB599-79CC-4877-B480-6B97B4125D4D","Effect":"Allow","Principal":{"Service":"apigateway.amazonaws.com"},"Action":"lambda:InvokeFunction","Resource":"${arn}"}`,
  );
  // A policy change gives the function a new RevisionId.
  const after = await lambda().send(new GetFunctionConfigurationCommand({ FunctionName: name }));
  expect(after.RevisionId).not.toBe(before.RevisionId);
});

test('GetPolicy returns the whole document; a source ARN becomes an ArnLike condition', async () => {
  const name = await deploy(lambda(), sandbox.accountId, { files: HANDLER });
  const sourceArn = `arn:aws:execute-api:us-east-1:${sandbox.accountId}:abcdef1234/*/*/`;
  await lambda().send(
    new AddPermissionCommand({
      FunctionName: name,
      StatementId: 'api',
      Principal: 'apigateway.amazonaws.com',
      Action: 'lambda:InvokeFunction',
      SourceArn: sourceArn,
    }),
  );
  await lambda().send(new AddPermissionCommand({ FunctionName: name, StatementId: 'acct', Principal: sandbox.accountId, Action: 'lambda:*' }));
  const policy = await lambda().send(new GetPolicyCommand({ FunctionName: name }));
  const config = await lambda().send(new GetFunctionConfigurationCommand({ FunctionName: name }));
  expect(policy.RevisionId).toBe(config.RevisionId);
  expect(JSON.parse(policy.Policy!)).toEqual({
    Version: '2012-10-17',
    Id: 'default',
    Statement: [
      {
        Sid: 'api',
        Effect: 'Allow',
        Principal: { Service: 'apigateway.amazonaws.com' },
        Action: 'lambda:InvokeFunction',
        Resource: config.FunctionArn,
        Condition: { ArnLike: { 'AWS:SourceArn': sourceArn } },
      },
      {
        Sid: 'acct',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${sandbox.accountId}:root` },
        Action: 'lambda:*',
        Resource: config.FunctionArn,
      },
    ],
  });
});

test('a statement id used twice is a 409; removing an unknown one a 404', async () => {
  const name = await deploy(lambda(), sandbox.accountId, { files: HANDLER });
  const input = { FunctionName: name, StatementId: 'same', Principal: 'apigateway.amazonaws.com', Action: 'lambda:InvokeFunction' };
  await lambda().send(new AddPermissionCommand(input));
  const twice = await lambda()
    .send(new AddPermissionCommand(input))
    .catch((e) => e);
  expect(twice.name).toBe('ResourceConflictException');
  expect(twice.$metadata.httpStatusCode).toBe(409);
  expect(twice.message).toBe('The statement id (same) provided already exists. Please provide a new statement id, or remove the existing statement.');
  const unknown = await lambda()
    .send(new RemovePermissionCommand({ FunctionName: name, StatementId: 'other' }))
    .catch((e) => e);
  expect(unknown.name).toBe('ResourceNotFoundException');
  expect(unknown.message).toBe('Statement other is not found in resource policy.');
});

test('RemovePermission empties the policy; GetPolicy then has nothing to return', async () => {
  const name = await deploy(lambda(), sandbox.accountId, { files: HANDLER });
  await lambda().send(
    new AddPermissionCommand({ FunctionName: name, StatementId: 's1', Principal: 'apigateway.amazonaws.com', Action: 'lambda:InvokeFunction' }),
  );
  const removed = await lambda().send(new RemovePermissionCommand({ FunctionName: name, StatementId: 's1' }));
  expect(removed.$metadata.httpStatusCode).toBe(204);
  const error = await lambda()
    .send(new GetPolicyCommand({ FunctionName: name }))
    .catch((e) => e);
  expect(error.name).toBe('ResourceNotFoundException');
  expect(error.message).toBe('The resource you requested does not exist.');
});

test('bad AddPermission input is a ValidationException', async () => {
  const name = await deploy(lambda(), sandbox.accountId, { files: HANDLER });
  const error = await lambda()
    .send(new AddPermissionCommand({ FunctionName: name, StatementId: 'has space', Principal: 'apigateway.amazonaws.com', Action: 'invoke' }))
    .catch((e) => e);
  expect(error.name).toBe('ValidationException');
  expect(error.message).toMatch(/^2 validation errors detected: Value 'has space' at 'statementId' .*; Value 'invoke' at 'action' /);
});

test('the invoke check: principal, action and source ARN must all match', () => {
  const arn = 'arn:aws:lambda:us-east-1:123456789012:function:f';
  const api = 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234';
  const scoped = statementFor({ statementId: 'a', action: 'lambda:InvokeFunction', principal: 'apigateway.amazonaws.com', sourceArn: `${api}/*/*/items` }, arn);
  expect(allowsInvoke([scoped], { service: 'apigateway.amazonaws.com', sourceArn: `${api}/prod/GET/items` })).toBe(true);
  expect(allowsInvoke([scoped], { service: 'apigateway.amazonaws.com', sourceArn: `${api}/prod/GET/other` })).toBe(false);
  expect(allowsInvoke([scoped], { service: 'apigateway.amazonaws.com' })).toBe(false);
  expect(allowsInvoke([scoped], { service: 'events.amazonaws.com', sourceArn: `${api}/prod/GET/items` })).toBe(false);
  const open = statementFor({ statementId: 'b', action: 'lambda:InvokeFunction', principal: 'apigateway.amazonaws.com' }, arn);
  expect(allowsInvoke([open], { service: 'apigateway.amazonaws.com', sourceArn: `${api}/x/y/z` })).toBe(true);
  const otherAction = statementFor({ statementId: 'c', action: 'lambda:GetFunction', principal: 'apigateway.amazonaws.com' }, arn);
  expect(allowsInvoke([otherAction], { service: 'apigateway.amazonaws.com' })).toBe(false);
  expect(allowsInvoke([], { service: 'apigateway.amazonaws.com' })).toBe(false);
  // ArnLike compares the six parts of an ARN one by one.
  expect(arnLike('arn:aws:execute-api:*:*:abc/*', 'arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/')).toBe(true);
  expect(arnLike('arn:aws:execute-api:us-east-?:*:abc/*', 'arn:aws:execute-api:us-west-2:123456789012:abc/x')).toBe(false);
});

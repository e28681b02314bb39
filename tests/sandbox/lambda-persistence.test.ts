// Functions, their code, their policies and their logs survive a restart of
// the sandbox on the same data folder.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetFunctionCommand, GetPolicyCommand, InvokeCommand, LambdaClient, AddPermissionCommand } from '@aws-sdk/client-lambda';
import { afterAll, expect, test } from 'vitest';
import { testSandbox } from './harness.ts';
import { decode, deploy } from './lambda-helpers.ts';

let dataDir: string;
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('a function deployed before a restart is there, with its code, policy and logs, and runs', async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'labbook-lambda-data-'));
  const first = await testSandbox({ dataDir });
  let name: string;
  let sha: string | undefined;
  let requestId: string | undefined;
  try {
    const lambda = first.client(LambdaClient);
    name = await deploy(lambda, first.accountId, { files: { 'app.py': 'def handler(e, c):\n    print("before restart")\n    return "kept"\n' } });
    await lambda.send(
      new AddPermissionCommand({ FunctionName: name, StatementId: 'api', Principal: 'apigateway.amazonaws.com', Action: 'lambda:InvokeFunction' }),
    );
    requestId = (await lambda.send(new InvokeCommand({ FunctionName: name }))).$metadata.requestId;
    sha = (await lambda.send(new GetFunctionCommand({ FunctionName: name }))).Configuration?.CodeSha256;
  } finally {
    await first.close();
  }

  const second = await testSandbox({ dataDir });
  try {
    const lambda = second.client(LambdaClient);
    const got = await lambda.send(new GetFunctionCommand({ FunctionName: name }));
    expect(got.Configuration?.CodeSha256).toBe(sha);
    expect(got.Configuration?.State).toBe('Active');
    const policy = JSON.parse((await lambda.send(new GetPolicyCommand({ FunctionName: name }))).Policy!);
    expect(policy.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(['api']);
    expect(decode((await lambda.send(new InvokeCommand({ FunctionName: name }))).Payload)).toBe('kept');
    const { events } = await second
      .client(CloudWatchLogsClient)
      .send(new FilterLogEventsCommand({ logGroupName: `/aws/lambda/${name}`, filterPattern: `"${requestId}"` }));
    expect(events!.map((e) => e.message)).toContain(`START RequestId: ${requestId} Version: $LATEST\n`);
  } finally {
    await second.close();
  }
});

// Clients labbook did not write: the AWS CLI v2 and Debian's boto3 1.26 run the
// lab's own commands against the sandbox, exactly as a student would.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { useSandbox } from './harness.ts';

const run = promisify(execFile);
const sandbox = useSandbox();

const AWS_CLI = '/usr/bin/aws';
const DEBIAN_PYTHON = '/usr/bin/python3';

async function aws(...args: string[]): Promise<unknown> {
  const { stdout } = await run(AWS_CLI, [...args, '--endpoint-url', sandbox.url, '--output', 'json'], { env: sandbox.awsEnv() });
  return stdout.trim() ? JSON.parse(stdout) : undefined;
}

describe('AWS CLI v2', () => {
  test('reports its version (the lab is written for v2)', async () => {
    const { stdout } = await run(AWS_CLI, ['--version']);
    expect(stdout).toMatch(/^aws-cli\/2\./);
  });

  test('sts get-caller-identity', async () => {
    expect(await aws('sts', 'get-caller-identity')).toEqual({
      UserId: sandbox.credentials.userId,
      Account: sandbox.accountId,
      Arn: sandbox.credentials.arn,
    });
  });

  test("the lab's DynamoDB commands: create-table, put-item, scan, delete-table", async () => {
    const created = (await aws(
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
    )) as { TableDescription: { TableName: string } };
    expect(created.TableDescription.TableName).toBe('ccbda-lambda-first');
    // The CLI's waiter polls DescribeTable; it returns at once because the table is already ACTIVE.
    await aws('dynamodb', 'wait', 'table-exists', '--table-name', 'ccbda-lambda-first');
    await aws('dynamodb', 'put-item', '--table-name', 'ccbda-lambda-first', '--item', '{"thingID": {"S": "from-the-cli"}}');
    const scanned = (await aws('dynamodb', 'scan', '--table-name', 'ccbda-lambda-first')) as { Items: unknown[]; Count: number };
    expect(scanned.Items).toEqual([{ thingID: { S: 'from-the-cli' } }]);
    await aws('dynamodb', 'delete-table', '--table-name', 'ccbda-lambda-first');
    const listed = (await aws('dynamodb', 'list-tables')) as { TableNames: string[] };
    expect(listed.TableNames).not.toContain('ccbda-lambda-first');
  });

  test('expired credentials fail the way they fail on AWS', async () => {
    const expired = await sandbox.issueCredentials({ durationSeconds: 0 });
    const failure = await run(AWS_CLI, ['sts', 'get-caller-identity', '--endpoint-url', sandbox.url], { env: sandbox.awsEnv(expired) }).catch((e) => e);
    expect(failure.stderr).toContain(
      'An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired',
    );
  });
});

describe("Debian's boto3", () => {
  const script = `
import json, os, sys, boto3
endpoint = os.environ['AWS_ENDPOINT_URL']
ddb = boto3.client('dynamodb', endpoint_url=endpoint)
sts = boto3.client('sts', endpoint_url=endpoint)
ddb.create_table(TableName='boto-things', BillingMode='PAY_PER_REQUEST',
    AttributeDefinitions=[{'AttributeName': 'thingID', 'AttributeType': 'S'}],
    KeySchema=[{'AttributeName': 'thingID', 'KeyType': 'HASH'}])
ddb.get_waiter('table_exists').wait(TableName='boto-things')
ddb.put_item(TableName='boto-things', Item={'thingID': {'S': 'from-boto3'}})
items = ddb.scan(TableName='boto-things')['Items']
ddb.delete_table(TableName='boto-things')
try:
    ddb.describe_table(TableName='boto-things')
    gone = False
except ddb.exceptions.ResourceNotFoundException:
    gone = True
print(json.dumps({'boto3': boto3.__version__, 'items': items, 'gone': gone,
                  'arn': sts.get_caller_identity()['Arn']}))
`;

  test("the lab's DynamoDB calls and get_caller_identity", async () => {
    const { stdout } = await run(DEBIAN_PYTHON, ['-c', script], { env: sandbox.awsEnv() });
    const result = JSON.parse(stdout);
    expect(result.boto3).toMatch(/^1\.26\./);
    expect(result.items).toEqual([{ thingID: { S: 'from-boto3' } }]);
    expect(result.gone).toBe(true);
    expect(result.arn).toBe(sandbox.credentials.arn);
  });

  test('a wrong secret is InvalidSignatureException, as botocore sees it on AWS', async () => {
    const wrong = { ...sandbox.credentials, secretAccessKey: 'y'.repeat(40) };
    const probe = `
import boto3, botocore, os
try:
    boto3.client('dynamodb', endpoint_url=os.environ['AWS_ENDPOINT_URL']).list_tables()
except botocore.exceptions.ClientError as e:
    print(e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode'])
`;
    const { stdout } = await run(DEBIAN_PYTHON, ['-c', probe], { env: sandbox.awsEnv(wrong) });
    expect(stdout.trim()).toBe('InvalidSignatureException 400');
  });
});

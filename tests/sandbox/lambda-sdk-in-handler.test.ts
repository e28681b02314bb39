// Handlers that call AWS themselves, unchanged from what runs on AWS: boto3 on
// both of the machine's Pythons (Debian's boto3 1.26 ignores AWS_ENDPOINT_URL),
// and the AWS SDK for JavaScript from CommonJS and ES module handlers.
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, describe, expect, test } from 'vitest';
import { onDemandTable } from './dynamodb-helpers.ts';
import { testSandbox, useSandbox, type TestSandbox } from './harness.ts';
import { decode, deploy } from './lambda-helpers.ts';

const PUT_ITEM_PY = `
import boto3, logging, os

# As the lab's functions do: INFO from every logger, botocore's included.
logging.getLogger().setLevel(logging.INFO)

# Built the way the lab builds it: no endpoint, region in code.
dynamodb = boto3.client('dynamodb', region_name='us-east-1')
# And with an explicit real AWS endpoint, as handlers that build one by hand do.
explicit = boto3.client('dynamodb', region_name='us-east-1', endpoint_url='https://dynamodb.us-east-1.amazonaws.com')

def handler(event, context):
    client = explicit if event.get('explicit') else dynamodb
    client.put_item(TableName=event['table'], Item={'thingID': {'S': event['id']}, 'by': {'S': boto3.__version__}})
    return {'boto3': boto3.__version__, 'endpointSetting': os.environ.get('AWS_ENDPOINT_URL')}
`;

async function createTable(sandbox: TestSandbox, name: string) {
  await sandbox.client(DynamoDBClient).send(onDemandTable(name, 'thingID'));
}

async function readItem(sandbox: TestSandbox, table: string, id: string) {
  const { Item } = await sandbox.client(DynamoDBClient).send(new GetItemCommand({ TableName: table, Key: { thingID: { S: id } } }));
  return Item;
}

const pythons = [
  { label: "pyenv's python3 (boto3 1.4x)", python: 'python3', boto3: /^1\.(4\d|3\d|2[89])\./ },
  { label: "Debian's /usr/bin/python3 (boto3 1.26)", python: '/usr/bin/python3', boto3: /^1\.26\./ },
];

describe.each(pythons)('a boto3 handler run by $label', ({ python, boto3 }) => {
  let sandbox: TestSandbox & { close(): Promise<void> };
  afterAll(() => sandbox?.close());

  test('writes to DynamoDB through the sandbox; the item reads back with the SDK', async () => {
    sandbox = await testSandbox({ lambda: { python } });
    await createTable(sandbox, 'ccbda-lambda-first');
    const lambda = sandbox.client(LambdaClient);
    const name = await deploy(lambda, sandbox.accountId, { files: { 'app.py': PUT_ITEM_PY } });
    for (const explicit of [false, true]) {
      const id = explicit ? 'explicit-endpoint' : 'default-endpoint';
      const output = await lambda.send(
        new InvokeCommand({ FunctionName: name, Payload: JSON.stringify({ table: 'ccbda-lambda-first', id, explicit }), LogType: 'Tail' }),
      );
      expect(output.FunctionError, Buffer.from(output.Payload ?? []).toString()).toBeUndefined();
      expect(decode(output.Payload).boto3).toMatch(boto3);
      expect(await readItem(sandbox, 'ccbda-lambda-first', id)).toEqual({ thingID: { S: id }, by: { S: decode(output.Payload).boto3 } });
      // As on AWS: no AWS_ENDPOINT_URL, so botocore logs nothing about where its endpoint came from.
      expect(decode(output.Payload).endpointSetting).toBeNull();
      const tail = Buffer.from(output.LogResult!, 'base64').toString();
      expect(tail).toContain('START RequestId: ');
      expect(tail).not.toContain('INIT_START');
      expect(tail).not.toContain('Found endpoint');
    }
    // The log stream says once which Python ran the function: not 3.13, so how to get one.
    const { events } = await sandbox.client(CloudWatchLogsClient).send(new FilterLogEventsCommand({ logGroupName: `/aws/lambda/${name}` }));
    const starts = (events ?? []).filter((event) => event.message!.startsWith('INIT_START'));
    expect(starts.map((event) => event.message)).toEqual([
      expect.stringMatching(
        /^INIT_START Runtime Version: python3\.13 \(sandbox: no Python 3\.13 with boto3 on this machine, so Python 3\.11\.\d+ at \S+, boto3 1\.\d+\.\d+ runs it; install Python 3\.13 with boto3, or name one with LABBOOK_PYTHON_3_13\)/,
      ),
    ]);
  });
});

describe('Node.js handlers use the preinstalled AWS SDK', () => {
  const sandbox = useSandbox();
  const handlers = {
    'CommonJS (index.js, require)': {
      Handler: 'index.handler',
      files: {
        'index.js': `
          const { DynamoDBClient, PutItemCommand } = require('@aws-sdk/client-dynamodb');
          const client = new DynamoDBClient({});
          exports.handler = async (event) => {
            await client.send(new PutItemCommand({ TableName: 'things', Item: { thingID: { S: event.id } } }));
            return 'stored';
          };`,
      },
    },
    'a client built with the real AWS endpoint': {
      Handler: 'explicit.handler',
      files: {
        'explicit.mjs': `
          import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
          const client = new DynamoDBClient({ endpoint: 'https://dynamodb.us-east-1.amazonaws.com' });
          export const handler = async (event) => {
            await client.send(new PutItemCommand({ TableName: 'things', Item: { thingID: { S: event.id } } }));
            return 'stored';
          };`,
      },
    },
    'ES module (app.mjs, import)': {
      Handler: 'app.handler',
      files: {
        'app.mjs': `
          import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
          const client = new DynamoDBClient({});
          export const handler = async (event) => {
            await client.send(new PutItemCommand({ TableName: 'things', Item: { thingID: { S: event.id } } }));
            return 'stored';
          };`,
      },
    },
  };

  test('setup: the table', async () => {
    await createTable(sandbox, 'things');
  });

  for (const [label, { Handler, files }] of Object.entries(handlers)) {
    test(`${label} writes an item the SDK reads back`, async () => {
      const lambda = sandbox.client(LambdaClient);
      const name = await deploy(lambda, sandbox.accountId, { Runtime: 'nodejs22.x', Handler, files });
      const id = `from-${Handler}`;
      const output = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: JSON.stringify({ id }) }));
      expect(output.FunctionError, Buffer.from(output.Payload ?? []).toString()).toBeUndefined();
      expect(decode(output.Payload)).toBe('stored');
      expect(await readItem(sandbox, 'things', id)).toEqual({ thingID: { S: id } });
    });
  }
});

describe('with no Python that has boto3', () => {
  test('the invocation fails with a message that says what to install', async () => {
    const sandbox = await testSandbox({ lambda: { python: '/nonexistent/python3' } });
    try {
      const lambda = sandbox.client(LambdaClient);
      const name = await deploy(lambda, sandbox.accountId, { files: { 'app.py': 'def handler(e, c):\n    return 1\n' } });
      const output = await lambda.send(new InvokeCommand({ FunctionName: name, LogType: 'Tail' }));
      expect(output.FunctionError).toBe('Unhandled');
      const error = decode(output.Payload);
      expect(error.errorType).toBe('Runtime.InvalidEntrypoint');
      expect(error.errorMessage).toContain('no Python with boto3');
      // labbook doctor's fix for this system: on Debian, Ubuntu or Fedora, their python3-boto3 package.
      expect(error.errorMessage).toContain('install python3-boto3');
      expect(Buffer.from(output.LogResult!, 'base64').toString()).toContain('install python3-boto3');
    } finally {
      await sandbox.close();
    }
  });
});

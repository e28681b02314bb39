// The boto3 rendering, run for real: Python executes the program against a stand-in `boto3`
// module that prints each call it gets, so every value is checked as the Python value boto3
// would receive. The real boto3 against the sandbox is tests/sandbox/steps-boto3.test.ts.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, test } from 'vitest';
import { renderBoto3 } from '../../src/steps/boto3.ts';
import { json, renderScript, shorthand, variable, type Command, type Script } from '../../src/steps/shells.ts';

const TRICKY = [
  'plain',
  "it's",
  'say "hi"',
  'both \' and "',
  'back\\slash',
  'a \\n b',
  'trailing\\',
  'new\nline\ttab',
  '{braces} and $dollar',
  'ünïcode é',
  '',
  '\x01',
];

// Prints `service.method {kwargs}` as JSON (bytes as text), and answers each call with `answer`.
const FAKE_BOTO3 = `
import json
answer = {'ApiId': 'a1', 'Items': [{'Name': 'x', 'ApiId': 'a1'}, {'Name': "it's", 'ApiId': 'a2'}], 'Nested': {'Id': 'n1'}}
def shown(value):
    if isinstance(value, bytes):
        return value.decode()
    return {k: shown(v) for k, v in value.items()} if isinstance(value, dict) else value
class _Client:
    def __init__(self, service, **config):
        print(json.dumps(['client', service, config]))
        self.service = service
    def get_waiter(self, name):
        client = self
        class _Waiter:
            def wait(self, **kwargs):
                print(json.dumps([client.service + '.waiter.' + name, kwargs]))
        return _Waiter()
    def __getattr__(self, method):
        def call(**kwargs):
            print(json.dumps([self.service + '.' + method, {k: shown(v) for k, v in kwargs.items()}]))
            return answer
        return call
def client(service, **config):
    return _Client(service, **config)
`;

const aws = (service: string, command: string, options: Command['options']): Command => ({ words: ['aws', service, ...command.split(' ')], options });

describe('boto3, run for real', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'labbook-boto3-'));
    await writeFile(join(dir, 'boto3.py'), FAKE_BOTO3);
    await writeFile(join(dir, 'code.zip'), 'zip bytes');
  });
  /** The calls the stand-in printed (JSON lines), then what the program printed itself. */
  const python = async (script: Script) => {
    const program = renderBoto3(script);
    expect(program).toBeDefined();
    const { stdout } = await promisify(execFile)('python3', ['-c', program!], { cwd: dir, env: { PYTHONPATH: dir, PATH: process.env.PATH } });
    const lines = stdout.trim().split('\n');
    return [...lines.filter((line) => line.startsWith('["')).map((line) => JSON.parse(line)), ...lines.filter((line) => !line.startsWith('["'))];
  };

  test('every value reaches the method as the value it was, in the operation’s own parameter names', async () => {
    const script: Script = [
      {
        kind: 'run',
        command: aws('dynamodb', 'put-item', [
          ['--table-name', 'things'],
          ['--item', json({ id: { S: TRICKY.join('|') }, deep: [1, true, null, { 'k"ey': "v'al" }] })],
          ['--limit', 3],
          ...TRICKY.map((value, i) => [`--value-${i}`, value] as const),
          ['--region', 'eu-west-1'],
          ['--endpoint-url', 'http://127.0.0.1:4566'],
        ]),
      },
    ];
    expect(await python(script)).toEqual([
      ['client', 'dynamodb', { region_name: 'eu-west-1', endpoint_url: 'http://127.0.0.1:4566' }],
      [
        'dynamodb.put_item',
        {
          TableName: 'things',
          Item: { id: { S: TRICKY.join('|') }, deep: [1, true, null, { 'k"ey': "v'al" }] },
          Limit: 3,
          ...Object.fromEntries(TRICKY.map((value, i) => [`Value${i}`, value])),
        },
      ],
    ]);
  });

  test('flags alone are booleans, files are read, shorthand is a list, CLI-only flags are dropped, CloudWatch Logs is camelCase', async () => {
    const script: Script = [
      {
        kind: 'run',
        command: aws('apigatewayv2', 'create-stage', [
          ['--no-auto-deploy'],
          ['--force'],
          ['--attribute-definitions', shorthand([{ AttributeName: 'id', AttributeType: 'S' }])],
        ]),
      },
      {
        kind: 'run',
        command: aws('lambda', 'create-function', [
          ['--zip-file', 'fileb://code.zip'],
          ['--cli-binary-format', 'raw-in-base64-out'],
        ]),
      },
      { kind: 'run', command: aws('lambda', 'update-function-code', [['--zip-file', 'fileb://code.zip']]) },
      { kind: 'run', command: aws('logs', 'create-log-group', [['--log-group-name', '/aws/lambda/f']]) },
      { kind: 'run', command: aws('kinesis', 'wait stream-exists', [['--stream-name', 's']]) },
    ];
    expect((await python(script)).filter(([what]) => what !== 'client')).toEqual([
      ['apigatewayv2.create_stage', { AutoDeploy: false, Force: true, AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] }],
      ['lambda.create_function', { Code: { ZipFile: 'zip bytes' } }],
      ['lambda.update_function_code', { ZipFile: 'zip bytes' }],
      ['logs.create_log_group', { logGroupName: '/aws/lambda/f' }],
      ['kinesis.waiter.stream_exists', { StreamName: 's' }],
    ]);
    // The CLI still gets the shorthand it always had.
    expect(renderScript(script.slice(0, 1), 'bash')).toContain('--attribute-definitions AttributeName=id,AttributeType=S');
  });

  test('variables: set, captured by a path or a JMESPath query, in f-strings, looped over, printed', async () => {
    const script: Script = [
      { kind: 'set', name: 'STAGE', value: "it's {x}" },
      {
        kind: 'capture',
        name: 'API_ID',
        command: aws('apigatewayv2', 'create-api', [
          ['--query', 'ApiId'],
          ['--output', 'text'],
        ]),
      },
      {
        kind: 'capture',
        name: 'NESTED',
        command: aws('apigatewayv2', 'get-api', [
          ['--query', 'Nested.Id'],
          ['--output', 'text'],
        ]),
        then: ['/', variable('STAGE')],
      },
      // A projection's one match, as `--output text` prints it; the query names a variable.
      { kind: 'set', name: 'NAME', value: 'x' },
      {
        kind: 'capture',
        name: 'FOUND',
        command: aws('apigatewayv2', 'get-apis', [
          ['--query', ["Items[?Name=='", variable('NAME'), "'].ApiId"]],
          ['--output', 'text'],
        ]),
      },
      {
        kind: 'each',
        name: 'ROUTE',
        values: ['GET /', '$default'],
        command: aws('apigatewayv2', 'create-route', [
          ['--route-key', variable('ROUTE')],
          ['--target', ['{', variable('API_ID'), '}/', variable('FOUND')]],
        ]),
      },
      { kind: 'print', name: 'NESTED' },
      { kind: 'run', command: aws('apigatewayv2', 'get-apis', [['--query', 'Items[].Name']]) },
    ];
    const calls = (await python(script)).filter(([what]) => what !== 'client');
    expect(calls.filter(([what]) => what === 'apigatewayv2.create_route')).toEqual([
      ['apigatewayv2.create_route', { RouteKey: 'GET /', Target: '{a1}/a1' }],
      ['apigatewayv2.create_route', { RouteKey: '$default', Target: '{a1}/a1' }],
    ]);
    expect(calls.slice(-2)).toEqual(["n1/it's {x}", `['x', "it's"]`]);
  });

  test('what boto3 has no equivalent for leaves no Python tab', () => {
    const unrenderable: Script[] = [
      [{ kind: 'run', command: { words: ['curl', 'https://example.com'], options: [] } }],
      [{ kind: 'run', command: aws('logs', 'tail /aws/lambda/f', [['--follow']]) }],
      [{ kind: 'run', command: aws('lambda', 'invoke', [['--function-name', 'f'], ['response.json']]) }],
      [{ kind: 'run', command: aws('lambda', 'invoke', [['--function-name', 'f']]), then: { bash: ' | base64 -d', powershell: '', cmd: '' } }],
      [{ kind: 'native', text: { bash: 'zip a.zip a.py', powershell: '', cmd: '' } }],
    ];
    expect(unrenderable.map(renderBoto3)).toEqual(unrenderable.map(() => undefined));
  });
});

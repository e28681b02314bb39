// Security: the sandbox's port and the Lambda Runtime API answer only labbook's own names
// and pages. A forged Host (DNS rebinding) or another website's Origin gets 403 before
// anything is read, on HTTP/1.1, cleartext HTTP/2 and WebSocket handshakes alike, the
// APIs' data planes included; the Runtime API answers only the runtimes labbook started;
// and a request without working credentials never has its body buffered.
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { execFile } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { connect as http2Connect } from 'node:http2';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startChildSandbox, type ChildSandbox } from '../reliability/child-sandbox.ts';
import { useSandbox } from '../sandbox/harness.ts';
import { allowApiGateway, deployHttpApi, type DeployedHttpApi } from '../sandbox/http-api-helpers.ts';
import { deploy } from '../sandbox/lambda-helpers.ts';
import { connect, deployWebSocketApi, type DeployedWebSocketApi } from '../sandbox/websocket-helpers.ts';

const SITE = 'http://127.0.0.1:4321';
const sandbox = useSandbox({ allowedOrigins: [SITE] });
let httpApi: DeployedHttpApi;
let webSocketApi: DeployedWebSocketApi;
let functionName: string;

beforeAll(async () => {
  const lambda = sandbox.client(LambdaClient);
  functionName = await deploy(lambda, sandbox.accountId, {
    files: { 'app.py': 'def handler(event, context):\n    return {"statusCode": 200, "body": "hello"}\n' },
  });
  const functionArn = `arn:aws:lambda:us-east-1:${sandbox.accountId}:function:${functionName}`;
  httpApi = await deployHttpApi(sandbox.client(ApiGatewayV2Client), { functionArn, routeKeys: ['$default'] });
  await allowApiGateway(lambda, functionName);
  webSocketApi = await deployWebSocketApi(sandbox, { $connect: { functionName }, $default: { functionName } });
});

interface Answer {
  status: number;
  body: string;
}

function send(url: string, { method = 'GET', headers = {} }: { method?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const { hostname, port, pathname, search } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path: pathname + search, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const LIST_TABLES = { 'x-amz-target': 'DynamoDB_20120810.ListTables', 'content-type': 'application/x-amz-json-1.0' };

describe('a forged Host (DNS rebinding) is refused on every protocol', () => {
  test('HTTP/1.1: the AWS endpoint, the credentials door and an API’s data plane', async () => {
    for (const url of [sandbox.url, `${sandbox.url}/_labbook/credentials`, httpApi.url('/')]) {
      const answer = await send(url, { method: 'POST', headers: { host: 'evil.example:4510', ...LIST_TABLES } });
      expect(answer.status, url).toBe(403);
      expect(answer.body).toMatch(/answers only to/);
    }
    // AWS's own names stay accepted: the relay forwards with them, and no rebinding page can own them.
    expect((await send(sandbox.url, { method: 'POST', headers: { host: 'dynamodb.us-east-1.amazonaws.com', ...LIST_TABLES } })).status).not.toBe(403);
  });

  test('cleartext HTTP/2, as the SDK’s Kinesis client speaks it', async () => {
    const session = http2Connect(sandbox.url);
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const stream = session.request({ ':method': 'POST', ':path': '/', ':authority': 'evil.example', ...LIST_TABLES });
        stream.on('response', (headers) => resolve(Number(headers[':status'])));
        stream.on('error', reject);
        stream.end('{}');
      });
      expect(status).toBe(403);
    } finally {
      session.close();
    }
  });

  test('a WebSocket API’s handshake', async () => {
    const refused = await connect(webSocketApi.url, { headers: { host: 'evil.example' } }).catch((error: { status?: number }) => error.status);
    expect(refused).toBe(403);
  });
});

describe('a page on another website gets nothing', () => {
  test('not the AWS endpoint, not an API’s data plane, and not its preflights', async () => {
    for (const url of [sandbox.url, httpApi.url('/')]) {
      const answer = await send(url, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'text/plain' } });
      expect(answer.status, url).toBe(403);
      expect(answer.body).not.toContain('hello');
      const preflight = await send(url, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
      expect(preflight.status).toBe(403);
    }
    // labbook's own page still reaches the API, and so do the student's own pages: the lab's client opened
    // from disk (Origin null) or served on this machine. The API's CORS configuration decides what they read.
    for (const origin of [SITE, 'null', 'http://localhost:8080']) {
      expect((await send(httpApi.url('/'), { headers: { origin } })).body, origin).toBe('hello');
    }
    // The sandbox's AWS endpoint is not an API: only labbook's page.
    expect((await send(sandbox.url, { method: 'POST', headers: { origin: 'http://localhost:8080', ...LIST_TABLES } })).status).toBe(403);
  });

  test('not a WebSocket API’s handshake', async () => {
    const refused = await connect(webSocketApi.url, { origin: 'https://evil.example' }).catch((error: { status?: number }) => error.status);
    expect(refused).toBe(403);
    const ours = await connect(webSocketApi.url, { origin: SITE });
    ours.socket.close(1000);
  });
});

describe('the Lambda Runtime API', () => {
  let runtimeApi: string;

  beforeAll(async () => {
    // Invoked once, the function's environment is running and polling its Runtime API.
    await sandbox.client(LambdaClient).send(new InvokeCommand({ FunctionName: functionName }));
    const { stdout } = await promisify(execFile)('ss', ['-H', '-l', '-t', '-n', '-p']);
    const ports = stdout
      .split('\n')
      .filter((line) => line.includes(`pid=${process.pid},`))
      .map((line) => Number(line.trim().split(/\s+/)[3].split(':').pop()))
      .filter((port) => port !== Number(new URL(sandbox.url).port));
    // The one loopback listener of this process that answers the Runtime API's paths.
    for (const port of ports) {
      const answer = await send(`http://127.0.0.1:${port}/x/2018-06-01/runtime/invocation/next`).catch(() => undefined);
      if (answer && answer.body.includes('errorType')) runtimeApi = `http://127.0.0.1:${port}`;
    }
    expect(runtimeApi).toBeDefined();
  });

  test('refuses a forged Host and any browser', async () => {
    expect((await send(`${runtimeApi}/x/2018-06-01/runtime/invocation/next`, { headers: { host: 'evil.example' } })).status).toBe(403);
    expect((await send(`${runtimeApi}/x/2018-06-01/runtime/invocation/next`, { headers: { origin: SITE } })).status).toBe(403);
  });

  test.runIf(process.getuid?.() === 0)('gives another account on this machine nothing without an environment’s own secret', async () => {
    const asNobody = promisify(execFile)('setpriv', [
      '--reuid=nobody',
      '--regid=nogroup',
      '--clear-groups',
      'curl',
      '-s',
      '-w',
      ' %{http_code}',
      `${runtimeApi}/guessed/2018-06-01/runtime/invocation/next`,
    ]);
    const { stdout } = await asNobody;
    expect(stdout).toMatch(/ 404$/);
    expect(stdout).not.toContain('requestId');
  });
});

describe('bodies of callers without credentials are never kept', () => {
  let child: ChildSandbox;
  beforeAll(async () => {
    child = await startChildSandbox();
  });
  afterAll(async () => {
    await child?.stop();
  });

  /** The process's peak resident memory so far, from the kernel (VmHWM), in MB. */
  const peakMb = async () => Number(/VmHWM:\s+(\d+) kB/.exec(await readFile(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024;

  test('twelve concurrent 60 MB POSTs without working credentials leave the peak resident memory where streaming alone puts it', async () => {
    const before = await peakMb();
    const body = Buffer.alloc(60 * 1024 * 1024, 'a');
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => {
        // Half Lambda's CreateFunction (which takes up to 70 MB) under a made-up key, then DynamoDB unsigned, and no service at all.
        const [path, headers] = [
          [
            '/2015-03-31/functions',
            {
              authorization: 'AWS4-HMAC-SHA256 Credential=ASIAGUESSEDKEY000000/20260101/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=00',
              'x-amz-date': new Date().toISOString().replace(/[-:]|\.\d{3}/g, ''),
            },
          ],
          ['/', { 'x-amz-target': 'DynamoDB_20120810.ListTables' }],
          ['/', {}],
        ][Math.min(i % 4, 2)] as [string, Record<string, string>];
        const { hostname, port } = new URL(child.url);
        return new Promise<number>((resolve) => {
          const sent = { 'content-type': 'text/plain', ...headers, 'content-length': String(body.length) };
          const req = httpRequest({ hostname, port, method: 'POST', path, headers: sent }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode!));
          });
          req.on('error', () => resolve(0));
          req.end(body);
        });
      }),
    );
    expect(answers.every((status) => status >= 400 && status < 500)).toBe(true);
    const grown = (await peakMb()) - before;
    console.info(`sandbox peak resident memory grew by ${grown.toFixed(1)} MB (before: ${before.toFixed(1)} MB)`);
    // Buffering the six Lambda bodies alone adds 6 × 60 MB (measured before: +312 to +316 MB);
    // dropping them unread leaves the sockets' own churn (measured after: 75–106 MB on a loaded 2-core machine).
    expect(grown).toBeLessThan(200);
    expect(child.alive()).toBe(true);
  });
});

// Invoking a function with a test event, as `aws lambda invoke --log-type Tail` does, and
// the test events the lab's function is meant to get from an HTTP API.
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { send } from '../calls.ts';
import { awsCommand } from '../cli.ts';
import { run, type Script } from '../shells.ts';
import type { Place, StepContext } from '../model.ts';
import { hasName, retryWhile } from '../waiting.ts';

export interface InvokeResult {
  /** Lambda's own status: 200 even when the handler raised (see functionError). */
  statusCode: number;
  /** `Unhandled` when the handler raised or timed out. */
  functionError?: string;
  /** The handler's return value as Lambda sent it (JSON text). */
  payload: string;
  /** The last 4 KB of the invocation's log. */
  logTail: string;
  /** From the REPORT line of the log. */
  report?: InvocationReport;
}

export interface InvocationReport {
  /** The invocation's id, as its log lines name it. */
  requestId: string;
  durationMs: number;
  billedMs: number;
  memoryMb: number;
  maxMemoryUsedMb: number;
  /** Present on a cold start only: the time spent starting the execution environment. */
  initMs?: number;
}

export async function invokeFunction(ctx: StepContext, functionName: string, event: string): Promise<InvokeResult> {
  const client = ctx.client(LambdaClient);
  // A function still Pending or mid-update refuses invocations with ResourceConflictException.
  const answer = await retryWhile(
    ctx,
    hasName('ResourceConflictException'),
    { text: `Invoking ${functionName}`, waitingFor: 'the function to be Active' },
    () => send(ctx, client, new InvokeCommand({ FunctionName: functionName, Payload: new TextEncoder().encode(event), LogType: 'Tail' })),
  );
  const logTail = answer.LogResult ? decodeBase64(answer.LogResult) : '';
  return {
    statusCode: answer.StatusCode ?? 0,
    functionError: answer.FunctionError,
    payload: new TextDecoder().decode(answer.Payload ?? new Uint8Array()),
    logTail,
    report: parseReport(logTail),
  };
}

function decodeBase64(text: string): string {
  const binary = atob(text);
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** Reads `REPORT RequestId: <id><tab>Duration: 1.20 ms<tab>Billed Duration: 2 ms<tab>…<tab>Init Duration: 90.00 ms`. */
function parseReport(log: string): InvocationReport | undefined {
  const line = log.split('\n').findLast((l) => l.startsWith('REPORT '));
  const requestId = line?.match(/^REPORT RequestId: (\S+)/)?.[1];
  if (!line || !requestId) return undefined;
  const fields = new Map(
    line
      .split('\t')
      .map((field) => field.split(': '))
      .filter((pair) => pair.length === 2)
      .map(([name, value]) => [name.trim(), Number.parseFloat(value)]),
  );
  const [durationMs, billedMs, memoryMb, maxMemoryUsedMb] = ['Duration', 'Billed Duration', 'Memory Size', 'Max Memory Used'].map((name) => fields.get(name));
  if (durationMs === undefined || billedMs === undefined || memoryMb === undefined || maxMemoryUsedMb === undefined) return undefined;
  return { requestId, durationMs, billedMs, memoryMb, maxMemoryUsedMb, initMs: fields.get('Init Duration') };
}

/** The command prints the base64 log tail, which each shell decodes; the function's answer goes to response.json. */
export function invokeCli(place: Place, functionName: string, event: string): Script {
  const invoke = awsCommand(place, 'lambda', 'invoke', [
    ['--function-name', functionName],
    ['--cli-binary-format', 'raw-in-base64-out'],
    ['--payload', compactJson(event)],
    ['--log-type', 'Tail'],
    ['--query', 'LogResult'],
    ['--output', 'text'],
    ['response.json'],
  ]);
  return [
    run(invoke, {
      bash: ' | base64 --decode',
      powershell: ' | ForEach-Object { [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($_)) }',
      // cmd has no base64 decoder of its own; certutil (in Windows since XP) decodes files.
      cmd: ' > log.b64 && certutil -decode -f log.b64 log.txt > nul && type log.txt',
    }),
    { kind: 'native', text: { bash: 'cat response.json', powershell: 'Get-Content response.json', cmd: 'type response.json' } },
  ];
}

/** One line of JSON for the command line; text that is not JSON is passed on as typed. */
function compactJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

export interface EventTemplate {
  name: string;
  event: string;
}

/** An HTTP API (payload format 2.0) request event, trimmed to what a handler reads. */
function httpApiEvent(method: string, { query, body }: { query?: Record<string, string>; body?: object }): object {
  const rawQueryString = query ? new URLSearchParams(query).toString() : '';
  return {
    version: '2.0',
    routeKey: `${method} /`,
    rawPath: '/',
    rawQueryString,
    headers: body ? { 'content-type': 'application/json' } : {},
    ...(query && { queryStringParameters: query }),
    requestContext: {
      http: { method, path: '/', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'labbook' },
      routeKey: `${method} /`,
      stage: '$default',
    },
    ...(body && { body: JSON.stringify(body) }),
    isBase64Encoded: false,
  };
}

export function eventTemplates(tableName: string): EventTemplate[] {
  const pretty = (value: object) => JSON.stringify(value, null, 2);
  return [
    { name: 'HTTP API GET: list the items', event: pretty(httpApiEvent('GET', { query: { TableName: tableName } })) },
    {
      name: 'HTTP API POST: put an item',
      event: pretty(httpApiEvent('POST', { body: { TableName: tableName, Item: { thingID: { S: 'lamp' }, colour: { S: 'red' } } } })),
    },
    { name: 'Empty event', event: '{}' },
  ];
}

// Security: a student's credentials stay where they were put. They are pasted into the
// page, sign requests there, and travel only inside signed headers. Nothing that labbook's
// server, its relay, the sandbox or a step writes down may contain them: not the server's
// output, not the sandbox's files (other than its own credential store, which is the
// sandbox's IAM), not a function's CloudWatch logs, not the calls a step records for the
// student to inspect. The Task 8.1 steps run here exactly as the page runs them, through
// the relay ("AWS" is the sandbox behind it, which checks signatures as AWS does).
import { CloudWatchLogsClient, DescribeLogGroupsCommand, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { cloudClient } from '../../src/cloud/clients.ts';
import { parseCredentials } from '../../src/cloud/credentials-parse.ts';
import { $target, useAws } from '../../src/cloud/target.ts';
import type { IssuedCredentials } from '../../src/sandbox/index.ts';
import type { RunningServer } from '../../src/server/server.ts';
import { eventTemplates, invokeFunction } from '../../src/steps/actions/invoke.ts';
import { STEPS } from '../../src/steps/catalogue.ts';
import type { RecordedCall } from '../../src/steps/model.ts';
import { memoryStorage } from '../../src/steps/target-records.ts';
import { madeRecords, runStep } from '../../src/steps/runner.ts';
import { browserStepContext } from '../../src/widgets/lab-step/browser-step-context.ts';
import { actAsPageOf, startTestServer } from '../sandbox/server-helpers.ts';

let server: RunningServer;
let dataDir: string;
let issued: IssuedCredentials;
const written: string[] = [];
const recorded: RecordedCall[] = [];

const blockOf = (c: IssuedCredentials) =>
  `[default]\naws_access_key_id=${c.accessKeyId}\naws_secret_access_key=${c.secretAccessKey}\naws_session_token=${c.sessionToken}\n`;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'labbook-data-'));
  // Everything the process prints, by any route.
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void written.push(args.map(String).join(' ')));
  }
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation((chunk: unknown, ...rest: unknown[]) => {
      written.push(String(chunk));
      return write(chunk as string, ...(rest as []));
    });
  }
  server = await startTestServer({ LABBOOK_SANDBOX_IN_MEMORY: '0', LABBOOK_SANDBOX_DATA: dataDir, LABBOOK_RELAY_UPSTREAM: 'sandbox' });
  actAsPageOf(server);
  const { credentialsUrl } = await (await fetch('/api/sandbox')).json();
  issued = await (await fetch(credentialsUrl, { method: 'POST', body: '{}' })).json();

  // The student pastes the credentials as AWS credentials; every call now goes through the relay.
  await useAws(parseCredentials(blockOf(issued)), 'us-east-1');
  expect($target.get()).toMatchObject({ kind: 'aws', status: 'ready' });
  const ctx = await browserStepContext({ record: (call) => void recorded.push(call), progress: () => {} });
  const records = madeRecords(memoryStorage());
  const task81 = STEPS.filter((step) => step.id.startsWith('task-8-1/'));
  for (const step of task81) await runStep(step, ctx, step.defaults(ctx), records);
  const fn = task81.find((step) => step.id === 'task-8-1/function')!;
  await invokeFunction(ctx, fn.nameOf(fn.defaults(ctx)), eventTemplates('ccbda-lambda-first')[0].event);

  // A wrong secret and an expired session fail, and their errors are written nowhere either.
  const wrong = { ...issued, secretAccessKey: issued.secretAccessKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) };
  await useAws(parseCredentials(blockOf(wrong)), 'us-east-1');
  await expect(cloudClient(DynamoDBClient, { maxAttempts: 1 }).send(new ListTablesCommand({}))).rejects.toThrow();
  await useAws(parseCredentials(blockOf(issued)), 'us-east-1');
}, 120_000);

afterAll(async () => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** The parts of the credentials that must never be written down. */
const secrets = () => [issued.secretAccessKey, issued.sessionToken];

/** The sandbox writes a temporary file and renames it over the old one: one listed a moment ago may be gone (its content is in the new one). */
async function readIfStillThere(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Buffer.alloc(0);
    throw error;
  }
}

function expectNoSecretIn(where: string, text: string): void {
  for (const secret of secrets()) expect(text.includes(secret), `${where} contains a credential`).toBe(false);
}

test('the steps really ran through the relay and recorded their calls', () => {
  expect(recorded.length).toBeGreaterThan(5);
  expect(recorded.map((call) => call.service)).toEqual(expect.arrayContaining(['DynamoDB', 'Lambda']));
});

test('nothing the server, the relay or the sandbox printed contains the credentials', () => {
  expectNoSecretIn('the process output', written.join('\n'));
});

test('the calls a step records for the student hold no credential', () => {
  expectNoSecretIn('the recorded calls', JSON.stringify(recorded));
});

test('the sandbox’s files hold them only in its own credential store', async () => {
  const files = (await readdir(dataDir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
  expect(files.length).toBeGreaterThan(3);
  const storeFiles = files.filter((file) => file.name === 'credentials.json');
  expect(storeFiles.length).toBe(1);
  // The scan does see a credential where there is one.
  const store = (await readFile(join(storeFiles[0].parentPath, storeFiles[0].name))).toString('latin1');
  expect(store).toContain(issued.secretAccessKey);
  for (const file of files) {
    if (file === storeFiles[0]) continue;
    const path = join(file.parentPath, file.name);
    expectNoSecretIn(path, (await readIfStillThere(path)).toString('latin1'));
  }
});

test('the functions’ CloudWatch logs hold no credential of the student', async () => {
  const logs = cloudClient(CloudWatchLogsClient);
  const groups = (await logs.send(new DescribeLogGroupsCommand({}))).logGroups ?? [];
  expect(groups.length).toBeGreaterThan(0);
  for (const group of groups) {
    const events = await logs.send(new FilterLogEventsCommand({ logGroupName: group.logGroupName }));
    expectNoSecretIn(group.logGroupName!, JSON.stringify(events.events));
  }
});

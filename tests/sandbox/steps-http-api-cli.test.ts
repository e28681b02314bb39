// The HTTP API sequence's CLI text, as a student copies it: one script (each step's
// commands, every later step finding API_ID, LAMBDA_ARN and INTEGRATION_ID by name), run
// with the AWS CLI v2 against the sandbox. What it makes passes the same checks as what
// the steps make, and the URL it prints answers a GET with the table's items.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { findInvokeUrl } from '../../src/steps/actions/api-address.ts';
import { putItem } from '../../src/steps/actions/table-items.ts';
import { madeRecords, runStep } from '../../src/steps/runner.ts';
import { sequenceById, sequenceInputs, sequenceScript } from '../../src/steps/sequences.ts';
import { memoryStorage } from '../../src/steps/target-records.ts';
import { checkHttpApi } from '../../src/steps/task-8-1/api-check.ts';
import { functionStep } from '../../src/steps/task-8-1/function.ts';
import { tableStep } from '../../src/steps/task-8-1/table.ts';
import { AWS_TIMINGS_FAST, useSandbox } from './harness.ts';
import { stepContext } from './step-helpers.ts';
import { renderScript, type Script } from '../../src/steps/shells.ts';

const bash = (script: Script) => renderScript(script, 'bash');

const run = promisify(execFile);
const AWS_CLI_DIR = (process.env.AWS_CLI ?? '/usr/bin/aws').replace(/\/aws$/, '');
const sandbox = useSandbox({ timings: AWS_TIMINGS_FAST });

describe('the HTTP API sequence as one AWS CLI script', () => {
  test('builds the API with names of the student’s choosing, and prints an invoke URL that answers', async () => {
    const names = { tableName: 'cli-things', functionName: 'CliCRUD', apiName: 'Cli HTTP API' };
    const place = { targetKey: `sandbox:${sandbox.accountId}`, account: sandbox.accountId, region: 'us-east-1', endpointUrl: sandbox.url };
    const ctx = { ...stepContext(sandbox), fetch: (url: string, init?: RequestInit) => fetch(url, init) };
    const records = madeRecords(memoryStorage());
    await runStep(tableStep, ctx, sequenceInputs(tableStep, place, names), records);
    await runStep(functionStep, ctx, sequenceInputs(functionStep, place, names), records);
    await putItem(ctx, 'cli-things', { thingID: { S: 'chair' } });

    const steps = sequenceById('task-8-1/http-api')!.steps.map((step) => ({ step, inputs: sequenceInputs(step, place, names) }));
    const script = bash(sequenceScript(steps, place));
    expect(script).toContain(`--query "Items[?Name=='Cli HTTP API'].ApiId"`);
    expect(script).toContain(`--source-arn "arn:aws:execute-api:us-east-1:${sandbox.accountId}:$API_ID/*/*/"`);
    expect(script).toContain(`for ROUTE in 'GET /' 'POST /' 'PUT /' 'DELETE /' 'OPTIONS /'; do`);

    // The CLI v2 students use, first on PATH; the sandbox's credentials in the environment only.
    const env = { ...sandbox.awsEnv(), PATH: `${AWS_CLI_DIR}:${process.env.PATH}` };
    const { stdout } = await run('bash', ['-e', '-c', script], { env });
    const url = await findInvokeUrl(ctx, 'Cli HTTP API', 'prod');
    expect(stdout.trim().split('\n').at(-1)).toBe(url);

    const findings = await checkHttpApi(ctx, { ...names, stageName: 'prod' });
    expect(findings.filter((finding) => !finding.ok)).toEqual([]);
    // Deployed by the CLI, without labbook's description: the check says what it cannot know.
    expect(findings.find((finding) => finding.label === 'The deployment holds the current routes and integrations')?.detail).toMatch(/was not made by labbook/);
    const answer = await fetch(`${url}?TableName=cli-things`);
    expect((await answer.json()).Items).toEqual([{ thingID: { S: 'chair' } }]);

    // Run by the steps afterwards, every part is adopted; the deployment, unknown to labbook, is made again.
    const outcomes = [];
    for (const { step, inputs } of steps) outcomes.push((await runStep(step, ctx, inputs, records)).outcome);
    expect(outcomes).toEqual(['adopted', 'adopted', 'adopted', 'adopted', 'adopted', 'updated']);
  }, 600_000);
});

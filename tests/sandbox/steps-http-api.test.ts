// Task 8.1's HTTP API steps against the sandbox: made from nothing in the chapter's order
// (API, permission, payload 2.0 integration, five routes, stage prod, deployment), a second
// run adopting every part, broken parts reported by the checks and mended by running again,
// the task-8-1/api check's GET through the invoke URL, and removal in reverse.
import { ApiGatewayV2Client, DeleteRouteCommand, GetRoutesCommand, GetStageCommand } from '@aws-sdk/client-apigatewayv2';
import { AddPermissionCommand, GetPolicyCommand, LambdaClient, RemovePermissionCommand } from '@aws-sdk/client-lambda';
import { beforeAll, describe, expect, test } from 'vitest';
import { findApiByName, findInvokeUrl } from '../../src/steps/actions/api-address.ts';
import { putItem } from '../../src/steps/actions/table-items.ts';
import type { AnyStep } from '../../src/steps/model.ts';
import { madeRecords, removeStep, runStep, type StepResult } from '../../src/steps/runner.ts';
import { findLeftovers } from '../../src/steps/teardown.ts';
import { memoryStorage } from '../../src/steps/target-records.ts';
import { checkHttpApi, task81ApiCheck } from '../../src/steps/task-8-1/api-check.ts';
import { functionStep } from '../../src/steps/task-8-1/function.ts';
import { HTTP_API_STEPS, httpApiDeploymentStep, httpApiPermissionStep, httpApiRoutesStep } from '../../src/steps/task-8-1/http-api.ts';
import { LAB_HTTP_API_NAMES } from '../../src/steps/task-8-1/names.ts';
import { tableStep } from '../../src/steps/task-8-1/table.ts';
import { useSandbox } from './harness.ts';
import { operations, stepContext, type TestStepContext } from './step-helpers.ts';

const sandbox = useSandbox();
const records = madeRecords(memoryStorage());
const place = () => ({ targetKey: '', account: sandbox.accountId, region: 'us-east-1' });

/** A step context that may also send HTTP requests, as the browser's does. */
const httpContext = (): TestStepContext => ({ ...stepContext(sandbox), fetch: (url, init) => fetch(url, init) });

async function runAll(ctx: TestStepContext): Promise<StepResult[]> {
  const results: StepResult[] = [];
  for (const step of HTTP_API_STEPS as readonly AnyStep[]) results.push(await runStep(step, ctx, step.defaults(place()), records));
  return results;
}

const labels = (findings: { label: string; ok: boolean }[]) => findings.filter((finding) => !finding.ok).map((finding) => finding.label);

async function crudApiId(): Promise<string> {
  return (await findApiByName(stepContext(sandbox), 'CrudHttpAPI'))!.ApiId!;
}

beforeAll(async () => {
  const ctx = stepContext(sandbox);
  await runStep(tableStep, ctx, tableStep.defaults(place()), records);
  await runStep(functionStep, ctx, functionStep.defaults(place()), records);
  await putItem(ctx, 'ccbda-lambda-first', { thingID: { S: 'lamp' }, colour: { S: 'red' } });
});

describe('Task 8.1’s HTTP API steps', () => {
  test('make the API from nothing in the chapter’s order, every part checked, and the deployment carries the invoke URL', async () => {
    const ctx = stepContext(sandbox);
    const results = await runAll(ctx);
    expect(results.map((result) => result.outcome)).toEqual(['created', 'created', 'created', 'created', 'created', 'created']);
    // Not one failing call from nothing (a browser prints every 4xx answer as a console error).
    expect(ctx.calls.filter((call) => call.error)).toEqual([]);
    expect(results.flatMap((result) => labels(result.findings))).toEqual([]);
    expect(operations(ctx).filter((op) => /\.(Create|Add)/.test(op))).toEqual([
      'ApiGatewayV2.CreateApi',
      'Lambda.AddPermission',
      'ApiGatewayV2.CreateIntegration',
      ...Array(5).fill('ApiGatewayV2.CreateRoute'),
      'ApiGatewayV2.CreateStage',
      'ApiGatewayV2.CreateDeployment',
    ]);

    const api = (await findApiByName(stepContext(sandbox), 'CrudHttpAPI'))!;
    const apiId = api.ApiId!;
    const deployed = results.at(-1)!.made;
    expect(deployed.url).toBe(`${api.ApiEndpoint}/prod/`);
    expect(deployed.summary).toMatch(/^Deployment \w+ is DEPLOYED on stage prod; the invoke URL is http/);
    const answer = await fetch(`${deployed.url}?TableName=ccbda-lambda-first`);
    expect(answer.status).toBe(200);
    expect((await answer.json()).Items).toEqual([{ thingID: { S: 'lamp' }, colour: { S: 'red' } }]);

    const { Policy } = await sandbox.client(LambdaClient).send(new GetPolicyCommand({ FunctionName: 'LambdaCRUD' }));
    expect(JSON.parse(Policy!).Statement).toEqual([
      expect.objectContaining({
        Sid: 'crud-http-api',
        Principal: { Service: 'apigateway.amazonaws.com' },
        Action: 'lambda:InvokeFunction',
        Condition: { ArnLike: { 'AWS:SourceArn': `arn:aws:execute-api:us-east-1:${sandbox.accountId}:${apiId}/*/*/` } },
      }),
    ]);
    const stage = await sandbox.client(ApiGatewayV2Client).send(new GetStageCommand({ ApiId: apiId, StageName: 'prod' }));
    expect(stage).toMatchObject({ AutoDeploy: false, DeploymentId: expect.any(String) });
  });

  test('a second run adopts every part and makes nothing; only AddPermission is refused, as the way to learn the statement exists', async () => {
    const ctx = stepContext(sandbox);
    const results = await runAll(ctx);
    expect(results.map((result) => result.outcome)).toEqual(['adopted', 'adopted', 'adopted', 'adopted', 'adopted', 'adopted']);
    expect(operations(ctx).filter((op) => /\.(Create|Update|Delete|Remove)/.test(op))).toEqual([]);
    expect(ctx.calls.filter((call) => call.error).map((call) => [`${call.service}.${call.operation}`, call.error?.code])).toEqual([
      ['Lambda.AddPermission', 'ResourceConflictException'],
    ]);
    const { Items } = await sandbox.client(ApiGatewayV2Client).send(new GetRoutesCommand({ ApiId: await crudApiId() }));
    expect(Items?.map((route) => route.RouteKey).sort()).toEqual(['DELETE /', 'GET /', 'OPTIONS /', 'POST /', 'PUT /']);
  });

  test('the task-8-1/api check passes, its GET through the API finding the table’s items', async () => {
    const findings = await task81ApiCheck.run(httpContext());
    expect(labels(findings)).toEqual([]);
    // Findings read as sentences: the product's name, with its article.
    expect(findings).toContainEqual({ label: 'An HTTP API', ok: true, detail: 'It is an HTTP API.' });
    expect(findings.at(-1)).toEqual({
      label: 'GET CrudHttpAPI’s invoke URL ?TableName=ccbda-lambda-first answers 200 with the table’s items',
      ok: true,
      detail: 'It returned all 1 item(s).',
    });
    const withoutHttp = await task81ApiCheck.run(stepContext(sandbox));
    expect(withoutHttp.at(-1)).toMatchObject({ ok: false, detail: 'Not tried: requests cannot be sent from here.' });
  });

  test('a missing route is reported by the routes and deployment checks, and running both again mends the API', async () => {
    const client = sandbox.client(ApiGatewayV2Client);
    const apiId = await crudApiId();
    const { Items } = await client.send(new GetRoutesCommand({ ApiId: apiId }));
    await client.send(new DeleteRouteCommand({ ApiId: apiId, RouteId: Items!.find((route) => route.RouteKey === 'DELETE /')!.RouteId }));

    const findings = await checkHttpApi(httpContext(), LAB_HTTP_API_NAMES);
    expect(findings.filter((finding) => !finding.ok)).toEqual([
      { label: 'Route DELETE / → LambdaCRUD', ok: false, detail: 'CrudHttpAPI has no route DELETE /.' },
      {
        label: 'The deployment holds the current routes and integrations',
        ok: false,
        detail: 'Routes or integrations changed after the last deployment: deploy again to serve them.',
      },
      { label: expect.stringMatching(/^GET CrudHttpAPI’s invoke URL/), ok: false, detail: 'Not tried: fix the API first.' },
    ]);

    const ctx = stepContext(sandbox);
    expect((await runStep(httpApiRoutesStep, ctx, httpApiRoutesStep.defaults(place()), records)).outcome).toBe('updated');
    // The route is back as it was deployed (same key, same integration): the deployment still holds it.
    expect((await runStep(httpApiDeploymentStep, ctx, httpApiDeploymentStep.defaults(place()), records)).outcome).toBe('adopted');
    expect(operations(ctx).filter((op) => /Create/.test(op))).toEqual(['ApiGatewayV2.CreateRoute']);
    expect(labels(await task81ApiCheck.run(httpContext()))).toEqual([]);
  });

  test('a route added after the deployment is served only once the deployment step runs again', async () => {
    const patch = { ...httpApiRoutesStep.defaults(place()), routeKeys: 'PATCH /' };
    await runStep(httpApiRoutesStep, stepContext(sandbox), patch, records);
    const deployment = httpApiDeploymentStep.defaults(place());
    expect(labels(await httpApiDeploymentStep.check(stepContext(sandbox), deployment))).toEqual(['The deployment holds the current routes and integrations']);
    const url = (await findInvokeUrl(stepContext(sandbox), 'CrudHttpAPI', 'prod'))!;
    expect((await fetch(url, { method: 'PATCH' })).status).toBe(404);

    const ctx = stepContext(sandbox);
    const redeployed = await runStep(httpApiDeploymentStep, ctx, deployment, records);
    expect(redeployed.outcome).toBe('updated');
    expect(labels(redeployed.findings)).toEqual([]);
    const answer = await fetch(url, { method: 'PATCH' });
    // LambdaCRUD answers a method it does not know with 400: the request reached it.
    expect([answer.status, await answer.json()]).toEqual([400, { error: 'Unsupported method "PATCH"' }]);
    expect(await removeStep(httpApiRoutesStep, stepContext(sandbox), patch, records)).toBe(true);
  });

  test('a statement without a source ARN is reported, and running the step again limits it to the API', async () => {
    const lambda = sandbox.client(LambdaClient);
    await lambda.send(new RemovePermissionCommand({ FunctionName: 'LambdaCRUD', StatementId: 'crud-http-api' }));
    await lambda.send(
      new AddPermissionCommand({
        FunctionName: 'LambdaCRUD',
        StatementId: 'crud-http-api',
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
      }),
    );
    const inputs = httpApiPermissionStep.defaults(place());
    const apiId = await crudApiId();
    const wanted = `arn:aws:execute-api:us-east-1:${sandbox.accountId}:${apiId}/*/*/`;
    expect((await httpApiPermissionStep.check(stepContext(sandbox), inputs)).filter((finding) => !finding.ok)).toEqual([
      { label: `Only for ${wanted}`, ok: false, detail: 'It names no source ARN: any API Gateway API, in any account, may invoke the function.' },
    ]);
    const ctx = stepContext(sandbox);
    const result = await runStep(httpApiPermissionStep, ctx, inputs, records);
    expect(result.outcome).toBe('updated');
    expect(labels(result.findings)).toEqual([]);
    expect(operations(ctx)).toEqual(expect.arrayContaining(['Lambda.RemovePermission']));
  });

  test('without the function the permission step fails with a hint to make it first', async () => {
    const inputs = { ...httpApiPermissionStep.defaults(place()), functionName: 'NoSuchFunction' };
    await expect(runStep(httpApiPermissionStep, stepContext(sandbox), inputs, madeRecords(memoryStorage()))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'There is no function named NoSuchFunction in us-east-1.',
    });
  });

  test('teardown finds every part it can look up by its recorded name, with what each costs', async () => {
    const leftovers = await findLeftovers(stepContext(sandbox), records);
    expect(leftovers.map((leftover) => [leftover.name, leftover.origin, leftover.cost?.text.split(':')[0]])).toEqual([
      ['CrudHttpAPI/prod', 'made', 'Part of its API'],
      ['CrudHttpAPI/prod', 'made', 'Part of its API'],
      ['CrudHttpAPI: GET /, POST /, PUT /, DELETE /, OPTIONS /', 'made', 'Part of its API'],
      ['CrudHttpAPI → LambdaCRUD', 'made', 'Part of its API'],
      ['CrudHttpAPI', 'made', 'HTTP API'],
      ['LambdaCRUD', 'made', 'Lambda function'],
      ['ccbda-lambda-first', 'made', 'DynamoDB table, on-demand'],
    ]);
  });

  test('removing in reverse order takes every part away, and a second removal finds nothing', async () => {
    const ctx = stepContext(sandbox);
    // An earlier deployment no stage serves any more: the deployment step's remove deletes it.
    const reversed = [...(HTTP_API_STEPS as readonly AnyStep[])].reverse();
    const removed: boolean[] = [];
    for (const step of reversed) removed.push(await removeStep(step, ctx, step.defaults(place()), records));
    // deployment (the earlier, unserved one), stage, routes, integration, permission, API
    expect(removed).toEqual([true, true, true, true, true, true]);
    expect(await findApiByName(ctx, 'CrudHttpAPI')).toBeUndefined();
    await expect(sandbox.client(LambdaClient).send(new GetPolicyCommand({ FunctionName: 'LambdaCRUD' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    expect(Object.keys(records.all(ctx.targetKey)).filter((id) => id.includes('http-api'))).toEqual([]);

    const again: boolean[] = [];
    for (const step of reversed) again.push(await removeStep(step, ctx, step.defaults(place()), records));
    expect(again).toEqual([false, false, false, false, false, false]);
  });
});

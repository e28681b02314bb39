// The attack the security review found, replayed in Chromium against `labbook start`:
// someone's API answers with a page, a script and a service worker allowed scope `/`;
// another website navigates the student's tab to that API through labbook's relay, hoping
// to run as labbook (take sandbox credentials, register a worker that steals pasted AWS
// keys). "AWS" is the test sandbox behind the relay, which plays the attacker's API.
import { ApiGatewayV2Client, DeleteApiCommand } from '@aws-sdk/client-apigatewayv2';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { expect, test } from '@playwright/test';
import { labRoleArn, lambdaFunctionStep } from '../../src/steps/resources/lambda-function.ts';
import { madeRecords, runStep } from '../../src/steps/runner.ts';
import { memoryStorage } from '../../src/steps/target-records.ts';
import { allowApiGateway, deployHttpApi } from '../sandbox/http-api-helpers.ts';
import { removeFromSandbox, sandboxContext } from './sandbox-resources.ts';

const FUNCTION = 'RelayAttackPage';
// Every answer: HTML whose script would fetch sandbox credentials and register a service worker at `/`.
const ATTACKER_SOURCE = `
def handler(event, context):
    path = event.get("rawPath", "")
    if path.endswith(".js"):
        body = "window.ATTACKED = true; navigator.serviceWorker.register('sw.js', {scope: '/'}); fetch('/api/sandbox/credentials', {method: 'POST'})"
        kind = "text/javascript"
    else:
        body = "<!doctype html><title>attacker</title><h1 id=owned>attacker page</h1><script src=x.js></script>"
        kind = "text/html"
    return {"statusCode": 200, "headers": {"content-type": kind, "service-worker-allowed": "/"}, "body": body}
`;

test('a tab sent to a relayed API page gets a refusal: nothing of it renders or runs, and no worker registers on labbook', async ({ page, request }) => {
  await removeFromSandbox(request, { functions: [FUNCTION] });
  const ctx = await sandboxContext(request);
  const inputs = {
    functionName: FUNCTION,
    runtime: 'python3.13',
    handler: 'app.handler',
    roleArn: labRoleArn(ctx.account),
    code: ATTACKER_SOURCE,
    timeout: 10,
    memorySize: 128,
    environment: {},
  };
  await runStep(
    lambdaFunctionStep('spec/attacker', 'Deploy the attacker', () => inputs),
    ctx,
    inputs,
    madeRecords(memoryStorage()),
  );
  const gateway = ctx.client(ApiGatewayV2Client);
  const functionArn = `arn:aws:lambda:${ctx.region}:${ctx.account}:function:${FUNCTION}`;
  const api = await deployHttpApi(gateway, { name: 'RelayAttackApi', functionArn, routeKeys: ['$default'], stageName: 'prod' });
  await allowApiGateway(ctx.client(LambdaClient), FUNCTION);
  try {
    const relay = await (await request.get('/api/relay')).json();
    const attackUrl = `${relay.url}${api.apiId}.execute-api.${ctx.region}.amazonaws.com/prod/`;
    // Behind the relay the page is there: the relay is what stops it, not a missing API.
    const direct = await request.fetch(attackUrl, { headers: { 'x-labbook-relay': relay.key } });
    expect(await direct.text()).toContain('attacker page');

    // The other website's move: a top-level navigation of the student's (signed-in) tab.
    await page.goto('/');
    // Even a page that got through would be another origin than labbook's, with none of its storage.
    expect(new URL(attackUrl).origin).not.toBe(new URL(page.url()).origin);
    const response = await page.goto(attackUrl);
    expect(response?.status()).toBe(403);
    await expect(page.locator('#owned')).toHaveCount(0);
    expect(await page.evaluate(() => (window as { ATTACKED?: boolean }).ATTACKED)).toBeUndefined();

    // Back on labbook: no service worker controls or is registered for its pages.
    await page.goto('/kwargs/');
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
    expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
  } finally {
    await gateway.send(new DeleteApiCommand({ ApiId: api.apiId }));
    await removeFromSandbox(request, { functions: [FUNCTION] });
  }
});

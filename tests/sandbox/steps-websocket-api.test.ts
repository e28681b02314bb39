// The generic API Gateway steps composed for a WebSocket API, as Task 8.2 composes them:
// an API routed by $request.body.action, a payload 1.0 Lambda integration, the $connect,
// $disconnect and $default routes, a permission for any route of the API, and a stage that
// deploys itself. A client then connects; a payload 2.0 integration gets AWS's refusal.
import { describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { invokeUrlOf } from '../../src/steps/actions/api-address.ts';
import { explainFailure } from '../../src/steps/errors.ts';
import type { AnyStep } from '../../src/steps/model.ts';
import { apiStep } from '../../src/steps/resources/api-gateway-api.ts';
import { lambdaIntegrationStep } from '../../src/steps/resources/api-integration.ts';
import { routesStep } from '../../src/steps/resources/api-routes.ts';
import { stageStep } from '../../src/steps/resources/api-stage.ts';
import { labRoleArn, lambdaFunctionStep } from '../../src/steps/resources/lambda-function.ts';
import { apiInvokePermissionStep } from '../../src/steps/resources/lambda-permission.ts';
import { madeRecords, runStep } from '../../src/steps/runner.ts';
import { memoryStorage } from '../../src/steps/target-records.ts';
import { requireApi } from '../../src/steps/resources/api-lookups.ts';
import { useSandbox } from './harness.ts';
import { stepContext } from './step-helpers.ts';
import { renderScript, type Script } from '../../src/steps/shells.ts';

const bash = (script: Script) => renderScript(script, 'bash');

const sandbox = useSandbox();
const place = () => ({ targetKey: '', account: sandbox.accountId, region: 'us-east-1' });

const CONNECT_HANDLER = 'def handler(event, context):\n    return {"statusCode": 200}\n';
const connectFunction = lambdaFunctionStep('test/ws-function', 'A function for every route', (p) => ({
  functionName: 'StepsWsHandler',
  runtime: 'python3.13',
  handler: 'app.handler',
  roleArn: labRoleArn(p.account),
  code: CONNECT_HANDLER,
  timeout: 3,
  memorySize: 128,
  environment: {},
}));

const names = { apiName: 'StepsWsAPI', functionName: 'StepsWsHandler' };
const wsApi = apiStep('test/ws-api', 'WebSocket API', { apiName: names.apiName, protocol: 'WEBSOCKET', routeSelectionExpression: '$request.body.action' });
const wsIntegration = lambdaIntegrationStep('test/ws-integration', 'Integration', { ...names, payloadFormatVersion: '1.0' });
const wsRoutes = routesStep('test/ws-routes', 'Routes', { ...names, routeKeys: '$connect, $disconnect, $default' });
const wsPermission = apiInvokePermissionStep('test/ws-permission', 'Permission', { ...names, statementId: 'steps-ws-api', routePattern: '*' });
const wsStage = stageStep('test/ws-stage', 'Stage', { apiName: names.apiName, stageName: 'dev', autoDeploy: true });

/** Resolves when the connection opens, rejects with the HTTP status when the handshake is refused. */
function connect(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => reject(new Error(`handshake answered ${response.statusCode}`)));
    socket.once('error', reject);
  });
}

describe('the API Gateway steps for a WebSocket API', () => {
  test('wire a WebSocket API that a client can connect to, its stage deploying itself', async () => {
    const ctx = stepContext(sandbox);
    const records = madeRecords(memoryStorage());
    await runStep(connectFunction, ctx, connectFunction.defaults(place()), records);
    const steps: AnyStep[] = [wsApi, wsPermission, wsIntegration, wsRoutes, wsStage];
    const results = [];
    for (const step of steps) results.push(await runStep(step, ctx, step.defaults(place()), records));
    expect(results.map((result) => result.outcome)).toEqual(['created', 'created', 'created', 'created', 'created']);
    expect(results.flatMap((result) => result.findings).filter((finding) => !finding.ok)).toEqual([]);
    expect(ctx.calls.filter((call) => call.error)).toEqual([]);
    expect(results[0].made.summary).toMatch(/^StepsWsAPI: WEBSOCKET API \w+, routes chosen by \$request\.body\.action, endpoint ws/);

    const api = await requireApi(ctx, names.apiName);
    const socket = await connect(invokeUrlOf(api, 'dev'));
    socket.close();
  });

  test('a payload 2.0 integration on a WebSocket API fails with API Gateway’s own error', async () => {
    const inputs = { ...wsIntegration.defaults(place()), payloadFormatVersion: '2.0' as const };
    await runStep(connectFunction, stepContext(sandbox), connectFunction.defaults(place()), madeRecords(memoryStorage()));
    const failure = await runStep(wsIntegration, stepContext(sandbox), inputs, madeRecords(memoryStorage())).catch(explainFailure);
    // The 1.0 integration made above is adopted and would be changed: API Gateway refuses the change.
    expect(failure).toMatchObject({ code: 'BadRequestException', message: expect.stringMatching(/payload format version 2\.0/i) });
  });

  test('the CLI text names the route selection expression and auto-deploy', () => {
    const at = { ...place(), targetKey: 'aws:123456789012:us-east-1', account: '123456789012' };
    expect(bash(wsApi.cli(wsApi.defaults(at), at))).toBe(
      [
        'API_ID=$(aws apigatewayv2 create-api \\',
        '  --name StepsWsAPI \\',
        '  --protocol-type WEBSOCKET \\',
        "  --route-selection-expression '$request.body.action' \\",
        '  --query ApiId \\',
        '  --output text \\',
        '  --region us-east-1)',
        'echo "$API_ID"',
      ].join('\n'),
    );
    expect(bash(wsStage.cli(wsStage.defaults(at), at))).toMatch(/--stage-name "\$STAGE" \\\n {2}--auto-deploy \\\n {2}--region us-east-1$/);
    expect(bash(wsPermission.cli(wsPermission.defaults(at), at))).toContain('--source-arn "arn:aws:execute-api:us-east-1:123456789012:$API_ID/*"');
  });
});

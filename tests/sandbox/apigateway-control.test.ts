// The API Gateway v2 control plane in the sandbox: every operation and error
// through the SDK v3 client, what a stage serves (its last deployment, not
// unsaved edits), restarts, and the lab's Task 8.1 commands through the AWS CLI v2.
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateDeploymentCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateRouteResponseCommand,
  CreateStageCommand,
  DeleteApiCommand,
  DeleteDeploymentCommand,
  DeleteIntegrationCommand,
  DeleteRouteCommand,
  DeleteRouteResponseCommand,
  DeleteStageCommand,
  GetApiCommand,
  GetApisCommand,
  GetDeploymentCommand,
  GetDeploymentsCommand,
  GetIntegrationCommand,
  GetIntegrationsCommand,
  GetRouteCommand,
  GetRouteResponseCommand,
  GetRouteResponsesCommand,
  GetRoutesCommand,
  GetStageCommand,
  GetStagesCommand,
  UpdateApiCommand,
  UpdateIntegrationCommand,
  UpdateRouteCommand,
  UpdateStageCommand,
  type CreateIntegrationCommandInput,
} from '@aws-sdk/client-apigatewayv2';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ApiStore } from '../../src/sandbox/apigateway/api-store.ts';
import { fileStore } from '../../src/sandbox/storage/document-store.ts';
import { rawRequest, signRequest, testSandbox, useSandbox } from './harness.ts';
import { awsCli, awsCliError, failure, withDataDir } from './service-helpers.ts';

const sandbox = useSandbox();
const gateway = () => sandbox.client(ApiGatewayV2Client);
const lambdaArn = (name = 'LambdaCRUD') => `arn:aws:lambda:us-east-1:${sandbox.accountId}:function:${name}`;

async function httpApi(name = 'CrudHttpAPI') {
  return gateway().send(new CreateApiCommand({ Name: name, ProtocolType: 'HTTP' }));
}

async function webSocketApi(name = 'FlightsWebSocketAPI') {
  return gateway().send(new CreateApiCommand({ Name: name, ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' }));
}

async function lambdaIntegration(ApiId: string, input: Partial<CreateIntegrationCommandInput> = {}) {
  return gateway().send(
    new CreateIntegrationCommand({ ApiId, IntegrationType: 'AWS_PROXY', IntegrationUri: lambdaArn(), PayloadFormatVersion: '2.0', ...input }),
  );
}

describe('APIs', () => {
  test('CreateApi (HTTP) answers as AWS does, with an endpoint on the sandbox', async () => {
    const api = await httpApi();
    expect(api.ApiId).toMatch(/^[a-z0-9]{10}$/);
    expect(api).toMatchObject({
      ApiEndpoint: `${sandbox.url}/_api/${api.ApiId}`,
      ApiKeySelectionExpression: '$request.header.x-api-key',
      Name: 'CrudHttpAPI',
      ProtocolType: 'HTTP',
      RouteSelectionExpression: '$request.method $request.path',
    });
    expect(Date.now() - api.CreatedDate!.getTime()).toBeLessThan(60_000);
    const { $metadata: _created, ...created } = api;
    const { $metadata: _got, ...got } = await gateway().send(new GetApiCommand({ ApiId: api.ApiId }));
    expect(got).toEqual(created);
  });

  test('CreateApi (WEBSOCKET): ws:// endpoint, its route selection expression required', async () => {
    const api = await webSocketApi();
    expect(api).toMatchObject({ ApiEndpoint: `${sandbox.url.replace('http', 'ws')}/_api/${api.ApiId}`, RouteSelectionExpression: '$request.body.action' });
    expect(await failure(gateway().send(new CreateApiCommand({ Name: 'x', ProtocolType: 'WEBSOCKET' })))).toEqual({
      name: 'BadRequestException',
      message: 'RouteSelectionExpression is a required parameter for a WEBSOCKET API.',
      status: 400,
    });
    expect(
      await failure(
        gateway().send(
          new CreateApiCommand({
            Name: 'x',
            ProtocolType: 'WEBSOCKET',
            RouteSelectionExpression: '$request.body.action',
            CorsConfiguration: { AllowOrigins: ['*'] },
          }),
        ),
      ),
    ).toMatchObject({
      name: 'BadRequestException',
      message: 'CORS configuration is supported only for HTTP APIs.',
    });
    expect(await failure(gateway().send(new CreateApiCommand({ Name: 'x', ProtocolType: 'REST' as 'HTTP' })))).toEqual({
      name: 'BadRequestException',
      message: 'Invalid protocol specified. Must be one of [HTTP, WEBSOCKET]',
      status: 400,
    });
    expect((await failure(gateway().send(new CreateApiCommand({ ProtocolType: 'HTTP' } as never)))).message).toBe(
      "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
    );
  });

  test('GetApis lists and pages; UpdateApi changes settings, CORS included; DeleteApi removes', async () => {
    const client = gateway();
    const a = await httpApi('list-a');
    const b = await httpApi('list-b');
    const all = await client.send(new GetApisCommand({}));
    expect(all.Items!.map((i) => i.ApiId)).toEqual(expect.arrayContaining([a.ApiId, b.ApiId]));
    const first = await client.send(new GetApisCommand({ MaxResults: '1' }));
    expect(first.Items).toHaveLength(1);
    const second = await client.send(new GetApisCommand({ MaxResults: '1', NextToken: first.NextToken }));
    expect(second.Items![0].ApiId).not.toBe(first.Items![0].ApiId);
    // A token the sandbox never gave out is refused, even one that decodes to nothing.
    for (const NextToken of ['!!!', '-1', 'MDE']) {
      expect(await failure(client.send(new GetApisCommand({ NextToken })))).toMatchObject({
        name: 'BadRequestException',
        message: 'Invalid nextToken',
        status: 400,
      });
    }
    // An empty list is an empty page, not an error.
    expect((await client.send(new GetRoutesCommand({ ApiId: a.ApiId }))).Items).toEqual([]);

    const cors = { AllowOrigins: ['http://127.0.0.1:4321'], AllowMethods: ['GET', 'POST'], AllowHeaders: ['content-type'], MaxAge: 300 };
    const updated = await client.send(new UpdateApiCommand({ ApiId: a.ApiId, Name: 'renamed', Description: 'CRUD', CorsConfiguration: cors }));
    expect(updated).toMatchObject({ ApiId: a.ApiId, Name: 'renamed', Description: 'CRUD', CorsConfiguration: cors });
    expect((await client.send(new GetApiCommand({ ApiId: a.ApiId }))).CorsConfiguration).toEqual(cors);
    expect((await failure(client.send(new UpdateApiCommand({ ApiId: a.ApiId, RouteSelectionExpression: '$request.body.action' })))).name).toBe(
      'BadRequestException',
    );
    expect(
      await failure(client.send(new UpdateApiCommand({ ApiId: a.ApiId, CorsConfiguration: { AllowOrigins: ['*'], AllowCredentials: true } }))),
    ).toMatchObject({
      name: 'BadRequestException',
    });

    await client.send(new DeleteApiCommand({ ApiId: b.ApiId }));
    expect(await failure(client.send(new GetApiCommand({ ApiId: b.ApiId })))).toEqual({
      name: 'NotFoundException',
      message: `Invalid API identifier specified ${sandbox.accountId}:${b.ApiId}`,
      status: 404,
    });
    expect((await failure(client.send(new DeleteApiCommand({ ApiId: b.ApiId })))).name).toBe('NotFoundException');
  });

  test('GetApis on a new sandbox is an empty list; a maxResults under 1 is refused', async () => {
    const fresh = await testSandbox();
    try {
      expect((await fresh.client(ApiGatewayV2Client).send(new GetApisCommand({}))).Items).toEqual([]);
    } finally {
      await fresh.close();
    }
    const { ApiId } = await httpApi('max-results');
    expect(await failure(gateway().send(new GetRoutesCommand({ ApiId, MaxResults: '0' })))).toMatchObject({
      name: 'BadRequestException',
      message: 'Invalid maxResults: 0',
    });
  });

  test('quick create: a Lambda target makes a 2.0 integration, a $default route and an auto-deployed $default stage', async () => {
    const client = gateway();
    const api = await client.send(new CreateApiCommand({ Name: 'quick', ProtocolType: 'HTTP', Target: lambdaArn('Quick') }));
    const [integration] = (await client.send(new GetIntegrationsCommand({ ApiId: api.ApiId }))).Items!;
    expect(integration).toMatchObject({
      ApiGatewayManaged: true,
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: lambdaArn('Quick'),
      IntegrationMethod: 'POST',
      PayloadFormatVersion: '2.0',
      ConnectionType: 'INTERNET',
      TimeoutInMillis: 30000,
    });
    const [route] = (await client.send(new GetRoutesCommand({ ApiId: api.ApiId }))).Items!;
    expect(route).toMatchObject({ ApiGatewayManaged: true, RouteKey: '$default', Target: `integrations/${integration.IntegrationId}` });
    const stage = await client.send(new GetStageCommand({ ApiId: api.ApiId, StageName: '$default' }));
    expect(stage).toMatchObject({ ApiGatewayManaged: true, AutoDeploy: true, DeploymentId: expect.stringMatching(/^[a-z0-9]{6}$/) });
    expect(stage.LastDeploymentStatusMessage).toBe(`Successfully deployed stage with deployment ID '${stage.DeploymentId}'`);
    const [deployment] = (await client.send(new GetDeploymentsCommand({ ApiId: api.ApiId }))).Items!;
    expect(deployment).toMatchObject({ DeploymentId: stage.DeploymentId, AutoDeployed: true, DeploymentStatus: 'DEPLOYED' });

    // Changing the target through UpdateApi redeploys the $default stage.
    await client.send(new UpdateApiCommand({ ApiId: api.ApiId, Target: 'https://example.org/backend' }));
    const changed = (await client.send(new GetIntegrationsCommand({ ApiId: api.ApiId }))).Items![0];
    expect(changed).toMatchObject({
      IntegrationType: 'HTTP_PROXY',
      IntegrationUri: 'https://example.org/backend',
      IntegrationMethod: 'ANY',
      PayloadFormatVersion: '1.0',
    });
    expect((await client.send(new GetStageCommand({ ApiId: api.ApiId, StageName: '$default' }))).DeploymentId).not.toBe(stage.DeploymentId);
  });

  test('quick create takes the invocation URI form and a route key; WebSocket APIs have no quick create', async () => {
    const client = gateway();
    const uri = `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${lambdaArn('Quick')}/invocations`;
    const api = await client.send(new CreateApiCommand({ Name: 'quick-uri', ProtocolType: 'HTTP', Target: uri, RouteKey: 'GET /things' }));
    expect((await client.send(new GetRoutesCommand({ ApiId: api.ApiId }))).Items![0].RouteKey).toBe('GET /things');
    expect((await client.send(new GetIntegrationsCommand({ ApiId: api.ApiId }))).Items![0].IntegrationUri).toBe(uri);
    expect(
      (
        await failure(
          client.send(new CreateApiCommand({ Name: 'ws', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action', Target: lambdaArn() })),
        )
      ).name,
    ).toBe('BadRequestException');
    expect((await failure(client.send(new CreateApiCommand({ Name: 'bad', ProtocolType: 'HTTP', Target: 'not-a-target' })))).message).toBe(
      'Invalid target specified: not-a-target. Quick create takes a Lambda function ARN or an HTTP URL.',
    );
  });
});

describe('integrations', () => {
  test('AWS_PROXY to a Lambda ARN or its invocation URI; the function need not exist yet', async () => {
    const { ApiId } = await httpApi();
    const byArn = await lambdaIntegration(ApiId!, { IntegrationMethod: 'ANY' });
    expect(byArn.IntegrationId).toMatch(/^[a-z0-9]{7}$/);
    const { $metadata: _m, ...created } = byArn;
    expect(created).toEqual({
      ConnectionType: 'INTERNET',
      IntegrationId: byArn.IntegrationId,
      IntegrationMethod: 'ANY',
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: lambdaArn(),
      PayloadFormatVersion: '2.0',
      TimeoutInMillis: 30000,
    });
    const uri = `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${lambdaArn('NotYetCreated')}/invocations`;
    const byUri = await lambdaIntegration(ApiId!, { IntegrationUri: uri, PayloadFormatVersion: '1.0' });
    expect(byUri).toMatchObject({ IntegrationUri: uri, IntegrationMethod: 'POST', PayloadFormatVersion: '1.0' });
    const { $metadata: _g, ...got } = await gateway().send(new GetIntegrationCommand({ ApiId, IntegrationId: byArn.IntegrationId }));
    expect(got).toEqual(created);
    expect((await gateway().send(new GetIntegrationsCommand({ ApiId }))).Items!.map((i) => i.IntegrationId)).toEqual([
      byArn.IntegrationId,
      byUri.IntegrationId,
    ]);
  });

  test('what HTTP APIs refuse: no payload format, an unknown one, a type they lack, a bad URI, a timeout over 30 s', async () => {
    const { ApiId } = await httpApi();
    expect(await failure(lambdaIntegration(ApiId!, { PayloadFormatVersion: undefined }))).toEqual({
      name: 'BadRequestException',
      message: 'PayloadFormatVersion is a required parameter for integration',
      status: 400,
    });
    const refused = [
      { PayloadFormatVersion: '3.0' },
      { IntegrationType: 'MOCK' as const, IntegrationUri: undefined },
      { IntegrationUri: 'LambdaCRUD' },
      { IntegrationUri: 'arn:aws:lambda:us-east-1:123:function:short-account' },
      { TimeoutInMillis: 30001 },
      { TimeoutInMillis: 49 },
      { IntegrationType: 'HTTP_PROXY' as const, IntegrationUri: 'https://example.org', PayloadFormatVersion: '1.0' },
    ];
    for (const input of refused) expect((await failure(lambdaIntegration(ApiId!, input))).name).toBe('BadRequestException');
    const proxy = await lambdaIntegration(ApiId!, {
      IntegrationType: 'HTTP_PROXY',
      IntegrationUri: 'https://example.org',
      IntegrationMethod: 'GET',
      PayloadFormatVersion: undefined,
    });
    expect(proxy).toMatchObject({ PayloadFormatVersion: '1.0', IntegrationMethod: 'GET' });
  });

  test('WebSocket APIs: payload format 1.0 only, 29 s timeout, body passthrough', async () => {
    const { ApiId } = await webSocketApi();
    const integration = await lambdaIntegration(ApiId!, { PayloadFormatVersion: undefined });
    expect(integration).toMatchObject({
      IntegrationType: 'AWS_PROXY',
      IntegrationMethod: 'POST',
      PayloadFormatVersion: '1.0',
      PassthroughBehavior: 'WHEN_NO_MATCH',
      TimeoutInMillis: 29000,
      ConnectionType: 'INTERNET',
    });
    expect(await failure(lambdaIntegration(ApiId!, { PayloadFormatVersion: '2.0' }))).toEqual({
      name: 'BadRequestException',
      message: 'Unsupported payload format version 2.0 for AWS_PROXY integrations of WEBSOCKET APIs. Supported: 1.0.',
      status: 400,
    });
    expect((await failure(lambdaIntegration(ApiId!, { PayloadFormatVersion: undefined, TimeoutInMillis: 30000 }))).name).toBe('BadRequestException');
    expect((await gateway().send(new CreateIntegrationCommand({ ApiId, IntegrationType: 'MOCK' }))).PayloadFormatVersion).toBe('1.0');
  });

  test('UpdateIntegration and DeleteIntegration; an integration a route uses cannot go', async () => {
    const client = gateway();
    const { ApiId } = await httpApi();
    const { IntegrationId } = await lambdaIntegration(ApiId!);
    const updated = await client.send(new UpdateIntegrationCommand({ ApiId, IntegrationId, TimeoutInMillis: 5000, Description: 'CRUD' }));
    expect(updated).toMatchObject({ IntegrationId, TimeoutInMillis: 5000, Description: 'CRUD', PayloadFormatVersion: '2.0' });
    expect((await failure(client.send(new UpdateIntegrationCommand({ ApiId, IntegrationId, PayloadFormatVersion: '9.9' })))).name).toBe('BadRequestException');
    await client.send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /', Target: `integrations/${IntegrationId}` }));
    expect(await failure(client.send(new DeleteIntegrationCommand({ ApiId, IntegrationId })))).toMatchObject({ name: 'ConflictException', status: 409 });
    const spare = await lambdaIntegration(ApiId!);
    await client.send(new DeleteIntegrationCommand({ ApiId, IntegrationId: spare.IntegrationId }));
    expect(await failure(client.send(new GetIntegrationCommand({ ApiId, IntegrationId: spare.IntegrationId })))).toEqual({
      name: 'NotFoundException',
      message: `Invalid Integration identifier specified ${spare.IntegrationId}`,
      status: 404,
    });
    expect((await failure(client.send(new GetIntegrationsCommand({ ApiId: 'abcdefghij' })))).message).toBe(
      `Invalid API identifier specified ${sandbox.accountId}:abcdefghij`,
    );
  });
});

describe('routes', () => {
  test('HTTP route keys: methods, ANY, parameters, greedy {proxy+}, $default; and the ones AWS refuses', async () => {
    const client = gateway();
    const { ApiId } = await httpApi();
    const { IntegrationId } = await lambdaIntegration(ApiId!);
    for (const RouteKey of ['GET /', 'ANY /items/{id}', 'DELETE /items/{id}/parts/{part}', 'GET /files/{proxy+}', 'HEAD /', '$default']) {
      const route = await client.send(new CreateRouteCommand({ ApiId, RouteKey, Target: `integrations/${IntegrationId}` }));
      expect(route).toMatchObject({ RouteKey, ApiKeyRequired: false, AuthorizationType: 'NONE', Target: `integrations/${IntegrationId}` });
      expect(route.RouteId).toMatch(/^[a-z0-9]{7}$/);
    }
    for (const RouteKey of ['FETCH /', 'GET items', 'GET /{proxy+}/more', 'GET /a//b', 'GET /{bad name}', '$connect', 'GET  /', 'get /']) {
      expect((await failure(client.send(new CreateRouteCommand({ ApiId, RouteKey })))).name, RouteKey).toBe('BadRequestException');
    }
    expect(await failure(client.send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /' })))).toEqual({
      name: 'ConflictException',
      message: 'Route with key GET / already exists for this API',
      status: 409,
    });
    expect((await failure(client.send(new CreateRouteCommand({ ApiId, RouteKey: 'POST /', Target: 'integrations/nothing' })))).message).toBe(
      'Invalid target specified: integrations/nothing. A route targets an integration of its API as integrations/<integration id>.',
    );
    expect((await failure(client.send(new CreateRouteCommand({ ApiId, RouteKey: 'POST /', ApiKeyRequired: true })))).name).toBe('BadRequestException');
  });

  test('WebSocket route keys: $connect, $disconnect, $default and custom actions', async () => {
    const client = gateway();
    const { ApiId } = await webSocketApi();
    for (const RouteKey of ['$connect', '$disconnect', '$default', 'sendMessage']) {
      expect((await client.send(new CreateRouteCommand({ ApiId, RouteKey }))).RouteKey).toBe(RouteKey);
    }
    expect((await failure(client.send(new CreateRouteCommand({ ApiId, RouteKey: '$custom' })))).name).toBe('BadRequestException');
  });

  test('GetRoute(s), UpdateRoute, DeleteRoute', async () => {
    const client = gateway();
    const { ApiId } = await httpApi();
    const { IntegrationId } = await lambdaIntegration(ApiId!);
    const route = await client.send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /', Target: `integrations/${IntegrationId}` }));
    expect((await client.send(new GetRouteCommand({ ApiId, RouteId: route.RouteId }))).RouteKey).toBe('GET /');
    const updated = await client.send(new UpdateRouteCommand({ ApiId, RouteId: route.RouteId, RouteKey: 'GET /things' }));
    expect(updated).toMatchObject({ RouteId: route.RouteId, RouteKey: 'GET /things', Target: `integrations/${IntegrationId}` });
    expect((await failure(client.send(new UpdateRouteCommand({ ApiId, RouteId: route.RouteId, RouteKey: 'NOPE /' })))).name).toBe('BadRequestException');
    expect((await client.send(new GetRoutesCommand({ ApiId }))).Items!.map((r) => r.RouteKey)).toEqual(['GET /things']);
    await client.send(new DeleteRouteCommand({ ApiId, RouteId: route.RouteId }));
    expect(await failure(client.send(new GetRouteCommand({ ApiId, RouteId: route.RouteId })))).toEqual({
      name: 'NotFoundException',
      message: `Invalid Route identifier specified ${route.RouteId}`,
      status: 404,
    });
  });

  test('route responses: $default on WebSocket routes only', async () => {
    const client = gateway();
    const { ApiId } = await webSocketApi();
    const route = await client.send(new CreateRouteCommand({ ApiId, RouteKey: '$default', RouteResponseSelectionExpression: '$default' }));
    expect(route.RouteResponseSelectionExpression).toBe('$default');
    const response = await client.send(new CreateRouteResponseCommand({ ApiId, RouteId: route.RouteId, RouteResponseKey: '$default' }));
    expect(response).toMatchObject({ RouteResponseKey: '$default', RouteResponseId: expect.stringMatching(/^[a-z0-9]{6}$/) });
    expect(
      (await client.send(new GetRouteResponseCommand({ ApiId, RouteId: route.RouteId, RouteResponseId: response.RouteResponseId }))).RouteResponseKey,
    ).toBe('$default');
    expect((await client.send(new GetRouteResponsesCommand({ ApiId, RouteId: route.RouteId }))).Items).toHaveLength(1);
    expect((await failure(client.send(new CreateRouteResponseCommand({ ApiId, RouteId: route.RouteId, RouteResponseKey: '$default' })))).name).toBe(
      'ConflictException',
    );
    expect((await failure(client.send(new CreateRouteResponseCommand({ ApiId, RouteId: route.RouteId, RouteResponseKey: 'other' })))).name).toBe(
      'BadRequestException',
    );
    await client.send(new DeleteRouteResponseCommand({ ApiId, RouteId: route.RouteId, RouteResponseId: response.RouteResponseId }));
    expect(await failure(client.send(new GetRouteResponseCommand({ ApiId, RouteId: route.RouteId, RouteResponseId: response.RouteResponseId })))).toEqual({
      name: 'NotFoundException',
      message: `Invalid RouteResponse identifier specified ${response.RouteResponseId}`,
      status: 404,
    });

    const http = await httpApi();
    const httpRoute = await client.send(new CreateRouteCommand({ ApiId: http.ApiId, RouteKey: 'GET /' }));
    expect(await failure(client.send(new CreateRouteResponseCommand({ ApiId: http.ApiId, RouteId: httpRoute.RouteId, RouteResponseKey: '$default' })))).toEqual(
      {
        name: 'BadRequestException',
        message: 'Route responses are supported only for WebSocket APIs.',
        status: 400,
      },
    );
  });
});

describe('stages and deployments', () => {
  test('stages: named and $default, settings as AWS reports them, updates and deletion', async () => {
    const client = gateway();
    const { ApiId } = await httpApi();
    const prod = await client.send(new CreateStageCommand({ ApiId, StageName: 'prod', StageVariables: { table: 'ccbda-lambda-first' } }));
    const { $metadata: _m, CreatedDate, LastUpdatedDate, ...shown } = prod;
    expect(shown).toEqual({
      DefaultRouteSettings: { DetailedMetricsEnabled: false },
      RouteSettings: {},
      StageName: 'prod',
      StageVariables: { table: 'ccbda-lambda-first' },
      Tags: {},
    });
    expect(CreatedDate).toEqual(LastUpdatedDate);
    expect((await client.send(new CreateStageCommand({ ApiId, StageName: '$default' }))).StageName).toBe('$default');
    expect(await failure(client.send(new CreateStageCommand({ ApiId, StageName: 'prod' })))).toEqual({
      name: 'ConflictException',
      message: 'Stage already exists',
      status: 409,
    });
    expect((await failure(client.send(new CreateStageCommand({ ApiId, StageName: 'not ok!' })))).message).toBe(
      'Stage names can only contain alphanumeric characters, hyphens, and underscores, or be $default. Maximum length is 128 characters.',
    );
    expect((await client.send(new GetStagesCommand({ ApiId }))).Items!.map((s) => s.StageName).sort()).toEqual(['$default', 'prod']);
    const updated = await client.send(
      new UpdateStageCommand({
        ApiId,
        StageName: 'prod',
        Description: 'production',
        DefaultRouteSettings: { ThrottlingBurstLimit: 10, ThrottlingRateLimit: 2.5 },
      }),
    );
    expect(updated).toMatchObject({
      Description: 'production',
      DefaultRouteSettings: { DetailedMetricsEnabled: false, ThrottlingBurstLimit: 10, ThrottlingRateLimit: 2.5 },
    });
    await client.send(new DeleteStageCommand({ ApiId, StageName: 'prod' }));
    expect(await failure(client.send(new GetStageCommand({ ApiId, StageName: 'prod' })))).toEqual({
      name: 'NotFoundException',
      message: 'Invalid stage identifier specified',
      status: 404,
    });

    const ws = await webSocketApi();
    expect((await client.send(new CreateStageCommand({ ApiId: ws.ApiId, StageName: 'production' }))).DefaultRouteSettings).toEqual({
      DataTraceEnabled: false,
      DetailedMetricsEnabled: false,
      LoggingLevel: 'OFF',
    });
    expect((await failure(client.send(new CreateStageCommand({ ApiId: ws.ApiId, StageName: '$default' })))).name).toBe('BadRequestException');
  });

  test('deployments: none without routes; CreateDeployment points its stage; an active one cannot be deleted', async () => {
    const client = gateway();
    const { ApiId } = await httpApi();
    await client.send(new CreateStageCommand({ ApiId, StageName: 'prod' }));
    expect(await failure(client.send(new CreateDeploymentCommand({ ApiId, StageName: 'prod' })))).toEqual({
      name: 'BadRequestException',
      message: 'Unable to deploy API because no routes exist in this API',
      status: 400,
    });
    const { IntegrationId } = await lambdaIntegration(ApiId!);
    await client.send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /', Target: `integrations/${IntegrationId}` }));
    expect((await failure(client.send(new CreateDeploymentCommand({ ApiId, StageName: 'staging' })))).name).toBe('NotFoundException');
    const deployment = await client.send(new CreateDeploymentCommand({ ApiId, StageName: 'prod', Description: 'first' }));
    expect(deployment).toMatchObject({
      AutoDeployed: false,
      DeploymentStatus: 'DEPLOYED',
      Description: 'first',
      DeploymentId: expect.stringMatching(/^[a-z0-9]{6}$/),
    });
    expect((await client.send(new GetStageCommand({ ApiId, StageName: 'prod' }))).DeploymentId).toBe(deployment.DeploymentId);
    expect((await client.send(new GetDeploymentCommand({ ApiId, DeploymentId: deployment.DeploymentId }))).Description).toBe('first');
    const loose = await client.send(new CreateDeploymentCommand({ ApiId }));
    expect((await client.send(new GetDeploymentsCommand({ ApiId }))).Items!.map((d) => d.DeploymentId)).toEqual([deployment.DeploymentId, loose.DeploymentId]);
    expect(await failure(client.send(new DeleteDeploymentCommand({ ApiId, DeploymentId: deployment.DeploymentId })))).toEqual({
      name: 'BadRequestException',
      message: 'Active stages pointing to this deployment must be moved or deleted',
      status: 400,
    });
    await client.send(new DeleteDeploymentCommand({ ApiId, DeploymentId: loose.DeploymentId }));
    expect(await failure(client.send(new GetDeploymentCommand({ ApiId, DeploymentId: loose.DeploymentId })))).toEqual({
      name: 'NotFoundException',
      message: `Invalid Deployment identifier specified ${loose.DeploymentId}`,
      status: 404,
    });
    expect((await failure(client.send(new UpdateStageCommand({ ApiId, StageName: 'prod', DeploymentId: loose.DeploymentId })))).name).toBe('NotFoundException');
  });

  test('a stage serves its last deployment, not later edits, unless it auto-deploys; restarts keep everything', async () => {
    await withDataDir(async (dataDir) => {
      const before = await testSandbox({ dataDir });
      const client = before.client(ApiGatewayV2Client);
      const { ApiId } = await client.send(new CreateApiCommand({ Name: 'snapshots', ProtocolType: 'HTTP' }));
      const { IntegrationId } = await client.send(
        new CreateIntegrationCommand({
          ApiId,
          IntegrationType: 'AWS_PROXY',
          IntegrationUri: `arn:aws:lambda:us-east-1:${before.accountId}:function:F`,
          PayloadFormatVersion: '2.0',
        }),
      );
      const target = `integrations/${IntegrationId}`;
      await client.send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /', Target: target }));
      await client.send(new CreateStageCommand({ ApiId, StageName: 'prod' }));
      await client.send(new CreateStageCommand({ ApiId, StageName: 'dev', AutoDeploy: true }));
      const deployment = await client.send(new CreateDeploymentCommand({ ApiId, StageName: 'prod' }));
      // An edit after the deployment: prod keeps serving one route, dev picks up both.
      await client.send(new CreateRouteCommand({ ApiId, RouteKey: 'POST /', Target: target }));
      const devStage = await client.send(new GetStageCommand({ ApiId, StageName: 'dev' }));
      expect(devStage.DeploymentId).not.toBe(deployment.DeploymentId);
      client.destroy();
      await before.close();

      const apis = await ApiStore.open(fileStore(join(dataDir, 'apigateway')), before.accountId);
      const prod = apis.deployedStage(ApiId!, 'prod')!;
      expect(prod.stage.deploymentId).toBe(deployment.DeploymentId);
      expect(prod.routes.map((r) => r.routeKey)).toEqual(['GET /']);
      expect(prod.integrations[IntegrationId!]).toMatchObject({
        integrationUri: `arn:aws:lambda:us-east-1:${before.accountId}:function:F`,
        payloadFormatVersion: '2.0',
      });
      expect(prod.api).toMatchObject({ apiId: ApiId, protocolType: 'HTTP', routeSelectionExpression: '$request.method $request.path' });
      expect(
        apis
          .deployedStage(ApiId!, 'dev')!
          .routes.map((r) => r.routeKey)
          .sort(),
      ).toEqual(['GET /', 'POST /']);
      expect(apis.deployedStage(ApiId!, 'nope')).toBeUndefined();

      const after = await testSandbox({ dataDir });
      const again = after.client(ApiGatewayV2Client);
      const api = await again.send(new GetApiCommand({ ApiId }));
      expect(api).toMatchObject({ Name: 'snapshots', ApiEndpoint: `${after.url}/_api/${ApiId}` });
      expect((await again.send(new GetRoutesCommand({ ApiId }))).Items!.map((r) => r.RouteKey)).toEqual(['GET /', 'POST /']);
      expect((await again.send(new GetStageCommand({ ApiId, StageName: 'prod' }))).DeploymentId).toBe(deployment.DeploymentId);
      expect((await again.send(new GetDeploymentsCommand({ ApiId }))).Items).toHaveLength(3);
      again.destroy();
      await after.close();
    });
  });
});

test('malformed bodies and wrong types are BadRequestException, never a 500', async () => {
  const signed = await signRequest(sandbox.url, {
    service: 'apigateway',
    path: '/v2/apis',
    headers: { 'content-type': 'application/json' },
    body: '{"name": "broken",',
    credentials: sandbox.credentials,
  });
  const broken = await rawRequest(sandbox.url, signed);
  expect(broken.status).toBe(400);
  expect(broken.headers['x-amzn-errortype']).toBe('BadRequestException');
  expect(JSON.parse(broken.body).message).toMatch(/^Could not parse request body into json: /);

  const wrongType = await rawRequest(
    sandbox.url,
    await signRequest(sandbox.url, { service: 'apigateway', path: '/v2/apis', body: '{"name": 5, "protocolType": "HTTP"}', credentials: sandbox.credentials }),
  );
  expect([wrongType.status, wrongType.headers['x-amzn-errortype'], JSON.parse(wrongType.body).message]).toEqual([
    400,
    'BadRequestException',
    "Invalid input for 'name': expected a string.",
  ]);
});

describe('AWS CLI v2', () => {
  const aws = (...args: string[]) => awsCli(sandbox)(...args);
  const keys = (value: object) => Object.keys(value).sort();

  test("the lab's Task 8.1 API commands, with outputs shaped like the lab's", async () => {
    const api = await aws('apigatewayv2', 'create-api', '--name', 'CrudHttpAPI', '--protocol-type', 'HTTP');
    expect(keys(api)).toEqual(['ApiEndpoint', 'ApiId', 'ApiKeySelectionExpression', 'CreatedDate', 'Name', 'ProtocolType', 'RouteSelectionExpression']);
    expect(api).toMatchObject({
      Name: 'CrudHttpAPI',
      ProtocolType: 'HTTP',
      RouteSelectionExpression: '$request.method $request.path',
      ApiKeySelectionExpression: '$request.header.x-api-key',
    });
    expect(api.CreatedDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);

    const integration = await aws(
      'apigatewayv2',
      'create-integration',
      '--api-id',
      api.ApiId,
      '--integration-type',
      'AWS_PROXY',
      '--integration-uri',
      lambdaArn(),
      '--integration-method',
      'ANY',
      '--payload-format-version',
      '2.0',
    );
    expect(integration).toEqual({
      ConnectionType: 'INTERNET',
      IntegrationId: integration.IntegrationId,
      IntegrationMethod: 'ANY',
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: lambdaArn(),
      PayloadFormatVersion: '2.0',
      TimeoutInMillis: 30000,
    });

    for (const method of ['GET', 'POST', 'OPTIONS', 'PUT', 'DELETE']) {
      const route = await aws(
        'apigatewayv2',
        'create-route',
        '--api-id',
        api.ApiId,
        '--route-key',
        `${method} /`,
        '--target',
        `integrations/${integration.IntegrationId}`,
      );
      expect(route).toEqual({
        ApiKeyRequired: false,
        AuthorizationType: 'NONE',
        RouteId: route.RouteId,
        RouteKey: `${method} /`,
        Target: `integrations/${integration.IntegrationId}`,
      });
    }

    const stage = await aws('apigatewayv2', 'create-stage', '--api-id', api.ApiId, '--stage-name', 'prod', '--no-auto-deploy');
    // The lab's transcript shows no AutoDeploy: its --no-auto-deploy line lost its backslash and never reached the CLI.
    expect(keys(stage)).toEqual([
      'AutoDeploy',
      'CreatedDate',
      'DefaultRouteSettings',
      'LastUpdatedDate',
      'RouteSettings',
      'StageName',
      'StageVariables',
      'Tags',
    ]);
    expect(stage).toMatchObject({
      AutoDeploy: false,
      DefaultRouteSettings: { DetailedMetricsEnabled: false },
      RouteSettings: {},
      StageName: 'prod',
      StageVariables: {},
      Tags: {},
    });

    const deployment = await aws('apigatewayv2', 'create-deployment', '--api-id', api.ApiId, '--stage-name', 'prod');
    expect(keys(deployment)).toEqual(['AutoDeployed', 'CreatedDate', 'DeploymentId', 'DeploymentStatus']);
    expect(deployment).toMatchObject({ AutoDeployed: false, DeploymentStatus: 'DEPLOYED' });
    expect((await aws('apigatewayv2', 'get-stage', '--api-id', api.ApiId, '--stage-name', 'prod')).DeploymentId).toBe(deployment.DeploymentId);
    expect((await aws('apigatewayv2', 'get-routes', '--api-id', api.ApiId)).Items).toHaveLength(5);
  });

  test('a WebSocket API as Task 8.2 makes one, and the CLI reports AWS errors', async () => {
    const api = await aws(
      'apigatewayv2',
      'create-api',
      '--name',
      'FlightsAPI',
      '--protocol-type',
      'WEBSOCKET',
      '--route-selection-expression',
      '$request.body.action',
    );
    expect(api.ApiEndpoint).toBe(`${sandbox.url.replace('http', 'ws')}/_api/${api.ApiId}`);
    const integration = await aws(
      'apigatewayv2',
      'create-integration',
      '--api-id',
      api.ApiId,
      '--integration-type',
      'AWS_PROXY',
      '--integration-uri',
      lambdaArn('connect'),
    );
    expect(integration.PayloadFormatVersion).toBe('1.0');
    for (const key of ['$connect', '$disconnect', '$default']) {
      await aws('apigatewayv2', 'create-route', '--api-id', api.ApiId, '--route-key', key, '--target', `integrations/${integration.IntegrationId}`);
    }
    const stage = await aws('apigatewayv2', 'create-stage', '--api-id', api.ApiId, '--stage-name', 'production', '--auto-deploy');
    expect(stage).toMatchObject({ AutoDeploy: true, DeploymentId: expect.stringMatching(/^[a-z0-9]{6}$/) });
    expect(await awsCliError(sandbox, 'apigatewayv2', 'get-api', '--api-id', 'zzzzzzzzzz')).toContain(
      `An error occurred (NotFoundException) when calling the GetApi operation: Invalid API identifier specified ${sandbox.accountId}:zzzzzzzzzz`,
    );
  });
});

// An HTTP API in front of a Lambda function, made with the SDK v3 as a
// student's script would: API, AWS_PROXY integration, routes, a stage and a
// deployment. Shared by the HTTP API tests and the benchmark script.
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateDeploymentCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
  type Cors,
} from '@aws-sdk/client-apigatewayv2';
import { AddPermissionCommand, LambdaClient } from '@aws-sdk/client-lambda';

export interface HttpApiOptions {
  /** The API's name; TestHttpAPI when left out. */
  name?: string;
  functionArn: string;
  routeKeys: string[];
  /** A named stage, or '$default' (served at the API's root). */
  stageName?: string;
  payloadFormatVersion?: '1.0' | '2.0';
  timeoutInMillis?: number;
  cors?: Cors;
  stageVariables?: Record<string, string>;
}

export interface DeployedHttpApi {
  apiId: string;
  apiEndpoint: string;
  integrationId: string;
  /** The invoke URL plus a path: `<apiEndpoint>/<stage><path>`, or `<apiEndpoint><path>` for `$default`. */
  url(path?: string): string;
}

export async function deployHttpApi(gateway: ApiGatewayV2Client, options: HttpApiOptions): Promise<DeployedHttpApi> {
  const stageName = options.stageName ?? 'prod';
  const api = await gateway.send(new CreateApiCommand({ Name: options.name ?? 'TestHttpAPI', ProtocolType: 'HTTP', CorsConfiguration: options.cors }));
  const apiId = api.ApiId!;
  const integration = await gateway.send(
    new CreateIntegrationCommand({
      ApiId: apiId,
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: options.functionArn,
      IntegrationMethod: 'ANY',
      PayloadFormatVersion: options.payloadFormatVersion ?? '2.0',
      TimeoutInMillis: options.timeoutInMillis,
    }),
  );
  for (const routeKey of options.routeKeys) {
    await gateway.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: routeKey, Target: `integrations/${integration.IntegrationId}` }));
  }
  await gateway.send(new CreateStageCommand({ ApiId: apiId, StageName: stageName, AutoDeploy: false, StageVariables: options.stageVariables }));
  await gateway.send(new CreateDeploymentCommand({ ApiId: apiId, StageName: stageName }));
  const base = stageName === '$default' ? api.ApiEndpoint! : `${api.ApiEndpoint}/${stageName}`;
  return { apiId, apiEndpoint: api.ApiEndpoint!, integrationId: integration.IntegrationId!, url: (path = '/') => base + path };
}

let statements = 0;

/** Lets API Gateway invoke the function, from any API unless a source ARN narrows it (the lab's add-permission has none). */
export async function allowApiGateway(lambda: LambdaClient, functionName: string, sourceArn?: string): Promise<void> {
  statements += 1;
  await lambda.send(
    new AddPermissionCommand({
      FunctionName: functionName,
      StatementId: `apigateway-${process.pid}-${statements}`,
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      SourceArn: sourceArn,
    }),
  );
}

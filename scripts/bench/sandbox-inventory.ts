// What a sandbox holds after a provisioning run, listed the same way for both paths so
// the benchmark can say which resources each one made.
import {
  ApiGatewayV2Client,
  GetApisCommand,
  GetDeploymentsCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand,
} from '@aws-sdk/client-apigatewayv2';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetPolicyCommand, LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import type { SandboxAccess } from './sandbox-access.ts';

export interface Inventory {
  tables: string[];
  functions: Array<{ name: string; permissionStatements: number }>;
  apis: Array<{ name: string; protocol: string; integrations: number; routes: string[]; stages: string[]; deployments: number }>;
}

export async function inventory(sandbox: SandboxAccess): Promise<Inventory> {
  const lambda = sandbox.client(LambdaClient);
  const gateway = sandbox.client(ApiGatewayV2Client);
  const { TableNames = [] } = await sandbox.client(DynamoDBClient).send(new ListTablesCommand({}));
  const { Functions = [] } = await lambda.send(new ListFunctionsCommand({}));
  const functions = [];
  for (const { FunctionName = '' } of Functions) {
    const policy = await lambda.send(new GetPolicyCommand({ FunctionName })).catch(() => undefined);
    functions.push({ name: FunctionName, permissionStatements: policy?.Policy ? (JSON.parse(policy.Policy) as { Statement: unknown[] }).Statement.length : 0 });
  }
  const { Items = [] } = await gateway.send(new GetApisCommand({}));
  const apis = [];
  for (const { ApiId, Name = '', ProtocolType = '' } of Items) {
    const [integrations, routes, stages, deployments] = await Promise.all([
      gateway.send(new GetIntegrationsCommand({ ApiId })),
      gateway.send(new GetRoutesCommand({ ApiId })),
      gateway.send(new GetStagesCommand({ ApiId })),
      gateway.send(new GetDeploymentsCommand({ ApiId })),
    ]);
    apis.push({
      name: Name,
      protocol: ProtocolType,
      integrations: integrations.Items?.length ?? 0,
      routes: (routes.Items ?? []).map((route) => route.RouteKey ?? '').sort(),
      stages: (stages.Items ?? []).map((stage) => stage.StageName ?? ''),
      deployments: deployments.Items?.length ?? 0,
    });
  }
  return { tables: TableNames, functions, apis };
}

/** One line per resource, e.g. `API CrudHttpAPI (HTTP): 1 integration, routes GET /, POST /; stages prod; 1 deployment`. */
export function describeInventory({ tables, functions, apis }: Inventory): string[] {
  return [
    ...tables.map((name) => `table ${name}`),
    ...functions.map((f) => `function ${f.name} (${f.permissionStatements} permission statement${f.permissionStatements === 1 ? '' : 's'})`),
    ...apis.map(
      (api) =>
        `API ${api.name} (${api.protocol}): ${api.integrations} integration(s), routes ${api.routes.join(', ') || 'none'}; stages ${api.stages.join(', ') || 'none'}; ${api.deployments} deployment(s)`,
    ),
  ];
}

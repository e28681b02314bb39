// Task 8.2's WebSocket API, in the chapter's order: FlightMapWsAPI routed by
// $request.body.action; for each of $connect, $disconnect and $default a payload 1.0 Lambda
// proxy integration to its function, the route, and the permission for that route alone
// (source ARN …/<api id>/*/<route key>); then the stage prod and its deployment.
import { renamedInputs } from '../adapted-step.ts';
import type { AnyStep } from '../model.ts';
import { apiStep } from '../resources/api-gateway-api.ts';
import { deploymentStep } from '../resources/api-deployment.ts';
import { lambdaIntegrationStep } from '../resources/api-integration.ts';
import { routesStep } from '../resources/api-routes.ts';
import { stageStep } from '../resources/api-stage.ts';
import { apiInvokePermissionStep } from '../resources/lambda-permission.ts';
import { ROUTE_FUNCTIONS, TASK_8_2_NAMES } from './names.ts';

/** Where in a message its route key is: the `action` member of a JSON message. */
const ROUTE_SELECTION = '$request.body.action';
/** The chapter's statement id, the same in each function's policy. */
export const STATEMENT_ID = 'flight-map-ws-api';

const { apiName, stageName } = TASK_8_2_NAMES;

export const wsApiStep = apiStep('task-8-2/ws-api', `Create the WebSocket API ${apiName}`, {
  apiName,
  protocol: 'WEBSOCKET',
  routeSelectionExpression: ROUTE_SELECTION,
});

/** Integration, route and permission for one route, each naming its function by its role. */
function routeSteps({ routeKey, role }: (typeof ROUTE_FUNCTIONS)[number]): AnyStep[] {
  const functionName = TASK_8_2_NAMES[role];
  const slug = routeKey.slice(1);
  const byRole = { functionName: role };
  return [
    renamedInputs(
      lambdaIntegrationStep(`task-8-2/${slug}-integration`, `Integrate ${functionName}`, {
        apiName,
        functionName,
        payloadFormatVersion: '1.0',
        protocol: 'WEBSOCKET',
      }),
      byRole,
    ),
    renamedInputs(routesStep(`task-8-2/${slug}-route`, `Add the route ${routeKey}`, { apiName, functionName, routeKeys: routeKey }), byRole),
    renamedInputs(
      apiInvokePermissionStep(`task-8-2/${slug}-permission`, `Allow ${routeKey} to invoke ${functionName}`, {
        functionName,
        apiName,
        statementId: STATEMENT_ID,
        routePattern: `*/${routeKey}`,
      }),
      byRole,
    ),
  ];
}

const wsStageStep = stageStep('task-8-2/ws-stage', `Create the stage ${stageName}`, { apiName, stageName, autoDeploy: false });

const wsDeploymentStep = deploymentStep('task-8-2/ws-deployment', 'Deploy the API', { apiName, stageName, protocol: 'WEBSOCKET' });

/** In the chapter's order. */
export const WEBSOCKET_API_STEPS: readonly AnyStep[] = [wsApiStep, ...ROUTE_FUNCTIONS.flatMap(routeSteps), wsStageStep, wsDeploymentStep];

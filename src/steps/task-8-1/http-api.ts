// Task 8.1's HTTP API, in the chapter's order: CrudHttpAPI, the permission for it to invoke
// LambdaCRUD, the payload 2.0 Lambda integration, the five routes, the stage prod
// (deployed by hand) and its deployment.
import { apiStep, HTTP_ROUTE_SELECTION } from '../resources/api-gateway-api.ts';
import { deploymentStep } from '../resources/api-deployment.ts';
import { lambdaIntegrationStep } from '../resources/api-integration.ts';
import { routesStep } from '../resources/api-routes.ts';
import { stageStep } from '../resources/api-stage.ts';
import { apiInvokePermissionStep } from '../resources/lambda-permission.ts';
import { CRUD_API, CRUD_FUNCTION, CRUD_STAGE } from './names.ts';

/** Each CRUD operation's method on the path /, and OPTIONS for the browser's CORS preflight. */
const CRUD_ROUTES = 'GET /, POST /, PUT /, DELETE /, OPTIONS /';

export const httpApiStep = apiStep('task-8-1/http-api', 'Create the HTTP API', {
  apiName: CRUD_API,
  protocol: 'HTTP',
  routeSelectionExpression: HTTP_ROUTE_SELECTION,
});

export const httpApiPermissionStep = apiInvokePermissionStep('task-8-1/http-api-permission', 'Allow the API to invoke the function', {
  functionName: CRUD_FUNCTION,
  apiName: CRUD_API,
  statementId: 'crud-http-api',
  routePattern: '*/*/',
});

const httpApiIntegrationStep = lambdaIntegrationStep('task-8-1/http-api-integration', 'Connect the API to the function', {
  apiName: CRUD_API,
  functionName: CRUD_FUNCTION,
  payloadFormatVersion: '2.0',
});

export const httpApiRoutesStep = routesStep('task-8-1/http-api-routes', 'Add the five routes', {
  apiName: CRUD_API,
  functionName: CRUD_FUNCTION,
  routeKeys: CRUD_ROUTES,
});

const httpApiStageStep = stageStep('task-8-1/http-api-stage', 'Create the stage prod', { apiName: CRUD_API, stageName: CRUD_STAGE, autoDeploy: false });

export const httpApiDeploymentStep = deploymentStep('task-8-1/http-api-deployment', 'Deploy the API', {
  apiName: CRUD_API,
  stageName: CRUD_STAGE,
  protocol: 'HTTP',
});

/** In the chapter's order. */
export const HTTP_API_STEPS = [httpApiStep, httpApiPermissionStep, httpApiIntegrationStep, httpApiRoutesStep, httpApiStageStep, httpApiDeploymentStep] as const;

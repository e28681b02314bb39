// A chapter's declared resources as steps (one each, an HTTP API's six) and as one check, built in the browser from the
// plain data the build hands a widget (chapter-resources.ts): the same factories the lab's
// own steps use, so a declared table or function has the lab's CLI text, check, tags and
// teardown. No content is imported here, only the data passed in.
import type { Check } from '../checks.ts';
import type { AnyStep, Finding } from '../model.ts';
import { declaredCheckInfo } from './declared-check.ts';
import { deploymentStep } from '../resources/api-deployment.ts';
import { apiStep, HTTP_ROUTE_SELECTION } from '../resources/api-gateway-api.ts';
import { lambdaIntegrationStep } from '../resources/api-integration.ts';
import { routesStep } from '../resources/api-routes.ts';
import { stageStep } from '../resources/api-stage.ts';
import { dynamoTableStep } from '../resources/dynamodb-table.ts';
import { labRoleArn, lambdaFunctionStep } from '../resources/lambda-function.ts';
import { apiInvokePermissionStep } from '../resources/lambda-permission.ts';
import { NODE_RUNTIMES, PYTHON_RUNTIMES } from '../resources/lambda-runtimes.ts';
import type { ResourceDeclaration } from './schema.ts';

/** One declared resource, as the build serialises it for a widget. */
export interface DeclaredResource {
  /** `<chapter slug>/<name>`, e.g. `examples/visitor-counter/VisitorCounts`: its (first) step's id. */
  stepId: string;
  declaration: ResourceDeclaration;
  /** A function's code, read from its file when the site was built. */
  source?: string;
}

/** A chapter that declares resources: what its check needs. */
export interface DeclaredChapter {
  slug: string;
  title: string;
  resources: DeclaredResource[];
}

/** The steps that make a declared resource, in order: one, or an HTTP API's six. */
export function declaredSteps({ stepId, declaration, source }: DeclaredResource): AnyStep[] {
  if (declaration.kind === 'http-api') return httpApiSteps(stepId, declaration);
  if (declaration.kind === 'dynamodb-table') {
    const { name, partitionKey, sortKey } = declaration;
    return [
      dynamoTableStep(stepId, declaration.title ?? `Create the table ${name}`, {
        tableName: name,
        partitionKey: partitionKey.name,
        keyType: partitionKey.type,
        ...(sortKey && { sortKey: sortKey.name, sortKeyType: sortKey.type }),
      }),
    ];
  }
  const deploy = lambdaFunctionStep(
    stepId,
    declaration.title ?? `Deploy the function ${declaration.name}`,
    (place) => ({
      functionName: declaration.name,
      runtime: declaration.runtime,
      handler: declaration.handler,
      roleArn: labRoleArn(place.account),
      code: source ?? '',
      fileName: declaration.code,
      timeout: declaration.timeout,
      memorySize: declaration.memory,
      environment: declaration.environment,
    }),
    declaration.runtime.startsWith('nodejs') ? NODE_RUNTIMES : PYTHON_RUNTIMES,
  );
  return [deploy];
}

/** An HTTP API as Task 8.1 builds one: the API, the permission, the integration, the routes, the stage and its deployment. */
function httpApiSteps(stepId: string, api: Extract<ResourceDeclaration, { kind: 'http-api' }>): AnyStep[] {
  const names = { apiName: api.name, functionName: api.function };
  return [
    apiStep(stepId, `Create the HTTP API ${api.name}`, { apiName: api.name, protocol: 'HTTP', routeSelectionExpression: HTTP_ROUTE_SELECTION }),
    // `*`: any stage, method and path of this API, and of no other.
    apiInvokePermissionStep(`${stepId}/permission`, `Allow ${api.name} to invoke ${api.function}`, { ...names, statementId: api.name, routePattern: '*' }),
    lambdaIntegrationStep(`${stepId}/integration`, `Connect ${api.name} to ${api.function}`, { ...names, payloadFormatVersion: '2.0' }),
    routesStep(`${stepId}/routes`, `Add the routes of ${api.name}`, { ...names, routeKeys: api.routes.join(', ') }),
    stageStep(`${stepId}/stage`, `Create the stage ${api.stage} of ${api.name}`, { apiName: api.name, stageName: api.stage, autoDeploy: false }),
    deploymentStep(`${stepId}/deployment`, `Deploy ${api.name}`, { apiName: api.name, stageName: api.stage, protocol: 'HTTP' }),
  ];
}

/** Every declared resource's own check, with the chapter's names, in declaration order. */
export function declaredCheck(chapter: DeclaredChapter): Check {
  return {
    ...declaredCheckInfo(chapter),
    async run(ctx) {
      const findings: Finding[] = [];
      for (const step of chapter.resources.flatMap(declaredSteps)) findings.push(...(await step.check(ctx, step.defaults(ctx))));
      return findings;
    },
  };
}

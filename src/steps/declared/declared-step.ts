// A chapter's declared resources as steps (one each, an HTTP API's six) and as one check, built in the browser from the
// plain data the build hands a widget (chapter-resources.ts): the same factories the lab's
// own steps use, so a declared table or function has the lab's CLI text, check, tags and
// teardown. No content is imported here, only the data passed in.
import type { Check } from '../checks.ts';
import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import type { TableDescription } from '@aws-sdk/client-dynamodb';
import type { AnyStep, Finding, Step } from '../model.ts';
import { declaredCheckInfo } from './declared-check.ts';
import { deploymentStep } from '../resources/api-deployment.ts';
import { apiStep, HTTP_ROUTE_SELECTION } from '../resources/api-gateway-api.ts';
import { lambdaIntegrationStep } from '../resources/api-integration.ts';
import { routesStep } from '../resources/api-routes.ts';
import { stageStep } from '../resources/api-stage.ts';
import { dynamoTableStep, type TableInputs } from '../resources/dynamodb-table.ts';
import { labRoleArn, lambdaFunctionStep, type FunctionInputs } from '../resources/lambda-function.ts';
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

type Declared<K extends ResourceDeclaration['kind']> = Extract<ResourceDeclaration, { kind: K }>;

/** The steps that make a declared resource, in order: one, or an HTTP API's six. */
export function declaredSteps(resource: DeclaredResource): AnyStep[] {
  const { stepId, declaration, source } = resource;
  if (declaration.kind === 'http-api') return [...declaredHttpApiSteps(stepId, declaration)];
  if (declaration.kind === 'dynamodb-table') return [declaredTableStep(stepId, declaration)];
  return [declaredFunctionStep(stepId, declaration, source ?? '')];
}

export function declaredTableStep(stepId: string, table: Declared<'dynamodb-table'>): Step<TableInputs, TableDescription> {
  const { name, partitionKey, sortKey } = table;
  return dynamoTableStep(stepId, table.title ?? `Create the table ${name}`, {
    tableName: name,
    partitionKey: partitionKey.name,
    keyType: partitionKey.type,
    ...(sortKey && { sortKey: sortKey.name, sortKeyType: sortKey.type }),
  });
}

export function declaredFunctionStep(stepId: string, fn: Declared<'lambda-function'>, source: string): Step<FunctionInputs, FunctionConfiguration> {
  return lambdaFunctionStep(
    stepId,
    fn.title ?? `Deploy the function ${fn.name}`,
    (place) => ({
      functionName: fn.name,
      runtime: fn.runtime,
      handler: fn.handler,
      roleArn: labRoleArn(place.account),
      code: source,
      fileName: fn.code.slice(fn.code.lastIndexOf('/') + 1),
      timeout: fn.timeout,
      memorySize: fn.memory,
      environment: fn.environment,
    }),
    fn.runtime.startsWith('nodejs') ? NODE_RUNTIMES : PYTHON_RUNTIMES,
  );
}

/**
 * Where the API may invoke the function from, after `<api id>/`: any stage and any method on
 * the one path all its routes share, or anywhere in this API when the paths differ or have
 * parameters. execute-api ARNs end in `<stage>/<method>/<path>` (API Gateway's ARN
 * reference, "execute-api"), so Task 8.1's routes on `/` give the lab's own pattern.
 */
function invokeSourcePattern(routes: readonly string[]): string {
  const paths = new Set(routes.map((route) => route.slice(route.indexOf(' ') + 1)));
  const [path] = paths;
  return paths.size === 1 && !path.includes('{') ? `*/*${path}` : '*';
}

/**
 * An HTTP API as Task 8.1 builds one: the API, the permission, the integration, the routes,
 * the stage and its deployment. The titles leave the names out: a sequence lets the student
 * choose others, which the cards show.
 */
export function declaredHttpApiSteps(stepId: string, api: Declared<'http-api'>) {
  const names = { apiName: api.name, functionName: api.function };
  const routes = api.routes.length === 1 ? 'the route' : `the ${api.routes.length} routes`;
  return [
    apiStep(stepId, 'Create the HTTP API', { apiName: api.name, protocol: 'HTTP', routeSelectionExpression: HTTP_ROUTE_SELECTION }),
    apiInvokePermissionStep(`${stepId}-permission`, 'Allow the API to invoke the function', {
      ...names,
      statementId: api.statementId ?? api.name,
      routePattern: invokeSourcePattern(api.routes),
    }),
    lambdaIntegrationStep(`${stepId}-integration`, 'Connect the API to the function', { ...names, payloadFormatVersion: '2.0' }),
    routesStep(`${stepId}-routes`, `Add ${routes}`, { ...names, routeKeys: api.routes.join(', ') }),
    stageStep(`${stepId}-stage`, `Create the stage ${api.stage}`, { apiName: api.name, stageName: api.stage, autoDeploy: false }),
    deploymentStep(`${stepId}-deployment`, 'Deploy the API', { apiName: api.name, stageName: api.stage, protocol: 'HTTP' }),
  ] as const;
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

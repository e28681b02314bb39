// A chapter's declared resources as steps (one each, an API's several) and as one check, from
// plain data: what the build hands a widget (chapter-resources.ts), or what the lab's own
// steps import from their chapters (lab-resources.ts). Built from the resource factories, so
// every declared resource has its CLI text, check, tags and place in teardown. No content is
// imported here, only the data passed in.
import type { Check } from '../checks.ts';
import type { EventSourceMappingConfiguration, FunctionConfiguration } from '@aws-sdk/client-lambda';
import type { StreamDescriptionSummary } from '@aws-sdk/client-kinesis';
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
import { eventSourceMappingStep, type MappingInputs } from '../resources/event-source-mapping.ts';
import { kinesisStreamStep, type StreamInputs } from '../resources/kinesis-stream.ts';
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

/** The steps that make a declared resource, in order: one, or an API's several. */
export function declaredSteps(resource: DeclaredResource): AnyStep[] {
  const { stepId, declaration, source } = resource;
  switch (declaration.kind) {
    case 'dynamodb-table':
      return [declaredTableStep(stepId, declaration)];
    case 'lambda-function':
      return [declaredFunctionStep(stepId, declaration, source ?? '')];
    case 'http-api':
      return [...declaredHttpApiSteps(stepId, declaration)];
    case 'websocket-api': {
      const { api, routes, stage, deployment } = declaredWebSocketApiSteps(stepId, declaration);
      return [api, ...routes.flatMap((route) => route.steps), stage, deployment];
    }
    case 'kinesis-stream':
      return [declaredStreamStep(stepId, declaration)];
    case 'event-source-mapping':
      return [declaredMappingStep(stepId, declaration)];
  }
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
      // Only where the handler cannot say it (.mjs, .js or .cjs): a Python file is named after
      // the handler, so a student who renames the handler in the card deploys a file it finds.
      ...(fn.runtime.startsWith('nodejs') && { fileName: fn.code.slice(fn.code.lastIndexOf('/') + 1) }),
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

/**
 * A WebSocket API as Task 8.2 builds one: the API, then for each route a Lambda proxy
 * integration (payload 1.0, as api-integration.ts explains), the route, and the permission for that route alone, then the stage and
 * its deployment. By part, so that the lab's steps can name each route's function by its role.
 */
export function declaredWebSocketApiSteps(stepId: string, api: Declared<'websocket-api'>) {
  const statementId = api.statementId ?? api.name;
  const routes = Object.entries(api.routes).map(([routeKey, functionName]) => {
    const part = `${stepId}-${routeKey.replace(/^\$/, '')}`;
    const names = { apiName: api.name, functionName };
    return {
      routeKey,
      steps: [
        lambdaIntegrationStep(`${part}-integration`, `Integrate ${functionName}`, { ...names, payloadFormatVersion: '1.0', protocol: 'WEBSOCKET' }),
        routesStep(`${part}-route`, `Add the route ${routeKey}`, { ...names, routeKeys: routeKey }),
        // Source ARN …/<api id>/<stage>/<route key>: this route, in any stage.
        apiInvokePermissionStep(`${part}-permission`, `Allow ${routeKey} to invoke ${functionName}`, { ...names, statementId, routePattern: `*/${routeKey}` }),
      ] as const,
    };
  });
  return {
    api: apiStep(stepId, 'Create the WebSocket API', { apiName: api.name, protocol: 'WEBSOCKET', routeSelectionExpression: api.routeSelection }),
    routes,
    stage: stageStep(`${stepId}-stage`, `Create the stage ${api.stage}`, { apiName: api.name, stageName: api.stage, autoDeploy: false }),
    deployment: deploymentStep(`${stepId}-deployment`, 'Deploy the API', { apiName: api.name, stageName: api.stage, protocol: 'WEBSOCKET' }),
  };
}

export function declaredStreamStep(stepId: string, stream: Declared<'kinesis-stream'>): Step<StreamInputs, StreamDescriptionSummary> {
  return kinesisStreamStep(stepId, stream.title ?? `Create the stream ${stream.name}`, { streamName: stream.name, shardCount: stream.shards });
}

export function declaredMappingStep(stepId: string, mapping: Declared<'event-source-mapping'>): Step<MappingInputs, EventSourceMappingConfiguration> {
  return eventSourceMappingStep(stepId, mapping.title ?? `Connect ${mapping.stream} to ${mapping.function}`, {
    functionName: mapping.function,
    streamName: mapping.stream,
    batchSize: mapping.batchSize,
    startingPosition: mapping.startingPosition,
  });
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

// API Gateway v2 resources, kept in the JSON shapes the API sends (camelCase
// members, as in the SDK's model: apiId, routeKey, payloadFormatVersion…), so
// a stored resource is its own GetX answer. Optional members are present only
// when they have a value, as AWS leaves them out.

import type {
  Cors as WireCors,
  RouteSettings as WireRouteSettings,
  GetApiOutput,
  GetDeploymentOutput,
  GetIntegrationOutput,
  GetRouteOutput,
  GetRouteResponseOutput,
  GetStageOutput,
} from '../protocol/generated/apigatewayv2.ts';

export type ProtocolType = 'HTTP' | 'WEBSOCKET';

/** Dates go on the wire as ISO 8601 to the second, as AWS sends them ("2025-04-03T15:25:33Z"). */
export const isoDate = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** AWS's own shape, all members optional. */
export type Cors = WireCors;

export interface Api {
  apiId: string;
  name: string;
  protocolType: ProtocolType;
  routeSelectionExpression: string;
  apiKeySelectionExpression: string;
  /** ISO 8601 */
  createdDate: string;
  description?: string;
  version?: string;
  corsConfiguration?: Cors;
  tags?: Record<string, string>;
  disableExecuteApiEndpoint?: boolean;
  disableSchemaValidation?: boolean;
}

export interface Integration {
  integrationId: string;
  integrationType: string;
  connectionType: string;
  payloadFormatVersion: string;
  timeoutInMillis: number;
  integrationUri?: string;
  integrationMethod?: string;
  description?: string;
  credentialsArn?: string;
  passthroughBehavior?: string;
  contentHandlingStrategy?: string;
  templateSelectionExpression?: string;
  integrationResponseSelectionExpression?: string;
  requestTemplates?: Record<string, string>;
  requestParameters?: Record<string, string>;
  apiGatewayManaged?: boolean;
}

export interface Route {
  routeId: string;
  routeKey: string;
  apiKeyRequired: boolean;
  authorizationType: string;
  target?: string;
  routeResponseSelectionExpression?: string;
  operationName?: string;
  apiGatewayManaged?: boolean;
}

export interface RouteResponse {
  routeResponseId: string;
  routeResponseKey: string;
  modelSelectionExpression?: string;
  responseModels?: Record<string, string>;
}

/** AWS's own shape, all members optional. */
export type RouteSettings = WireRouteSettings;

export interface Stage {
  stageName: string;
  createdDate: string;
  lastUpdatedDate: string;
  defaultRouteSettings: RouteSettings;
  routeSettings: Record<string, RouteSettings>;
  stageVariables: Record<string, string>;
  tags: Record<string, string>;
  autoDeploy?: boolean;
  deploymentId?: string;
  description?: string;
  lastDeploymentStatusMessage?: string;
  apiGatewayManaged?: boolean;
}

export interface Deployment {
  deploymentId: string;
  deploymentStatus: 'DEPLOYED';
  createdDate: string;
  autoDeployed: boolean;
  description?: string;
}

/** What a deployment froze: everything the data plane serves from. */
export interface Snapshot {
  api: Pick<Api, 'apiId' | 'protocolType' | 'routeSelectionExpression' | 'apiKeySelectionExpression' | 'corsConfiguration' | 'disableExecuteApiEndpoint'>;
  routes: Route[];
  integrations: Record<string, Integration>;
  /** By route id. */
  routeResponses: Record<string, RouteResponse[]>;
}

/** One API and everything under it: stored as one document, so every change is atomic. */
export interface ApiDocument {
  region: string;
  api: Api;
  integrations: Record<string, Integration>;
  routes: Record<string, Route>;
  /** By route id, then route response id. */
  routeResponses: Record<string, Record<string, RouteResponse>>;
  stages: Record<string, Stage>;
  deployments: Record<string, { deployment: Deployment; snapshot: Snapshot }>;
}

/** A stage as the data plane sees it: the stage and the deployment it points at. */
export interface DeployedStage extends Snapshot {
  stage: Stage;
}

/**
 * Stored resources are sent as they are, so each may have only members of
 * AWS's output shape (generated from botocore's model), with compatible types:
 * a misspelt member is a compile error here.
 */
type OnlyWireMembers<Wire, Local extends { [K in keyof Local]: K extends keyof Wire ? Wire[K] : never }> = Local;
export type WireCheckedResources = [
  OnlyWireMembers<GetApiOutput, Api>,
  OnlyWireMembers<GetIntegrationOutput, Integration>,
  OnlyWireMembers<GetRouteOutput, Route>,
  OnlyWireMembers<GetRouteResponseOutput, RouteResponse>,
  OnlyWireMembers<GetStageOutput, Stage>,
  OnlyWireMembers<GetDeploymentOutput, Deployment>,
];

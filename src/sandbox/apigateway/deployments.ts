// Deployments freeze an API: its routes, integrations, route responses and
// routing settings at that moment. A stage serves the deployment it points
// at, never unsaved edits; a stage with autoDeploy gets a fresh deployment
// whenever what it would serve has changed.
import { randomString } from '../account.ts';
import { isoDate, type ApiDocument, type Deployment, type Snapshot } from './model.ts';

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** An id shaped like AWS's (lower-case letters and digits) that `taken` does not hold yet. */
export function newId(length: number, taken: Record<string, unknown>): string {
  let id: string;
  do id = randomString(length, LOWER_ALNUM);
  while (Object.hasOwn(taken, id));
  return id;
}

function snapshotOf(doc: ApiDocument): Snapshot {
  const { apiId, protocolType, routeSelectionExpression, apiKeySelectionExpression, corsConfiguration, disableExecuteApiEndpoint } = doc.api;
  return structuredClone({
    api: {
      apiId,
      protocolType,
      routeSelectionExpression,
      apiKeySelectionExpression,
      ...(corsConfiguration ? { corsConfiguration } : {}),
      ...(disableExecuteApiEndpoint !== undefined ? { disableExecuteApiEndpoint } : {}),
    },
    routes: Object.values(doc.routes),
    integrations: doc.integrations,
    routeResponses: Object.fromEntries(Object.entries(doc.routeResponses).map(([routeId, byId]) => [routeId, Object.values(byId)])),
  });
}

/** Records a new deployment of the API as it is now and returns it. */
export function deploy(doc: ApiDocument, now: Date, options: { autoDeployed: boolean; description?: string }): Deployment {
  const deployment: Deployment = {
    deploymentId: newId(6, doc.deployments),
    deploymentStatus: 'DEPLOYED',
    createdDate: isoDate(now),
    autoDeployed: options.autoDeployed,
    ...(options.description !== undefined ? { description: options.description } : {}),
  };
  doc.deployments[deployment.deploymentId] = { deployment, snapshot: snapshotOf(doc) };
  return deployment;
}

/** Redeploys every autoDeploy stage whose deployment no longer matches the API. An API with no routes has nothing to deploy. */
export function autoDeploy(doc: ApiDocument, now: Date): void {
  if (Object.keys(doc.routes).length === 0) return;
  const current = JSON.stringify(snapshotOf(doc));
  let latest: Deployment | undefined;
  for (const stage of Object.values(doc.stages)) {
    if (!stage.autoDeploy) continue;
    const deployed = stage.deploymentId === undefined ? undefined : doc.deployments[stage.deploymentId];
    if (deployed && JSON.stringify(deployed.snapshot) === current) continue;
    latest ??= deploy(doc, now, { autoDeployed: true });
    stage.deploymentId = latest.deploymentId;
    stage.lastDeploymentStatusMessage = `Successfully deployed stage with deployment ID '${latest.deploymentId}'`;
    stage.lastUpdatedDate = isoDate(now);
  }
}

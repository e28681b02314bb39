// Stages and deployments: CreateStage, GetStage(s), UpdateStage, DeleteStage,
// CreateDeployment, GetDeployment(s), DeleteDeployment. A stage serves the
// deployment it points at; CreateDeployment with a stage name points it there.
import type { Constraints } from '../../protocol/constraints.ts';
import type { RestJsonRoute } from '../../protocol/rest-json.ts';
import type { ApiStore } from '../api-store.ts';
import { deploy } from '../deployments.ts';
import { badRequest, conflict, deploymentNotFound, stageNotFound } from '../errors.ts';
import { checked, constraints, definedOnly, double, page, stringMap } from './input.ts';
import { isoDate, type ApiDocument, type ProtocolType, type RouteSettings, type Stage } from '../model.ts';
import { checkStageName } from '../rules.ts';
import { taggedWith } from './tags.ts';

/** What AWS reports for a stage created without route settings. */
const DEFAULT_ROUTE_SETTINGS: Record<ProtocolType, RouteSettings> = {
  HTTP: { detailedMetricsEnabled: false },
  WEBSOCKET: { dataTraceEnabled: false, detailedMetricsEnabled: false, loggingLevel: 'OFF' },
};

function routeSettings(check: Constraints, value: unknown, member: string): RouteSettings | undefined {
  const settings = check.object(value, member);
  if (!settings) return undefined;
  return definedOnly({
    dataTraceEnabled: check.boolean(settings.dataTraceEnabled, `${member}.dataTraceEnabled`),
    detailedMetricsEnabled: check.boolean(settings.detailedMetricsEnabled, `${member}.detailedMetricsEnabled`),
    loggingLevel: check.string(settings.loggingLevel, `${member}.loggingLevel`),
    throttlingBurstLimit: check.integer(settings.throttlingBurstLimit, `${member}.throttlingBurstLimit`, { min: 0 }),
    throttlingRateLimit: double(settings.throttlingRateLimit, `${member}.throttlingRateLimit`),
  });
}

/** The members CreateStage and UpdateStage share. */
function readSettings(check: Constraints, body: Record<string, unknown>) {
  const byRoute = check.object(body.routeSettings, 'routeSettings');
  return definedOnly({
    autoDeploy: check.boolean(body.autoDeploy, 'autoDeploy'),
    deploymentId: check.string(body.deploymentId, 'deploymentId'),
    description: check.string(body.description, 'description', { max: 1024 }),
    stageVariables: stringMap(check, body.stageVariables, 'stageVariables'),
    defaultRouteSettings: routeSettings(check, body.defaultRouteSettings, 'defaultRouteSettings'),
    routeSettings:
      byRoute && Object.fromEntries(Object.entries(byRoute).map(([key, value]) => [key, routeSettings(check, value, `routeSettings.${key}`) ?? {}])),
  });
}

function stageOf(doc: ApiDocument, stageName: string): Stage {
  const stage = doc.stages[stageName];
  if (!stage) throw stageNotFound();
  return stage;
}

function checkDeployment(doc: ApiDocument, deploymentId: string | undefined): void {
  if (deploymentId !== undefined && !doc.deployments[deploymentId]) throw deploymentNotFound(deploymentId);
}

export function stageRoutes(store: ApiStore): RestJsonRoute[] {
  const stages = '/v2/apis/{apiId}/stages';
  const deployments = '/v2/apis/{apiId}/deployments';
  return [
    {
      method: 'POST',
      path: stages,
      operation: 'CreateStage',
      async handler({ params, json, req }) {
        const body = json();
        const check = constraints();
        const stageName = check.string(body.stageName, 'stageName')!;
        const settings = readSettings(check, body);
        const tags = stringMap(check, body.tags, 'tags');
        checked(check);
        const stage = await store.update(req.region, params.apiId, (doc, now) => {
          checkStageName(doc.api.protocolType, stageName);
          if (doc.stages[stageName]) throw conflict('Stage already exists');
          checkDeployment(doc, settings.deploymentId);
          const created: Stage = definedOnly({
            stageName,
            createdDate: isoDate(now),
            lastUpdatedDate: isoDate(now),
            autoDeploy: settings.autoDeploy,
            deploymentId: settings.deploymentId,
            description: settings.description,
            defaultRouteSettings: { ...DEFAULT_ROUTE_SETTINGS[doc.api.protocolType], ...settings.defaultRouteSettings },
            routeSettings: settings.routeSettings ?? {},
            stageVariables: settings.stageVariables ?? {},
            tags: taggedWith({}, tags ?? {}),
          });
          doc.stages[stageName] = created;
          return stageName;
        });
        return { status: 201, body: store.get(req.region, params.apiId).stages[stage] };
      },
    },
    {
      method: 'GET',
      path: stages,
      operation: 'GetStages',
      async handler({ params, query, req }) {
        return { body: page(Object.values(store.get(req.region, params.apiId).stages), query) };
      },
    },
    {
      method: 'GET',
      path: `${stages}/{stageName}`,
      operation: 'GetStage',
      async handler({ params, req }) {
        return { body: stageOf(store.get(req.region, params.apiId), params.stageName) };
      },
    },
    {
      method: 'PATCH',
      path: `${stages}/{stageName}`,
      operation: 'UpdateStage',
      async handler({ params, json, req }) {
        const check = constraints();
        const settings = readSettings(check, json());
        checked(check);
        await store.update(req.region, params.apiId, (doc, now) => {
          const stage = stageOf(doc, params.stageName);
          checkDeployment(doc, settings.deploymentId);
          const { defaultRouteSettings, ...rest } = settings;
          Object.assign(stage, rest, { lastUpdatedDate: isoDate(now) });
          if (defaultRouteSettings) stage.defaultRouteSettings = { ...stage.defaultRouteSettings, ...defaultRouteSettings };
        });
        return { body: store.get(req.region, params.apiId).stages[params.stageName] };
      },
    },
    {
      method: 'DELETE',
      path: `${stages}/{stageName}`,
      operation: 'DeleteStage',
      async handler({ params, req }) {
        await store.update(req.region, params.apiId, (doc) => {
          stageOf(doc, params.stageName);
          delete doc.stages[params.stageName];
        });
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      path: deployments,
      operation: 'CreateDeployment',
      async handler({ params, json, req }) {
        const body = json();
        const check = constraints();
        const stageName = check.string(body.stageName, 'stageName');
        const description = check.string(body.description, 'description', { max: 1024 });
        checked(check);
        const deployment = await store.update(req.region, params.apiId, (doc, now) => {
          const stage = stageName === undefined ? undefined : stageOf(doc, stageName);
          if (Object.keys(doc.routes).length === 0) throw badRequest('Unable to deploy API because no routes exist in this API');
          const created = deploy(doc, now, { autoDeployed: false, description });
          if (stage) {
            stage.deploymentId = created.deploymentId;
            stage.lastUpdatedDate = isoDate(now);
          }
          return created;
        });
        return { status: 201, body: deployment };
      },
    },
    {
      method: 'GET',
      path: deployments,
      operation: 'GetDeployments',
      async handler({ params, query, req }) {
        const all = Object.values(store.get(req.region, params.apiId).deployments).map((d) => d.deployment);
        return { body: page(all, query) };
      },
    },
    {
      method: 'GET',
      path: `${deployments}/{deploymentId}`,
      operation: 'GetDeployment',
      async handler({ params, req }) {
        const deployed = store.get(req.region, params.apiId).deployments[params.deploymentId];
        if (!deployed) throw deploymentNotFound(params.deploymentId);
        return { body: deployed.deployment };
      },
    },
    {
      method: 'DELETE',
      path: `${deployments}/{deploymentId}`,
      operation: 'DeleteDeployment',
      async handler({ params, req }) {
        await store.update(req.region, params.apiId, (doc) => {
          checkDeployment(doc, params.deploymentId);
          if (Object.values(doc.stages).some((stage) => stage.deploymentId === params.deploymentId)) {
            throw badRequest('Active stages pointing to this deployment must be moved or deleted');
          }
          delete doc.deployments[params.deploymentId];
        });
        return { status: 204 };
      },
    },
  ];
}

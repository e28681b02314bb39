// CreateIntegration, GetIntegration(s), UpdateIntegration, DeleteIntegration,
// with AWS's defaults per protocol: HTTP APIs take AWS_PROXY (Lambda) and
// HTTP_PROXY, must name the payload format of a Lambda proxy integration
// (1.0 or 2.0) and time out after 30 s at most; WebSocket APIs take every
// integration type, payload format 1.0 only, 29 s at most, and pass request
// bodies through when no template matches.
import type { RestJsonRoute } from '../../protocol/rest-json.ts';
import type { ApiStore } from '../api-store.ts';
import { newId } from '../deployments.ts';
import { badRequest, conflict, integrationNotFound } from '../errors.ts';
import { checked, constraints, definedOnly, page, stringMap } from './input.ts';
import type { Integration, ProtocolType } from '../model.ts';
import { isHttpUrl, lambdaArnOf } from '../rules.ts';

const TYPES: Record<ProtocolType, string[]> = {
  HTTP: ['AWS_PROXY', 'HTTP_PROXY'],
  WEBSOCKET: ['AWS', 'AWS_PROXY', 'HTTP', 'HTTP_PROXY', 'MOCK'],
};
const MAX_TIMEOUT: Record<ProtocolType, number> = { HTTP: 30_000, WEBSOCKET: 29_000 };

type IntegrationFields = Omit<Integration, 'integrationId'>;

/** An integration's settings from a request body; members left out are undefined. */
function readFields(body: Record<string, unknown>): Partial<IntegrationFields> {
  const check = constraints();
  const fields = {
    integrationType: check.string(body.integrationType, 'integrationType'),
    integrationUri: check.string(body.integrationUri, 'integrationUri'),
    integrationMethod: check.string(body.integrationMethod, 'integrationMethod'),
    payloadFormatVersion: check.string(body.payloadFormatVersion, 'payloadFormatVersion'),
    timeoutInMillis: check.integer(body.timeoutInMillis, 'timeoutInMillis'),
    connectionType: check.string(body.connectionType, 'connectionType'),
    description: check.string(body.description, 'description', { max: 1024 }),
    credentialsArn: check.string(body.credentialsArn, 'credentialsArn'),
    passthroughBehavior: check.string(body.passthroughBehavior, 'passthroughBehavior'),
    contentHandlingStrategy: check.string(body.contentHandlingStrategy, 'contentHandlingStrategy'),
    templateSelectionExpression: check.string(body.templateSelectionExpression, 'templateSelectionExpression'),
    requestTemplates: stringMap(check, body.requestTemplates, 'requestTemplates'),
    requestParameters: stringMap(check, body.requestParameters, 'requestParameters'),
  };
  checked(check);
  return definedOnly(fields);
}

/** Checks an integration's settings against the API's protocol and fills in AWS's defaults. */
export function completeIntegration(protocol: ProtocolType, fields: Partial<IntegrationFields>): IntegrationFields {
  const type = fields.integrationType;
  if (type === undefined) throw badRequest('IntegrationType is a required parameter for integration');
  if (!TYPES[protocol].includes(type)) {
    throw badRequest(`Integration type ${type} is not supported for ${protocol} APIs. Supported types: ${TYPES[protocol].join(', ')}.`);
  }
  const uri = fields.integrationUri;
  if (type === 'AWS_PROXY' && (uri === undefined || !lambdaArnOf(uri))) {
    throw badRequest(`Invalid integration URI specified: ${uri ?? 'none'}. Use a Lambda function ARN or its API Gateway invocation URI.`);
  }
  if ((type === 'HTTP' || type === 'HTTP_PROXY') && (uri === undefined || !isHttpUrl(uri))) {
    throw badRequest(`Invalid integration URI specified: ${uri ?? 'none'}. Use an http:// or https:// URL.`);
  }
  if ((type === 'HTTP' || type === 'HTTP_PROXY') && fields.integrationMethod === undefined) {
    throw badRequest('IntegrationMethod is a required parameter for an HTTP integration');
  }
  const lambdaOnHttpApi = protocol === 'HTTP' && type === 'AWS_PROXY';
  const payloadFormatVersion = fields.payloadFormatVersion ?? (lambdaOnHttpApi ? undefined : '1.0');
  if (payloadFormatVersion === undefined) throw badRequest('PayloadFormatVersion is a required parameter for integration');
  const allowed = lambdaOnHttpApi ? ['1.0', '2.0'] : ['1.0'];
  if (!allowed.includes(payloadFormatVersion)) {
    throw badRequest(
      `Unsupported payload format version ${payloadFormatVersion} for ${type} integrations of ${protocol} APIs. Supported: ${allowed.join(', ')}.`,
    );
  }
  const timeoutInMillis = fields.timeoutInMillis ?? MAX_TIMEOUT[protocol];
  if (timeoutInMillis < 50 || timeoutInMillis > MAX_TIMEOUT[protocol]) {
    throw badRequest(`Timeout must be between 50 milliseconds and ${MAX_TIMEOUT[protocol]} milliseconds.`);
  }
  return definedOnly({
    ...fields,
    integrationType: type,
    connectionType: fields.connectionType ?? 'INTERNET',
    integrationMethod: fields.integrationMethod ?? (type === 'AWS_PROXY' || type === 'AWS' ? 'POST' : undefined),
    payloadFormatVersion,
    timeoutInMillis,
    passthroughBehavior: fields.passthroughBehavior ?? (protocol === 'WEBSOCKET' ? 'WHEN_NO_MATCH' : undefined),
    // A WebSocket MOCK integration picks its response by status code (awscli/examples/apigatewayv2/create-integration.rst).
    integrationResponseSelectionExpression: protocol === 'WEBSOCKET' && type === 'MOCK' ? '${integration.response.statuscode}' : undefined,
  });
}

export function integrationRoutes(store: ApiStore): RestJsonRoute[] {
  const base = '/v2/apis/{apiId}/integrations';
  return [
    {
      method: 'POST',
      path: base,
      operation: 'CreateIntegration',
      async handler({ params, json, req }) {
        const protocol = store.get(req.region, params.apiId).api.protocolType;
        const fields = completeIntegration(protocol, readFields(json()));
        const integration = await store.update(req.region, params.apiId, (doc) => {
          const created: Integration = { integrationId: newId(7, doc.integrations), ...fields };
          doc.integrations[created.integrationId] = created;
          return created;
        });
        return { status: 201, body: integration };
      },
    },
    {
      method: 'GET',
      path: base,
      operation: 'GetIntegrations',
      async handler({ params, query, req }) {
        return { body: page(Object.values(store.get(req.region, params.apiId).integrations), query) };
      },
    },
    {
      method: 'GET',
      path: `${base}/{integrationId}`,
      operation: 'GetIntegration',
      async handler({ params, req }) {
        const integration = store.get(req.region, params.apiId).integrations[params.integrationId];
        if (!integration) throw integrationNotFound(params.integrationId);
        return { body: integration };
      },
    },
    {
      method: 'PATCH',
      path: `${base}/{integrationId}`,
      operation: 'UpdateIntegration',
      async handler({ params, json, req }) {
        const changes = readFields(json());
        const integration = await store.update(req.region, params.apiId, (doc) => {
          const current = doc.integrations[params.integrationId];
          if (!current) throw integrationNotFound(params.integrationId);
          const { integrationId, ...fields } = current;
          const updated: Integration = { integrationId, ...completeIntegration(doc.api.protocolType, { ...fields, ...changes }) };
          doc.integrations[integrationId] = updated;
          return updated;
        });
        return { body: integration };
      },
    },
    {
      method: 'DELETE',
      path: `${base}/{integrationId}`,
      operation: 'DeleteIntegration',
      async handler({ params, req }) {
        await store.update(req.region, params.apiId, (doc) => {
          if (!doc.integrations[params.integrationId]) throw integrationNotFound(params.integrationId);
          const users = Object.values(doc.routes).filter((route) => route.target === `integrations/${params.integrationId}`);
          if (users.length) {
            throw conflict(
              `Integration ${params.integrationId} is the target of route(s) ${users.map((r) => r.routeKey).join(', ')}; change or delete them first.`,
            );
          }
          delete doc.integrations[params.integrationId];
        });
        return { status: 204 };
      },
    },
  ];
}

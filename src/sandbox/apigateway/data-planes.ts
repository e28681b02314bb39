// Which requests on the sandbox's port are for an API's data plane rather than
// an AWS control plane, and which data plane answers them.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { DataPlaneParts } from './data-plane-parts.ts';
import { handleHttpApiRequest } from './http/data-plane.ts';
import { API_PATH_PREFIX } from './index.ts';
import { handleConnectionsRequest, handleWebSocketRequest } from './websocket/data-plane.ts';
import type { WebSocketGateway } from './websocket/gateway.ts';

/** An API data-plane request: the API, and the path after it (percent-encoded, from '/', no query). */
export interface ApiRequestTarget {
  apiId: string;
  path: string;
}

/** <apiId>.execute-api.<region>.amazonaws.com, as boto3 inside a handler signs it while sending to the sandbox. */
const EXECUTE_API_HOST = /^([a-z0-9]+)\.execute-api\.[a-z0-9-]+\.amazonaws\.com(?::\d+)?$/;
/** /_api/<apiId>, then the rest of the path. */
const API_PATH = new RegExp(`^${API_PATH_PREFIX}([a-z0-9]+)(/.*)?$`);

export function apiRequestTarget(req: IncomingMessage): ApiRequestTarget | undefined {
  const path = (req.url ?? '/').split('?')[0];
  const byHost = EXECUTE_API_HOST.exec(String(req.headers.host ?? '').toLowerCase());
  if (byHost) return { apiId: byHost[1], path: path || '/' };
  const byPath = API_PATH.exec(path);
  return byPath ? { apiId: byPath[1], path: byPath[2] ?? '/' } : undefined;
}

/** Both data planes: what each works with, and the WebSocket API's open connections. */
export interface ApiDataPlanes extends DataPlaneParts {
  webSockets: WebSocketGateway;
}

/** '/<stage>/@connections/<id>': the WebSocket management API. */
const isConnectionsPath = (path: string) => path.split('/')[2] === '@connections';

/** Routes a plain HTTP request for an API to the data plane of the API's protocol. */
export async function handleApiRequest(planes: ApiDataPlanes, req: IncomingMessage, res: ServerResponse, target: ApiRequestTarget): Promise<void> {
  const protocol = planes.apis.protocolType(target.apiId);
  if (protocol !== 'HTTP' && isConnectionsPath(target.path)) {
    return handleConnectionsRequest(planes, planes.webSockets, req, res, target.apiId, target.path);
  }
  if (protocol === 'WEBSOCKET') return handleWebSocketRequest(planes.webSockets, req, res, Buffer.alloc(0), target.apiId, target.path);
  return handleHttpApiRequest(planes, req, res, target.apiId, target.path);
}

/** An Upgrade request: for an API, the WebSocket data plane decides; anything else is refused. */
export async function handleApiUpgrade(webSockets: WebSocketGateway, req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
  const target = apiRequestTarget(req);
  if (!target) return void socket.destroy();
  return handleWebSocketRequest(webSockets, req, socket, head, target.apiId, target.path);
}

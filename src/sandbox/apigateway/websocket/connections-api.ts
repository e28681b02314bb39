// The @connections management API of a WebSocket API's stage:
//   POST   /<stage>/@connections/<id>  the body is sent to the client as one message
//   GET    /<stage>/@connections/<id>  connectedAt, identity, lastActiveAt
//   DELETE /<stage>/@connections/<id>  closes the connection; $disconnect follows
// Requests are SigV4-signed for the service `execute-api` (boto3's and the SDK's
// apigatewaymanagementapi clients do that). A connection that is closed or
// never existed answers 410 GoneException; data over 128 KB answers 413.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLarge, readBody } from '../../body.ts';
import { send } from '../../front-door.ts';
import { AwsError, internalFailure } from '../../protocol/errors.ts';
import { restJsonProtocol } from '../../protocol/rest-json.ts';
import { isAuthFailure, verifySignature } from '../../protocol/sigv4.ts';
import type { DataPlaneParts } from '../data-plane-parts.ts';
import { isoDate } from '../model.ts';
import type { GatewayConnection } from './connection.ts';
import { DELETED_BY_API, type WebSocketGateway } from './gateway.ts';

const protocol = restJsonProtocol('message');
const forbidden = () => new AwsError('ForbiddenException', 'Forbidden', 403);
const gone = () => new AwsError('GoneException', '', 410);

/** '/<stage>/@connections/<id>' → its parts, percent-decoded. */
function parsePath(stagePath: string): { stage: string; connectionId: string } | undefined {
  const parts = stagePath.split('/');
  if (parts.length !== 4 || parts[0] !== '' || parts[2] !== '@connections' || !parts[1] || !parts[3]) return undefined;
  try {
    return { stage: decodeURIComponent(parts[1]), connectionId: decodeURIComponent(parts[3]) };
  } catch {
    return undefined;
  }
}

function connectionDetails(connection: GatewayConnection): string {
  const { connectedAt, sourceIp, userAgent } = connection.context;
  return JSON.stringify({
    connectedAt: isoDate(new Date(connectedAt)),
    identity: { sourceIp, ...(userAgent ? { userAgent } : {}) },
    lastActiveAt: isoDate(new Date(connection.lastActiveAt)),
  });
}

export async function handleConnectionsRequest(
  { ctx, apis }: Pick<DataPlaneParts, 'ctx' | 'apis'>,
  gateway: WebSocketGateway,
  req: IncomingMessage,
  res: ServerResponse,
  apiId: string,
  stagePath: string,
): Promise<void> {
  const requestId = randomUUID();
  try {
    const limit = gateway.limits.messageBytes;
    let body: Buffer;
    try {
      body = await readBody(req, limit);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        throw new AwsError('PayloadTooLargeException', `Message too long. A message may be at most ${limit} bytes.`, 413);
      }
      throw error;
    }
    const [path, queryString = ''] = (req.url ?? '/').split('?');
    const received = { method: req.method ?? 'GET', path, query: new URLSearchParams(queryString), headers: req.headers, body };
    const verified = verifySignature(received, 'execute-api', (key) => ctx.credentials.lookup(key));
    if (isAuthFailure(verified)) throw protocol.authError(verified);

    const target = parsePath(stagePath);
    const isWebSocketApi = apis.protocolType(apiId) === 'WEBSOCKET';
    if (!isWebSocketApi || !target || !['GET', 'POST', 'DELETE'].includes(received.method)) throw forbidden();
    const connection = gateway.connection(apiId, target.stage, target.connectionId);
    if (!connection) throw gone();
    if (received.method === 'GET') {
      return send(req, res, { status: 200, headers: { 'content-type': 'application/json' }, body: connectionDetails(connection) }, requestId);
    }
    if (received.method === 'DELETE') {
      gateway.disconnect(connection, DELETED_BY_API);
      return send(req, res, { status: 204 }, requestId);
    }
    connection.send(body);
    send(req, res, { status: 200, headers: { 'content-type': 'application/json' } }, requestId);
  } catch (error) {
    if (res.destroyed) return;
    if (!(error instanceof AwsError)) ctx.log(`sandbox @connections: ${(error as Error)?.stack ?? String(error)}`);
    send(req, res, protocol.errorResponse(error instanceof AwsError ? error : internalFailure(), requestId), requestId);
  }
}

// The WebSocket APIs' data plane: one gateway per sandbox holding every open
// connection. A handshake waits for the API's $connect route, whose refusal
// (a non-2xx statusCode, an error, a missing permission) refuses the upgrade
// with an HTTP status, so no connection ever exists; messages are routed by
// the route selection expression; $disconnect runs once the socket has
// closed, from whichever side. Frames and messages are parsed by `ws`.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { DataPlaneParts } from '../data-plane-parts.ts';
import type { DeployedStage, Route } from '../model.ts';
import { executeApiDomain, newApiRequestId, sourceIpOf } from '../request-context.ts';
import { GatewayConnection, type CloseCause } from './connection.ts';
import { connectEvent, disconnectEvent, messageEvent, type ConnectionContext } from './events.ts';
import { limitFrameSize } from './frame-limit.ts';
import { handshakeProblem, refuseHandshake, refusalOf, subprotocolOf } from './handshake.ts';
import { callRouteIntegration, type IntegrationOutcome } from './integration.ts';
import type { WebSocketLimits } from './limits.ts';
import { connectionRoute, messageRoute } from './routing.ts';

export const DELETED_BY_API: CloseCause = { code: 1000, reason: 'Connection deleted' };
const MESSAGE_TOO_BIG: CloseCause = { code: 1009, reason: 'Message too big' };
const BINARY_REFUSED: CloseCause = { code: 1003, reason: 'Binary frames are not supported' };

/** What API Gateway writes into DISCONNECT events when the client closed. */
function clientCloseCause(code: number, reason: string): CloseCause {
  if (reason) return { code, reason };
  if (code === 1005) return { code, reason: 'Client-side close frame status not set' };
  if (code === 1006) return { code, reason: 'Connection closed abnormally' };
  return { code, reason: `Client-side close frame status code ${code}` };
}

/** '/production' or '/production/' → 'production'; a deeper path names nothing on a WebSocket API. */
function stageOf(stagePath: string): string | undefined {
  const [, stage, ...rest] = stagePath.split('/');
  if (!stage || rest.some((part) => part !== '')) return undefined;
  try {
    return decodeURIComponent(stage);
  } catch {
    return undefined;
  }
}

/** The text a failed message integration sends back to the client, as API Gateway words it. */
function failureMessage(outcome: Extract<IntegrationOutcome, { ok: false }>): string {
  return outcome.failure === 'timeout' ? 'Endpoint request timed out' : 'Internal server error';
}

/** A route response configured for the route: only then does the integration's answer reach the client. */
function hasRouteResponse(stage: DeployedStage, route: Route): boolean {
  return route.routeResponseSelectionExpression !== undefined && (stage.routeResponses[route.routeId] ?? []).length > 0;
}

/** What a Lambda proxy integration's answer sends to the client: its `body` when it has the proxy shape, else the whole answer. */
function replyOf(result: unknown): Buffer | undefined {
  if (result === undefined) return undefined;
  const value = typeof result === 'object' && result !== null && 'statusCode' in result ? (result as { body?: unknown }).body : result;
  if (value === undefined || value === null) return undefined;
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
}

export class WebSocketGateway {
  private readonly parts: DataPlaneParts;
  readonly limits: WebSocketLimits;
  private readonly server: WebSocketServer;
  private readonly connections = new Map<string, GatewayConnection>();
  /** The subprotocol a $connect integration chose, per handshake, for ws to answer with. */
  private readonly chosenProtocols = new WeakMap<IncomingMessage, string>();
  private closed = false;

  constructor(parts: DataPlaneParts, limits: WebSocketLimits) {
    this.parts = parts;
    this.limits = limits;
    this.server = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      perMessageDeflate: false,
      maxPayload: limits.messageBytes,
      // API Gateway agrees to a subprotocol only when $connect answers with one.
      handleProtocols: (_offered, req) => this.chosenProtocols.get(req) ?? false,
    });
  }

  /** A live connection of this API and stage, or undefined (closed, never existed, another API's). */
  connection(apiId: string, stage: string, connectionId: string): GatewayConnection | undefined {
    const connection = this.connections.get(connectionId);
    return connection && connection.context.apiId === apiId && connection.context.stage === stage ? connection : undefined;
  }

  /** Closes the connection from the server side (@connections DELETE); $disconnect follows once it has closed. */
  disconnect(connection: GatewayConnection, cause: CloseCause): void {
    this.connections.delete(connection.id);
    connection.close(cause);
  }

  /** Stops serving: connections end without $disconnect, which could no longer run once the sandbox is gone. */
  close(): void {
    this.closed = true;
    for (const connection of this.connections.values()) connection.terminate();
    this.connections.clear();
  }

  /** A WebSocket upgrade request for `apiId`, with `stagePath` ('/production') after the API in its URL. */
  async handshake(req: IncomingMessage, socket: Duplex, head: Buffer, apiId: string, stagePath: string): Promise<void> {
    const requestId = newApiRequestId();
    const store = this.parts.apis;
    if (this.closed) return void socket.destroy();
    if (store.protocolType(apiId) !== 'WEBSOCKET') return refuseHandshake(socket, 404, { message: 'Not Found' }, requestId);
    const stageName = stageOf(stagePath);
    const stage = stageName === undefined ? undefined : store.deployedStage(apiId, stageName);
    if (!stage) return refuseHandshake(socket, 403, { message: 'Forbidden' }, requestId);
    const problem = handshakeProblem(req);
    if (problem) return refuseHandshake(socket, 400, { message: problem }, requestId);

    const region = store.regionOf(apiId)!;
    const context: ConnectionContext = {
      connectionId: this.newConnectionId(),
      apiId,
      stage: stage.stage.stageName,
      domainName: executeApiDomain(apiId, region),
      connectedAt: Date.now(),
      sourceIp: sourceIpOf(req),
      ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}),
    };
    const route = connectionRoute(stage, '$connect');
    if (route) {
      const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
      const event = connectEvent(context, { rawHeaders: req.rawHeaders, query, port: req.socket.localPort ?? 0 });
      const outcome = await callRouteIntegration(this.parts, { stage, route, region, event });
      this.logFailure(route, outcome);
      const refusal = refusalOf(outcome);
      if (refusal) return refuseHandshake(socket, refusal.status, refusal.body, event.requestContext.requestId);
      const protocol = outcome.ok ? subprotocolOf(outcome.result) : undefined;
      if (protocol) this.chosenProtocols.set(req, protocol);
    }
    if (this.closed) return void socket.destroy();
    if (socket.destroyed) {
      // The client gave up while $connect ran: the connection $connect accepted has ended.
      if (route) void this.runDisconnect(context, { code: 1006, reason: 'Connection closed abnormally' });
      return;
    }
    this.server.handleUpgrade(req, socket, head, (ws) => this.open(ws, context));
  }

  private newConnectionId(): string {
    let id: string;
    do id = newApiRequestId();
    while (this.connections.has(id));
    return id;
  }

  private open(ws: WebSocket, context: ConnectionContext): void {
    const connection = new GatewayConnection(ws, context, this.limits, (cause) => this.disconnect(connection, cause));
    if (!limitFrameSize(ws, this.limits.frameBytes)) this.parts.ctx.log('sandbox: ws internals changed; WebSocket frames are limited per message only');
    this.connections.set(context.connectionId, connection);
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) return this.disconnect(connection, BINARY_REFUSED);
      connection.touch();
      void this.route(connection, data.toString('utf8'));
    });
    // ws closes the connection itself after a protocol error; only an oversized frame or message needs naming.
    ws.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') connection.closedBy ??= MESSAGE_TOO_BIG;
    });
    ws.on('close', (code: number, reason: Buffer) => {
      this.connections.delete(connection.id);
      connection.stopClocks();
      if (this.closed) return;
      void this.runDisconnect(context, connection.closedBy ?? clientCloseCause(code, reason.toString('utf8')));
    });
  }

  /** One message from the client: to its route's integration, and back to the client when the route says so. */
  private async route(connection: GatewayConnection, body: string): Promise<void> {
    const { apiId, stage: stageName, connectionId } = connection.context;
    const store = this.parts.apis;
    const stage = store.deployedStage(apiId, stageName);
    const route = stage && messageRoute(stage, body);
    if (!stage || !route) {
      return connection.send(Buffer.from(JSON.stringify({ message: 'Forbidden', connectionId, requestId: newApiRequestId() })));
    }
    const event = messageEvent(connection.context, route.routeKey, body);
    const outcome = await callRouteIntegration(this.parts, { stage, route, region: store.regionOf(apiId)!, event });
    this.logFailure(route, outcome);
    if (!this.connections.has(connectionId)) return;
    if (!outcome.ok) {
      const message = { message: failureMessage(outcome), connectionId, requestId: event.requestContext.requestId };
      return connection.send(Buffer.from(JSON.stringify(message)));
    }
    const reply = hasRouteResponse(stage, route) ? replyOf(outcome.result) : undefined;
    if (reply) connection.send(reply);
  }

  /** $disconnect, best effort: nobody is left to hear how it went. */
  private async runDisconnect(context: ConnectionContext, cause: CloseCause): Promise<void> {
    const store = this.parts.apis;
    const stage = store.deployedStage(context.apiId, context.stage);
    const route = stage && connectionRoute(stage, '$disconnect');
    if (!stage || !route) return;
    const event = disconnectEvent(context, cause.code, cause.reason);
    this.logFailure(route, await callRouteIntegration(this.parts, { stage, route, region: store.regionOf(context.apiId)!, event }));
  }

  /** A misconfigured route is the student's to fix; say what is wrong where the sandbox logs. */
  private logFailure(route: Route, outcome: IntegrationOutcome): void {
    if (!outcome.ok && outcome.failure === 'configuration') {
      this.parts.ctx.log(`sandbox: WebSocket route ${route.routeKey}: ${outcome.detail}`);
    }
  }
}

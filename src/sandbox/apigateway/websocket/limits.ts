// API Gateway's WebSocket quotas, which cannot be raised on AWS: 32 KB frames,
// 128 KB messages (a larger message must arrive split into frames of at most
// 32 KB; anything larger closes the connection with 1009), 10 minutes idle,
// 2 hours in all. Source: "Quotas for configuring and running a WebSocket in
// API Gateway" in the API Gateway developer guide. The sandbox lets them be
// changed (LABBOOK_WS_*, src/config) so a test or a curious student need not
// wait ten minutes.

export interface WebSocketLimits {
  frameBytes: number;
  messageBytes: number;
  idleTimeoutMs: number;
  maxConnectionAgeMs: number;
}

export const AWS_WEBSOCKET_LIMITS: WebSocketLimits = {
  frameBytes: 32 * 1024,
  messageBytes: 128 * 1024,
  idleTimeoutMs: 10 * 60_000,
  maxConnectionAgeMs: 2 * 3_600_000,
};

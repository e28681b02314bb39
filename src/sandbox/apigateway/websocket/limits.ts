// API Gateway's WebSocket quotas, which cannot be raised on AWS: 32 KB frames,
// 128 KB messages (a larger message must arrive split into frames of at most
// 32 KB; anything larger closes the connection with 1009), 10 minutes idle,
// 2 hours in all. Source: "Quotas for configuring and running a WebSocket in
// API Gateway" in the API Gateway developer guide. The sandbox lets them be
// changed so a test or a curious student need not wait ten minutes.

export interface WebSocketLimits {
  frameBytes: number;
  messageBytes: number;
  idleTimeoutMs: number;
  maxConnectionAgeMs: number;
}

const AWS_WEBSOCKET_LIMITS: WebSocketLimits = {
  frameBytes: 32 * 1024,
  messageBytes: 128 * 1024,
  idleTimeoutMs: 10 * 60_000,
  maxConnectionAgeMs: 2 * 3_600_000,
};

/**
 * AWS's limits unless the environment says otherwise:
 * LABBOOK_WS_FRAME_BYTES, LABBOOK_WS_MESSAGE_BYTES,
 * LABBOOK_WS_IDLE_SECONDS, LABBOOK_WS_MAX_AGE_SECONDS.
 */
export function webSocketLimitsFromEnvironment(env: NodeJS.ProcessEnv = process.env): WebSocketLimits {
  const positive = (name: string) => {
    const value = Number(env[name]);
    return env[name] && Number.isFinite(value) && value > 0 ? value : undefined;
  };
  const seconds = (name: string) => {
    const value = positive(name);
    return value === undefined ? undefined : value * 1000;
  };
  return {
    frameBytes: positive('LABBOOK_WS_FRAME_BYTES') ?? AWS_WEBSOCKET_LIMITS.frameBytes,
    messageBytes: positive('LABBOOK_WS_MESSAGE_BYTES') ?? AWS_WEBSOCKET_LIMITS.messageBytes,
    idleTimeoutMs: seconds('LABBOOK_WS_IDLE_SECONDS') ?? AWS_WEBSOCKET_LIMITS.idleTimeoutMs,
    maxConnectionAgeMs: seconds('LABBOOK_WS_MAX_AGE_SECONDS') ?? AWS_WEBSOCKET_LIMITS.maxConnectionAgeMs,
  };
}

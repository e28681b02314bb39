// What a class server's relay logs: per interval, how many requests it answered, how many
// it refused for a limit, the WebSocket sessions opened, and its answers' durations. Only
// counts and times: a path names an account and its functions, and headers and bodies hold
// credentials, so none of them is ever handed to this module.

/** Enough for percentiles of a busy minute; requests past it are counted but not timed. */
const MAX_TIMED = 10_000;

export interface RelayStats {
  /** One HTTP request answered (by AWS or by the relay), with its status and how long it took. */
  answered(status: number, durationMs: number): void;
  webSocketOpened(): void;
  /** The interval's line, or undefined when nothing happened; starts the next interval. */
  take(): string | undefined;
}

export function createRelayStats(): RelayStats {
  let requests = 0;
  let limited = 0;
  let tooLarge = 0;
  let webSockets = 0;
  let durations: number[] = [];
  return {
    answered(status, durationMs) {
      requests += 1;
      if (status === 429) limited += 1;
      if (status === 413) tooLarge += 1;
      if (durations.length < MAX_TIMED) durations.push(durationMs);
    },
    webSocketOpened() {
      webSockets += 1;
    },
    take() {
      if (requests === 0 && webSockets === 0) return undefined;
      const sorted = durations.sort((a, b) => a - b);
      const line = `labbook relay: ${requests} requests (${limited} refused 429, ${tooLarge} refused 413), ${webSockets} WebSocket sessions opened, p50 ${percentile(sorted, 0.5)} ms, p99 ${percentile(sorted, 0.99)} ms`;
      requests = limited = tooLarge = webSockets = 0;
      durations = [];
      return line;
    },
  };
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]);
}

// Timing and percentiles shared by the benchmark scripts.

/** The p-th percentile (nearest rank) of the samples. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const summary = (samples: number[]) => ({ p50: percentile(samples, 50), p99: percentile(samples, 99), max: Math.max(...samples), n: samples.length });

/** Milliseconds `action` took. */
export async function time(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

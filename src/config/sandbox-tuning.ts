// The sandbox's limits a user may change without code, from labbook's settings, in the
// units startSandbox takes; for `labbook start` and `labbook sandbox` alike.
import type { SandboxOptions } from '../sandbox/index.ts';
import type { LabbookConfig } from './read-config.ts';

const times = (value: number | undefined, factor: number) => (value === undefined ? undefined : value * factor);

export function sandboxTuning(config: LabbookConfig): Pick<SandboxOptions, 'lambda' | 'webSocketLimits' | 'timings' | 'learnerLab' | 'credentialsSeconds'> {
  return {
    timings: { profile: config.timings, scale: config.timingsScale, seed: config.timingsSeed },
    learnerLab: config.learnerLab,
    credentialsSeconds: config.credentialsSeconds,
    lambda: {
      concurrencyLimit: config.lambdaConcurrency,
      idleTimeoutMs: times(config.lambdaIdleSeconds, 1000),
      memoryBudgetBytes: times(config.lambdaMemoryMb, 2 ** 20),
      python: config.python,
    },
    // Unset ones are left out: AWS's own limits fill them in.
    webSocketLimits: Object.fromEntries(
      Object.entries({
        frameBytes: config.webSocketFrameBytes,
        messageBytes: config.webSocketMessageBytes,
        idleTimeoutMs: times(config.webSocketIdleSeconds, 1000),
        maxConnectionAgeMs: times(config.webSocketMaxAgeSeconds, 1000),
      }).filter(([, value]) => value !== undefined),
    ),
  };
}

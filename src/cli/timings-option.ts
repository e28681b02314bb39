// `--timings instant|aws` for `labbook start` and `labbook sandbox`: the same setting as
// LABBOOK_TIMINGS, given on the command line, where it wins.
import type { LabbookConfig } from '../config/read-config.ts';
import { UsageError } from './usage-error.ts';

export const TIMINGS_OPTION = { timings: { type: 'string' } } as const;

export const TIMINGS_USAGE = `--timings P   how long tables, functions, streams, mappings, deployments and permissions take to become ready:
                instant (the default) or aws, as on AWS (LABBOOK_TIMINGS; LABBOOK_TIMINGS_SCALE scales it)`;

export function withTimings(config: LabbookConfig, given: string | undefined): LabbookConfig {
  if (given === undefined) return config;
  if (given !== 'instant' && given !== 'aws') throw new UsageError(`--timings must be instant or aws, not ${JSON.stringify(given)}`);
  return { ...config, timings: given };
}

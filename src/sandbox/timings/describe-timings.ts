// The README's table of `--timings aws`, made from durations.ts so that the two cannot differ.
import { TRANSITIONS } from './durations.ts';

const seconds = (ms: number) => `${ms / 1000} s`;

export function timingsTable(): string {
  const rows = Object.values(TRANSITIONS).map(
    ({ state, instantMs, awsMs: [min, max], source }) => `| ${state} | ${seconds(instantMs)} | ${seconds(min)} to ${seconds(max)} | ${source} |`,
  );
  return ['| while | instant (default) | `--timings aws` | source |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

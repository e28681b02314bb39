// What the runner gives every benchmark area.
import type { LabbookServer } from './labbook-server.ts';
import type { AreaResult } from './report.ts';

export interface BenchContext {
  /** Fewer samples: a smoke run that the runner and every area still work. */
  quick: boolean;
  /** The benchmarked labbook server, started on first use and shared by the areas. */
  server(): Promise<LabbookServer>;
  /** The shared server's port (--port); areas that start servers of their own use the ports after it. */
  port: number;
  /** The names of the areas that finished before this one, in order. */
  finished: readonly string[];
  log(line: string): void;
}

export type Area = (ctx: BenchContext) => Promise<AreaResult>;

import type { SandboxContext } from '../context.ts';
import type { LambdaEngine } from '../lambda/engine.ts';
import type { ApiStore } from './api-store.ts';

/** What an API's data plane works with: the sandbox around it, the APIs it serves, and the functions their integrations call. */
export interface DataPlaneParts {
  ctx: SandboxContext;
  apis: ApiStore;
  lambda: LambdaEngine;
}

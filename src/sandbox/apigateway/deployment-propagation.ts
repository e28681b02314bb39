// A stage's new deployment is not served at once on AWS: for a few seconds after
// CreateDeployment (or an auto-deploy) the stage goes on serving the deployment before it,
// or answers as a stage with none (durations.ts, 'apigateway.deployment-propagating').
// The control plane already reports the new deploymentId; only the data planes lag. Kept in
// memory: a sandbox that restarts has taken longer than any propagation.
import type { Stage } from './model.ts';

interface Propagating {
  /** What the stage serves until `servedFrom`; undefined when it served nothing. */
  previousId: string | undefined;
  nextId: string;
  servedFrom: number;
}

export class DeploymentPropagation {
  private readonly durationMs: () => number;
  private readonly now: () => number;
  private readonly stages = new Map<string, Propagating>();

  constructor(durationMs: () => number, now: () => number) {
    this.durationMs = durationMs;
    this.now = now;
  }

  /** The deployment id the data plane serves for the stage now. */
  served(apiId: string, stage: Stage): string | undefined {
    const key = `${apiId}/${stage.stageName}`;
    const propagating = this.stages.get(key);
    if (!propagating) return stage.deploymentId;
    // The time is up, or the stage was deleted and made again since.
    if (propagating.nextId !== stage.deploymentId || this.now() >= propagating.servedFrom) {
      this.stages.delete(key);
      return stage.deploymentId;
    }
    return propagating.previousId;
  }

  /** The stage now points at `nextId`, while it served `previousId` (what `served` said just before the change). */
  moved(apiId: string, stageName: string, previousId: string | undefined, nextId: string): void {
    const delay = this.durationMs();
    const key = `${apiId}/${stageName}`;
    if (delay <= 0) return void this.stages.delete(key);
    this.stages.set(key, { previousId, nextId, servedFrom: this.now() + delay });
  }
}

import { SerialQueue } from '../serial-queue.ts';
import type { DocumentStore } from '../storage/document-store.ts';
import { autoDeploy } from './deployments.ts';
import { DeploymentPropagation } from './deployment-propagation.ts';
import { apiNotFound } from './errors.ts';
import type { ApiDocument, DeployedStage, ProtocolType } from './model.ts';

interface Held {
  doc: ApiDocument;
  /** Changes to one API run one after another. */
  queue: SerialQueue;
}

/**
 * Every API of the sandbox, one document each under `apis/<apiId>`. A change
 * works on a copy that replaces the API only once it is on disk, so a failed
 * write leaves the API as it was and a crash leaves the old or the new
 * document, never half of a change.
 */
export class ApiStore {
  readonly accountId: string;
  private readonly store: DocumentStore;
  private readonly now: () => Date;
  private readonly apis = new Map<string, Held>();
  private readonly propagation: DeploymentPropagation;

  private constructor(store: DocumentStore, accountId: string, now: () => Date, deploymentDelayMs: () => number) {
    this.store = store;
    this.accountId = accountId;
    this.now = now;
    this.propagation = new DeploymentPropagation(deploymentDelayMs, () => now().getTime());
  }

  /** `deploymentDelayMs` draws how long a stage's new deployment takes to be served (the sandbox's timings). */
  static async open(
    store: DocumentStore,
    accountId: string,
    { now = () => new Date(), deploymentDelayMs = () => 0 }: { now?: () => Date; deploymentDelayMs?: () => number } = {},
  ): Promise<ApiStore> {
    const apis = new ApiStore(store, accountId, now, deploymentDelayMs);
    for (const id of await store.list('apis')) {
      const doc = await store.read<ApiDocument>(`apis/${id}`);
      if (doc) apis.apis.set(id, { doc, queue: new SerialQueue() });
    }
    return apis;
  }

  /** The API with this id in this region, or NotFoundException. */
  get(region: string, apiId: string): ApiDocument {
    const held = this.apis.get(apiId);
    if (!held || held.doc.region !== region) throw apiNotFound(this.accountId, apiId);
    return held.doc;
  }

  list(region: string): ApiDocument[] {
    return [...this.apis.values()]
      .map((held) => held.doc)
      .filter((doc) => doc.region === region)
      .sort((a, b) => a.api.createdDate.localeCompare(b.api.createdDate) || a.api.apiId.localeCompare(b.api.apiId));
  }

  taken(): Record<string, true> {
    return Object.fromEntries([...this.apis.keys()].map((id) => [id, true]));
  }

  async create(doc: ApiDocument): Promise<void> {
    autoDeploy(doc, this.now());
    await this.store.write(`apis/${doc.api.apiId}`, doc);
    this.apis.set(doc.api.apiId, { doc, queue: new SerialQueue() });
    this.propagate(doc.api.apiId, undefined, doc);
  }

  /**
   * Applies `change` to a copy of the API, redeploys autoDeploy stages if
   * what they serve changed, stores the result, and returns what `change` returned.
   */
  update<T>(region: string, apiId: string, change: (doc: ApiDocument, now: Date) => T): Promise<T> {
    this.get(region, apiId);
    const held = this.apis.get(apiId)!;
    return held.queue.run(async () => {
      if (this.apis.get(apiId) !== held) throw apiNotFound(this.accountId, apiId);
      const next = structuredClone(held.doc);
      const now = this.now();
      const result = change(next, now);
      autoDeploy(next, now);
      await this.store.write(`apis/${apiId}`, next);
      const before = held.doc;
      held.doc = next;
      this.propagate(apiId, before, next);
      return result;
    });
  }

  async delete(region: string, apiId: string): Promise<void> {
    this.get(region, apiId);
    const held = this.apis.get(apiId)!;
    return held.queue.run(async () => {
      if (this.apis.get(apiId) !== held) throw apiNotFound(this.accountId, apiId);
      await this.store.delete(`apis/${apiId}`);
      this.apis.delete(apiId);
    });
  }

  /** Starts the propagation of every stage that points at another deployment than `before` did; until then it serves what it served. */
  private propagate(apiId: string, before: ApiDocument | undefined, after: ApiDocument): void {
    for (const stage of Object.values(after.stages)) {
      const previous = before && Object.hasOwn(before.stages, stage.stageName) ? before.stages[stage.stageName] : undefined;
      if (stage.deploymentId === undefined || stage.deploymentId === previous?.deploymentId) continue;
      this.propagation.moved(apiId, stage.stageName, previous && this.propagation.served(apiId, previous), stage.deploymentId);
    }
  }

  /** HTTP or WEBSOCKET, whichever region the API is in; undefined for an unknown API. The data plane routes on it. */
  protocolType(apiId: string): ProtocolType | undefined {
    return this.apis.get(apiId)?.doc.api.protocolType;
  }

  /** The region an API lives in (its domain name and source ARNs name it); undefined for an unknown API. */
  regionOf(apiId: string): string | undefined {
    return this.apis.get(apiId)?.doc.region;
  }

  /**
   * What a stage serves: the snapshot of the deployment it has propagated (its last one, or
   * for a few seconds under AWS's timings the one before), whatever has been edited since.
   * Undefined if the API, stage or deployment does not exist.
   */
  deployedStage(apiId: string, stageName: string): DeployedStage | undefined {
    const doc = this.apis.get(apiId)?.doc;
    const stage = doc?.stages[stageName];
    const servedId = stage && this.propagation.served(apiId, stage);
    const deployed = servedId === undefined ? undefined : doc?.deployments[servedId];
    if (!stage || !deployed) return undefined;
    return structuredClone({ ...deployed.snapshot, stage });
  }
}

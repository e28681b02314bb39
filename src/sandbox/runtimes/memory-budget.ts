/**
 * The memory budget of all warm execution environments together: whether one more fits,
 * and which idle ones to stop first to make room (least recently used first). A busy
 * environment is never stopped for room; when only busy ones stand in the way, nothing
 * fits and the request is throttled, as AWS throttles one past the account's concurrency.
 */
export interface Held<T> {
  environment: T;
  bytes: number;
}

/**
 * The idle environments to stop so that `incomingBytes` more fit under `limitBytes`, taken
 * from `idleOldestFirst` in order; undefined when even stopping all of them is not enough.
 */
export function idleToStop<T>(limitBytes: number, busyBytes: number, idleOldestFirst: Held<T>[], incomingBytes: number): T[] | undefined {
  let total = busyBytes + incomingBytes + idleOldestFirst.reduce((sum, held) => sum + held.bytes, 0);
  const stop: T[] = [];
  for (const held of idleOldestFirst) {
    if (total <= limitBytes) break;
    stop.push(held.environment);
    total -= held.bytes;
  }
  return total <= limitBytes ? stop : undefined;
}

/** An environment as the budget sees it: a process, and the runtime family whose size it shares. */
export interface Measurable {
  readonly pid: number | undefined;
}

/**
 * What each environment holds, against the budget. Sizes are read when a decision needs
 * them (a start), not on every invocation: a warm call pays nothing for the budget. An
 * environment not measured yet counts as the largest of its family seen so far, or as
 * `firstGuessBytes` before any.
 */
export class EnvironmentMemory<T extends Measurable> {
  private readonly limitBytes: number;
  private readonly measure: (pid: number | undefined) => number | undefined;
  private readonly firstGuessBytes: (family: string) => number;
  private readonly held = new Map<T, { family: string; bytes: number }>();
  private readonly largest = new Map<string, number>();
  /** Starts admitted but not yet listed: they count before their process exists. */
  private reservedBytes = 0;

  constructor(limitBytes: number, measure: (pid: number | undefined) => number | undefined, firstGuessBytes: (family: string) => number) {
    this.limitBytes = limitBytes;
    this.measure = measure;
    this.firstGuessBytes = firstGuessBytes;
  }

  /**
   * Admits the start of an environment of `family`, stopping idle ones (oldest first) to
   * make room. Returns the bytes reserved for it (pass them to `started` or `abandoned`), or
   * undefined, stopping none, when it does not fit beside the busy ones.
   */
  admit(family: string, idleOldestFirst: T[], stop: (environment: T) => void): number | undefined {
    this.measureAll();
    const incoming = this.typical(family);
    const busyBytes = this.busyBytes(idleOldestFirst);
    // A budget smaller than one environment still runs one at a time rather than none.
    const toStop = idleToStop(this.limitBytes, busyBytes, this.heldOf(idleOldestFirst), incoming) ?? (busyBytes === 0 ? idleOldestFirst : undefined);
    if (!toStop) return undefined;
    for (const environment of toStop) stop(environment);
    this.reservedBytes += incoming;
    return incoming;
  }

  /** The admitted start now has its environment. */
  started(environment: T, family: string, reservedBytes: number): void {
    this.reservedBytes -= reservedBytes;
    this.held.set(environment, { family, bytes: reservedBytes });
  }

  /** The admitted start failed before it had an environment. */
  abandoned(reservedBytes: number): void {
    this.reservedBytes -= reservedBytes;
  }

  gone(environment: T): void {
    this.held.delete(environment);
  }

  /** The idle environments to stop (oldest first) to be back under the budget. */
  overBudget(idleOldestFirst: T[]): T[] {
    return idleToStop(this.limitBytes, this.busyBytes(idleOldestFirst), this.heldOf(idleOldestFirst), 0) ?? idleOldestFirst;
  }

  /** Everything not idle: busy environments and starts admitted but not yet listed. */
  private busyBytes(idleOldestFirst: T[]): number {
    const idle = new Set(idleOldestFirst);
    let bytes = this.reservedBytes;
    for (const [environment, entry] of this.held) if (!idle.has(environment)) bytes += entry.bytes;
    return bytes;
  }

  private heldOf(environments: T[]): Held<T>[] {
    return environments.map((environment) => ({ environment, bytes: this.held.get(environment)?.bytes ?? 0 }));
  }

  private typical(family: string): number {
    return this.largest.get(family) ?? this.firstGuessBytes(family);
  }

  private measureAll(): void {
    for (const [environment, entry] of this.held) {
      const bytes = this.measure(environment.pid);
      if (bytes === undefined) continue;
      entry.bytes = bytes;
      this.largest.set(entry.family, Math.max(this.largest.get(entry.family) ?? 0, bytes));
    }
  }
}

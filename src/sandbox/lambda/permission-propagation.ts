// A statement AddPermission adds is not in effect at once on AWS: for a few seconds the
// service it names still may not invoke the function (durations.ts,
// 'lambda.permission-propagating'), and API Gateway answers as it does with no permission.
// GetPolicy shows the statement at once; only the check before an invocation lags. Kept in
// memory: a sandbox that restarts has taken longer than any propagation.
import type { PolicyStatement } from './policy.ts';

export class PermissionPropagation {
  private readonly durationMs: () => number;
  private readonly now: () => number;
  /** When each new statement takes effect, by `<function ARN> <Sid>`. */
  private readonly effectiveAt = new Map<string, number>();

  constructor(durationMs: () => number, now: () => number = Date.now) {
    this.durationMs = durationMs;
    this.now = now;
  }

  added(functionArn: string, sid: string): void {
    const delay = this.durationMs();
    if (delay > 0) this.effectiveAt.set(`${functionArn} ${sid}`, this.now() + delay);
  }

  removed(functionArn: string, sid: string): void {
    this.effectiveAt.delete(`${functionArn} ${sid}`);
  }

  /** The function's statements that are in effect now. */
  inEffect(functionArn: string, statements: PolicyStatement[]): PolicyStatement[] {
    return statements.filter((statement) => {
      const key = `${functionArn} ${statement.Sid}`;
      const at = this.effectiveAt.get(key);
      if (at === undefined) return true;
      if (this.now() < at) return false;
      this.effectiveAt.delete(key);
      return true;
    });
  }
}

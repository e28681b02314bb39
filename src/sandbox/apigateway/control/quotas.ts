// API Gateway's fixed quotas for creating, deploying and managing APIs, under `--timings aws`:
// "CreateDeployment: 1 request every 5 seconds per account" and "Total operations: 10
// requests per second with a burst quota of 40 requests" (API Gateway Developer Guide,
// "Amazon API Gateway quotas", limits.html). A call past them answers 429
// TooManyRequestsException "Too Many Requests", as AWS's control plane does
// (aws/aws-sdk-js#1014). Each is a token bucket per account and region, its rate
// divided by the timings' scale so that a scaled-down lab keeps the same proportions.
import { AwsError } from '../../protocol/errors.ts';
import type { Timings } from '../../timings/timings.ts';

interface Quota {
  /** Requests a second, on average. */
  rate: number;
  /** Requests at once on a full bucket. */
  burst: number;
}

const TOTAL: Quota = { rate: 10, burst: 40 };
const PER_OPERATION: Record<string, Quota> = { CreateDeployment: { rate: 1 / 5, burst: 1 } };

class TokenBucket {
  private tokens: number;
  private refilledAt: number;
  private readonly quota: Quota;
  private readonly now: () => number;

  constructor(quota: Quota, now: () => number) {
    this.quota = quota;
    this.now = now;
    this.tokens = quota.burst;
    this.refilledAt = now();
  }

  /** Takes a token if there is one. */
  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.quota.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.quota.rate);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** Checks a control-plane call against the quotas, throwing AWS's 429 past them; does nothing with instant timings. */
export function controlPlaneQuotas(timings: Timings, now: () => number = Date.now): (operation: string, region: string) => void {
  if (timings.profile === 'instant') return () => {};
  const buckets = new Map<string, TokenBucket>();
  const bucket = (key: string, quota: Quota) => {
    let found = buckets.get(key);
    if (!found) buckets.set(key, (found = new TokenBucket({ rate: quota.rate / timings.scale, burst: quota.burst }, now)));
    return found;
  };
  return (operation, region) => {
    const own = PER_OPERATION[operation];
    // The operation's own quota first, so that a refused CreateDeployment does not spend the total's token.
    const allowed = (!own || bucket(`${region} ${operation}`, own).take()) && bucket(`${region} *`, TOTAL).take();
    if (!allowed) throw new AwsError('TooManyRequestsException', 'Too Many Requests', 429);
  };
}

// Right after a deployment, or a new Lambda permission for API Gateway, AWS answers for a few
// seconds as if neither were there (durations.ts: 'apigateway.deployment-propagating',
// 'lambda.permission-propagating'): an HTTP API with 404 {"message":"Not Found"} or 500
// {"message":"Internal Server Error"}, a WebSocket API by refusing the handshake. What calls
// an API by itself (a check, the Items app's listing) tries again meanwhile, for longer than
// AWS takes, saying what it waits for; after that, the answer stands.
import type { StepContext } from '../model.ts';
import { pollUntil } from '../waiting.ts';

/** Over twice the few seconds AWS takes (6 s at most in the reports), short enough that a real fault shows soon. */
export const SETTLE_MS = 15_000;

/** Where a wait reports its progress, and what stops it. */
export type Waiting = Pick<StepContext, 'progress' | 'signal'>;

export interface Settling<T> {
  call(): Promise<T>;
  /** Why this outcome may only mean "not yet", for the student; undefined when it stands. */
  notYet(outcome: T): string | undefined;
  /** What the tries wait for, e.g. `CrudHttpAPI’s new deployment and permission to take effect`. */
  waitingFor: string;
  /** The progress line once the outcome stands. */
  doneText: string;
}

/** Calls until the outcome stands or SETTLE_MS have passed; the last outcome either way. */
export function untilSettled<T>(ctx: Waiting, settling: Settling<T>, settleMs = SETTLE_MS): Promise<T> {
  const giveUpAt = Date.now() + settleMs;
  return pollUntil(ctx, {
    read: () => settling.call(),
    done: (outcome) => settling.notYet(outcome) === undefined || Date.now() >= giveUpAt,
    describe: (outcome) => {
      const why = settling.notYet(outcome);
      return why === undefined ? { text: settling.doneText } : { text: `${why}; trying again`, waitingFor: settling.waitingFor };
    },
    // pollUntil's own limit only backs this one up.
    timeoutMs: settleMs + 10_000,
  });
}

const messageIs = (body: string, message: string) => {
  try {
    return (JSON.parse(body) as { message?: unknown })?.message === message;
  } catch {
    return false;
  }
};

/** What an HTTP API's answer means while a deployment or permission may not be in effect yet; undefined for any other answer. */
export function httpApiNotYet(status: number, body: string): string | undefined {
  if (status === 404 && messageIs(body, 'Not Found')) return 'API Gateway answered 404 Not Found, as it does for a few seconds after a deployment';
  if (status === 500 && messageIs(body, 'Internal Server Error')) {
    return 'API Gateway answered 500 Internal Server Error, as it does for a few seconds after a new permission for the function';
  }
  return undefined;
}

/** What the student reads once the tries are over and `what` still gives a not-yet answer (`answered 404`, `refused the connection`). */
export const stillNotAnswering = (what: string, answer: string) =>
  `${what} still ${answer} after ${SETTLE_MS / 1000} s of trying, longer than a new deployment or permission takes on AWS`;

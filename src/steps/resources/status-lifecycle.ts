// The life of a resource whose status reads CREATING → ACTIVE, then DELETING → gone, as
// DynamoDB tables and Kinesis streams do: creating it (adopting one made meanwhile), waiting
// until it is ACTIVE (polling through a moment in which a new one is not visible yet), and
// deleting it once it may be deleted, then waiting until it is gone.
import { StepError } from '../errors.ts';
import type { StepContext } from '../model.ts';
import { hasName, pollUntil, retryWhile } from '../waiting.ts';

export interface StatusResource<T> {
  /** For the student: `Table`, `Stream`. */
  kind: string;
  name: string;
  status(resource: T): string | undefined;
}

const notFound = hasName('ResourceNotFoundException');
/** A resource still CREATING refuses deletion with this, as one being deleted, or one that exists, refuses a create. */
const inUse = hasName('ResourceInUseException');
/** Right after a create, describing may answer not-found for a moment; longer than this, it is really missing. */
const NOT_YET_VISIBLE_MS = 30_000;

/** Sends the create; one made meanwhile (another tab, or a create whose answer was lost) refuses it as in use, and waitActive then adopts it. */
export async function createOrAdopt(create: () => Promise<unknown>): Promise<void> {
  try {
    await create();
  } catch (error) {
    if (!inUse(error)) throw error;
  }
}

/** Polls `describe` until the resource is ACTIVE; one being deleted will not get there. */
export function waitActive<T>(ctx: StepContext, resource: StatusResource<T>, describe: () => Promise<T>): Promise<T> {
  const { kind, name } = resource;
  const visibleBy = Date.now() + NOT_YET_VISIBLE_MS;
  return pollUntil(ctx, {
    read: describe,
    done: (found) => {
      if (resource.status(found) === 'DELETING') {
        throw new StepError('ResourceInUseException', `${kind} ${name} is being deleted. Wait until it is gone, then Retry to create it again.`);
      }
      return resource.status(found) === 'ACTIVE';
    },
    describe: (found) => {
      const status = resource.status(found);
      return { text: `${kind} ${name} is ${status}`, state: status, waitingFor: status === 'ACTIVE' ? undefined : `${status} → ACTIVE` };
    },
    transient: (error) => notFound(error) && Date.now() < visibleBy,
    transientProgress: { text: `${kind} ${name} is not visible yet`, waitingFor: 'CREATING → ACTIVE' },
  });
}

/**
 * Deletes the resource if `find` sees it (waiting while it is still being created), then
 * waits until `listed` no longer names it. The wait lists only: reading a resource that is
 * DELETING can race its end (listed, then gone before the read), a 4xx that browsers print
 * as an error, and on AWS deleting takes long enough for a poll to land in that gap.
 */
export async function deleteAndWait<T>(
  ctx: StepContext,
  resource: StatusResource<T>,
  lookups: { find: () => Promise<T | undefined>; listed: () => Promise<boolean> },
  remove: () => Promise<unknown>,
): Promise<boolean> {
  const { find, listed } = lookups;
  const { kind, name } = resource;
  if (!(await find())) return false;
  const deleting = { text: `Deleting ${kind.toLowerCase()} ${name}`, waitingFor: 'CREATING → ACTIVE, then DELETING → gone' };
  try {
    await retryWhile(ctx, inUse, deleting, remove);
  } catch (error) {
    if (!notFound(error)) throw error;
  }
  await pollUntil(ctx, {
    read: listed,
    done: (stillListed) => !stillListed,
    describe: (stillListed) => ({ text: deleting.text, state: stillListed ? 'DELETING' : 'gone', waitingFor: stillListed ? 'DELETING → gone' : undefined }),
  });
  return true;
}

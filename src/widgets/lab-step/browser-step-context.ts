// Steps in the browser: their clients come from cloudClient (the shared target: sandbox,
// relay or AWS), and what they made, or which checks passed, lives in localStorage.
import { cloudClient } from '../../cloud/clients.ts';
import { pageAddressFor, pageRequestFor, withHeaders } from '../../cloud/page-addresses.ts';
import { serverInfo } from '../../cloud/server-info.ts';
import { $target, targetKey, type Target } from '../../cloud/target-state.ts';
import { checkProgress, type CheckProgress } from '../../steps/check-progress.ts';
import { StepError } from '../../steps/errors.ts';
import type { ClientFactory, Place, StepContext } from '../../steps/model.ts';
import { madeRecords, type MadeRecords } from '../../steps/runner.ts';
import { localStorageOrMemory, type TargetRecords } from '../../steps/target-records.ts';

/** Where the target's resources are, or why steps cannot run there now. */
async function placeOf(target: Target): Promise<Place> {
  if (target.status !== 'ready' || !target.identity) {
    throw new StepError(
      target.status === 'expired' ? 'ExpiredToken' : 'NoTarget',
      target.status === 'expired'
        ? 'The credentials have expired.'
        : 'No working credentials yet: choose the sandbox or paste your AWS credentials in the target panel.',
    );
  }
  const endpointUrl = target.kind === 'sandbox' ? (await serverInfo()).sandbox?.endpoint : undefined;
  return { targetKey: targetKey(target), account: target.identity.account, region: target.region, endpointUrl };
}

/** A Place for showing CLI commands before anything runs; undefined until the account is known. */
export function knownPlace(target: Target | undefined, endpointUrl: string | undefined): Place | undefined {
  if (!target?.identity) return undefined;
  return {
    targetKey: targetKey(target),
    account: target.identity.account,
    region: target.region,
    endpointUrl: target.kind === 'sandbox' ? endpointUrl : undefined,
  };
}

/** One client per SDK client class for the run: polling reuses it instead of building a new one each time. */
function clientsForOneRun(): ClientFactory {
  const clients = new Map<unknown, unknown>();
  // never[]: every client class's constructor fits, whatever its arguments.
  return <C>(Client: new (...args: never[]) => C): C => {
    if (!clients.has(Client)) clients.set(Client, cloudClient(Client as never));
    return clients.get(Client) as C;
  };
}

/** Requests to an API from the page go where pageRequestFor says: as they are to the sandbox, through the relay to AWS. */
const fetchFromPage = async (url: string, init: RequestInit = {}) => {
  const { address, headers } = await pageRequestFor(url);
  return fetch(address, { ...init, headers: withHeaders(init.headers, headers) });
};

/** The page's own WebSocket, at the page's address for the URL (the relay for an AWS API). */
const openWebSocket = async (url: string) => new WebSocket(await pageAddressFor(url));

export async function browserStepContext(hooks: Pick<StepContext, 'record' | 'progress' | 'signal'>): Promise<StepContext> {
  return { ...(await placeOf($target.get())), client: clientsForOneRun(), fetch: fetchFromPage, openWebSocket, ...hooks };
}

let made: MadeRecords | undefined;
let checks: TargetRecords<CheckProgress> | undefined;

export const browserMadeRecords = (): MadeRecords => (made ??= madeRecords(localStorageOrMemory()));
export const browserCheckProgress = (): TargetRecords<CheckProgress> => (checks ??= checkProgress(localStorageOrMemory()));

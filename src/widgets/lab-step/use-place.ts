// Where the current target's resources live, for showing CLI commands and records before
// anything runs: undefined until the island has mounted and the account is known.
import { useEffect, useState } from 'preact/hooks';
import { serverInfo } from '../../cloud/server-info.ts';
import type { Target } from '../../cloud/target-state.ts';
import type { Place } from '../../steps/model.ts';
import { useTarget } from '../target-panel/use-target.ts';
import { knownPlace } from './browser-step-context.ts';

export function usePlace(): Place | undefined {
  return usePlaceOf(useTarget());
}

/** The place of a target a widget already holds: one rendered only in the browser need not wait to mount. */
export function usePlaceOf(target: Target | undefined): Place | undefined {
  const [endpointUrl, setEndpointUrl] = useState<string>();
  useEffect(() => {
    void serverInfo().then((info) => setEndpointUrl(info.sandbox?.endpoint));
  }, []);
  return knownPlace(target, endpointUrl);
}

// Where the current target's resources live, for showing CLI commands and records before
// anything runs: undefined until the island has mounted and the account is known.
import { useEffect, useState } from 'preact/hooks';
import { serverInfo } from '../../cloud/server-info.ts';
import type { Place } from '../../steps/model.ts';
import { useTarget } from '../target-panel/use-target.ts';
import { knownPlace } from './browser-step-context.ts';

export function usePlace(): Place | undefined {
  const target = useTarget();
  const [endpointUrl, setEndpointUrl] = useState<string>();
  useEffect(() => {
    void serverInfo().then((info) => setEndpointUrl(info.sandbox?.endpoint));
  }, []);
  return knownPlace(target, endpointUrl);
}

// The shared target for an island. The server renders islands without storage,
// so until the island has mounted this returns undefined and the island shows
// its neutral state: hydration then matches the server's HTML exactly.
import { useStore } from '@nanostores/preact';
import { useEffect, useState } from 'preact/hooks';
import { $target, type Target } from '../../cloud/target-state.ts';

export function useTarget(): Target | undefined {
  const target = useStore($target);
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return mounted ? target : undefined;
}

// How a target reads to a student, in the header and in the panel. Pure, so the
// wording is tested once and every widget can say the same thing.
import type { Target } from '../../cloud/target-state.ts';

export type StatusTone = 'ok' | 'busy' | 'warning' | 'idle';

export function targetName(target: Target): string {
  return target.kind === 'sandbox' ? 'Sandbox' : 'AWS';
}

/** One short phrase: whether the credentials work, and if not what to do. */
export function statusText(target: Target): string {
  switch (target.status) {
    case 'signed-out':
      return target.kind === 'sandbox' ? 'not connected — use the sandbox' : 'no credentials — paste yours';
    case 'checking':
      return 'checking the credentials…';
    case 'ready':
      return 'credentials work';
    case 'expired':
      return target.kind === 'sandbox' ? 'credentials expired — get new ones' : 'credentials expired — paste new ones';
    case 'invalid':
      return target.kind === 'sandbox' ? 'no sandbox credentials' : 'credentials not accepted — paste new ones';
  }
}

export function statusTone(target: Target): StatusTone {
  if (target.status === 'ready') return 'ok';
  if (target.status === 'checking') return 'busy';
  if (target.status === 'signed-out') return 'idle';
  return 'warning';
}

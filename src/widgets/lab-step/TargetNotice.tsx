// What a widget says instead of working when there is no usable target yet.
import type { Target } from '../../cloud/target-state.ts';
import { statusText, targetName } from '../target-panel/target-summary.ts';

export function TargetNotice({ target }: { target: Target | undefined }) {
  if (!target) return <p class="lb-lab__notice">Loading…</p>;
  if (target.status === 'ready') return null;
  return (
    <p class="lb-lab__notice" role="note">
      {targetName(target)}: {statusText(target)}. Choose where to work with the target button at the top of the page
      {target.status === 'expired' ? ', then press Retry: what was started carries on.' : '.'}
    </p>
  );
}

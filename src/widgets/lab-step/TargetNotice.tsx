// What a widget says instead of working when there is no usable target yet, with the
// one click that fixes it (target-summary.ts's targetNotice).
import { useSandbox } from '../../cloud/target-sandbox.ts';
import type { Target } from '../../cloud/target-state.ts';
import { openTargetPanel } from '../target-panel/open-target-panel.ts';
import { targetNotice } from '../target-panel/target-summary.ts';

export function TargetNotice({ target }: { target: Target | undefined }) {
  if (!target) return <p class="lb-lab__notice">Loading…</p>;
  const notice = targetNotice(target);
  if (!notice) return null;
  const { fix } = notice;
  return (
    <p class="lb-lab__notice" role="note">
      {notice.text}
      {fix && (
        <button
          type="button"
          class={fix.primary ? 'lb-button lb-button--primary' : 'lb-button'}
          onClick={() => (fix.action === 'use-sandbox' ? void useSandbox() : openTargetPanel())}
        >
          {fix.label}
        </button>
      )}
    </p>
  );
}

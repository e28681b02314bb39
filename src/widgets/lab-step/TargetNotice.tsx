// What a widget says instead of working when there is no usable target yet, with the
// one click that fixes it: the sandbox's credentials fetched again, or the Target panel
// opened to paste AWS credentials.
import { useSandbox } from '../../cloud/target-sandbox.ts';
import type { Target } from '../../cloud/target-state.ts';
import { statusText, targetName } from '../target-panel/target-summary.ts';

/** The header's indicator opens the Target panel; there is one on every page. */
function openTargetPanel(): void {
  document.querySelector<HTMLButtonElement>('.lb-target-indicator')?.click();
}

export function TargetNotice({ target }: { target: Target | undefined }) {
  if (!target) return <p class="lb-lab__notice">Loading…</p>;
  if (target.status === 'ready') return null;
  const fix =
    target.status === 'checking' ? undefined : target.kind === 'sandbox' ? (
      <button type="button" class="lb-button lb-button--primary" onClick={() => void useSandbox()}>
        {target.status === 'signed-out' ? 'Use the sandbox' : 'Get new sandbox credentials'}
      </button>
    ) : (
      <button type="button" class="lb-button" onClick={openTargetPanel}>
        Paste AWS credentials
      </button>
    );
  return (
    <p class="lb-lab__notice" role="note">
      {targetName(target)}: {statusText(target)}. {target.status === 'expired' ? 'Once it works again, press Retry: what was started carries on. ' : ''}
      {fix}
    </p>
  );
}

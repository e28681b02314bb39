// The compact target shown in every page's header: which target, which account,
// which region, and whether the credentials work. It opens the Target panel in a
// modal dialog; the panel's code (and the AWS SDK it needs) loads on first open.
import type { ComponentType } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { startTarget } from '../../cloud/target-start.ts';
import { statusText, statusTone, targetName } from './target-summary.ts';
import { useTarget } from './use-target.ts';

const TITLE_ID = 'lb-target-dialog-title';

export default function TargetIndicator() {
  const target = useTarget();
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const [Controls, setControls] = useState<ComponentType>();

  useEffect(() => startTarget(), []);

  const open = async () => {
    if (!Controls) {
      const loaded = (await import('./TargetControls.tsx')).default;
      setControls(() => loaded);
    }
    dialog.current?.showModal();
  };
  const close = () => dialog.current?.close();

  return (
    <>
      <button
        ref={opener}
        type="button"
        class="lb-target-indicator"
        data-tone={target ? statusTone(target) : 'idle'}
        aria-haspopup="dialog"
        onClick={() => void open()}
      >
        <span class="lb-target-indicator__dot" aria-hidden="true" />
        <span class="sr-only">Target: </span>
        {target ? (
          <span class="lb-target-indicator__text">
            <span class="lb-target-indicator__kind">{targetName(target)}</span>
            {target.identity && <span class="lb-target-indicator__account">{target.identity.account}</span>}
            <span class="lb-target-indicator__region">{target.region}</span>
            <span class="lb-target-indicator__state">{statusText(target)}</span>
          </span>
        ) : (
          <span class="lb-target-indicator__text">choose</span>
        )}
      </button>
      <dialog
        ref={dialog}
        class="lb-target-dialog"
        aria-labelledby={TITLE_ID}
        onClose={() => opener.current?.focus()}
        // A click on the backdrop lands on the dialog element itself.
        onClick={(event) => event.target === dialog.current && close()}
      >
        <div class="lb-target-dialog__header">
          <h2 id={TITLE_ID}>Target</h2>
          <button type="button" class="lb-target-dialog__close" onClick={close}>
            Close
          </button>
        </div>
        {Controls && <Controls />}
      </dialog>
    </>
  );
}

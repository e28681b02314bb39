// The compact target in every page's header: which target, which account, which region,
// and whether the credentials work. Plain DOM on purpose: it runs on every page, so it
// brings no Preact and no SDK. Pressing it opens the Target dialog; the panel's controls
// (Preact, and the SDK they need) load on first open.
import { startTarget } from '../../cloud/target-start.ts';
import { $target, type Target } from '../../cloud/target-state.ts';
import { statusText, statusTone, targetName } from './target-summary.ts';

function span(part: string, text: string): HTMLSpanElement {
  const element = document.createElement('span');
  element.className = `lb-target-indicator__${part}`;
  // Text only: the account and region come from storage.
  element.textContent = text;
  return element;
}

function show(button: HTMLButtonElement, target: Target): void {
  button.dataset.tone = statusTone(target);
  const parts = [span('kind', targetName(target))];
  if (target.identity) parts.push(span('account', target.identity.account));
  parts.push(span('region', target.region), span('state', statusText(target)));
  button.querySelector('.lb-target-indicator__text')?.replaceChildren(...parts);
}

let controlsLoaded: Promise<void> | undefined;

function loadControls(host: HTMLElement): Promise<void> {
  controlsLoaded ??= Promise.all([import('preact'), import('./TargetControls.tsx')]).then(
    ([{ h, render }, { default: TargetControls }]) => render(h(TargetControls, null), host),
    (error: unknown) => {
      // A load that failed (the network, a new build) is tried again on the next press.
      controlsLoaded = undefined;
      throw error;
    },
  );
  return controlsLoaded;
}

const button = document.querySelector<HTMLButtonElement>('[data-lb-target-indicator]');
const dialog = document.querySelector<HTMLDialogElement>('[data-lb-target-dialog]');
const controls = dialog?.querySelector<HTMLElement>('[data-lb-target-controls]');
if (button && dialog && controls) {
  $target.subscribe((target) => show(button, target));
  button.addEventListener('click', () => void loadControls(controls).then(() => dialog.showModal()));
  dialog.querySelector('.lb-target-dialog__close')?.addEventListener('click', () => dialog.close());
  // A click on the backdrop lands on the dialog element itself.
  dialog.addEventListener('click', (event) => event.target === dialog && dialog.close());
  dialog.addEventListener('close', () => button.focus());
}
startTarget();

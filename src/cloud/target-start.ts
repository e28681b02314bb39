// Run once per page by the target indicator: finishes what a reload interrupted,
// reconnects a new tab or reopened browser to the sandbox the student chose on this
// device, offers another tab's AWS session (target-sharing.ts), and starts a page that
// has no sandbox behind it on AWS. Light on purpose:
// the SDK loads only if a check must be resumed.
import { listenForErase } from './device-data.ts';
import { serverInfo } from './server-info.ts';
import { useSandbox } from './target-sandbox.ts';
import { $target, setTarget } from './target-state.ts';
import { startSessionSharing } from './target-sharing.ts';
import { sandboxChosen } from './target-storage.ts';

export function startTarget(): void {
  startSessionSharing();
  listenForErase();
  const target = $target.get();
  if (target.status === 'checking') {
    void import('./target.ts').then(({ checkTarget }) => checkTarget());
    return;
  }
  if (target.credentials || target.kind !== 'sandbox') return;
  void serverInfo().then((info) => {
    const now = $target.get();
    if (now.credentials || now.kind !== 'sandbox') return;
    if (!info.sandbox) setTarget({ ...now, kind: 'aws' });
    else if (sandboxChosen() && now.status === 'signed-out') void useSandbox();
  });
}

// Run once per page by the target indicator: finishes what a reload interrupted,
// and starts a page that has no sandbox behind it on AWS. Light on purpose: the
// SDK loads only if a check must be resumed.
import { serverInfo } from './server-info.ts';
import { $target, setTarget } from './target-state.ts';

export function startTarget(): void {
  const target = $target.get();
  if (target.status === 'checking') {
    void import('./target.ts').then(({ checkTarget }) => checkTarget());
    return;
  }
  if (target.credentials || target.kind !== 'sandbox') return;
  void serverInfo().then((info) => {
    const now = $target.get();
    if (!info.sandbox && !now.credentials && now.kind === 'sandbox') setTarget({ ...now, kind: 'aws' });
  });
}

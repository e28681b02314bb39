// How a target reads to a student, in the header and in the panel. Pure, so the
// wording is tested once and every widget can say the same thing.
import type { Target } from '../../cloud/target-state.ts';

export type StatusTone = 'ok' | 'busy' | 'warning' | 'idle';

export function targetName(target: Target): string {
  return target.kind === 'sandbox' ? 'Sandbox' : 'AWS';
}

/** `sandbox:123456789012` → `the sandbox (account 123456789012)`; `aws:…:us-east-1` → `AWS account … in us-east-1`. */
export function describeTargetKey(targetKey: string): string {
  const [kind, account, region] = targetKey.split(':');
  if (kind === 'sandbox') return `the sandbox (account ${account})`;
  if (kind === 'aws') return `AWS account ${account} in ${region}`;
  return targetKey;
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

export interface TargetNoticeText {
  /** What a widget says instead of working, e.g. `Sandbox: not connected — use the sandbox. `. */
  text: string;
  /** The one click that fixes it: the sandbox's credentials fetched again, or the Target panel opened to paste AWS credentials. */
  fix?: { label: string; primary: boolean; action: 'use-sandbox' | 'open-panel' };
}

/** What a widget says while the target cannot be used; undefined once it can. */
export function targetNotice(target: Target): TargetNoticeText | undefined {
  if (target.status === 'ready') return undefined;
  const retry = target.status === 'expired' ? 'Once it works again, press Retry: what was started carries on. ' : '';
  const text = `${targetName(target)}: ${statusText(target)}. ${retry}`;
  if (target.status === 'checking') return { text };
  if (target.kind === 'sandbox') {
    return { text, fix: { label: target.status === 'signed-out' ? 'Use the sandbox' : 'Get new sandbox credentials', primary: true, action: 'use-sandbox' } };
  }
  return { text, fix: { label: 'Paste AWS credentials', primary: false, action: 'open-panel' } };
}

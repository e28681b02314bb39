// The last invocation made from this page, so the Logs widget shows its log stream
// without the student pressing Refresh.
import { atom } from 'nanostores';

export interface PageInvocation {
  functionName: string;
  requestId: string;
}

export const $lastInvocation = atom<PageInvocation | undefined>();

// A new tab may use the AWS session another labbook tab holds, when its student says so.
// AWS credentials stay in the tab that was given them unless the student ticked "remember
// on this device", so a second tab (Task 8.2's map in another window) would otherwise ask
// for them again. Tabs of labbook's origin talk over a BroadcastChannel, in memory: a tab
// with an AWS session answers "is anyone signed in?" with the account only, and hands the
// keys over only when the other tab's student presses "Use that session". Nothing is
// written to storage but what the receiving tab keeps under its own rule (this tab only).
import { atom } from 'nanostores';
import { $target, type Target } from './target-state.ts';

const CHANNEL_NAME = 'labbook:aws-session';

/** What a tab offers: whose session it is, never the keys. */
export interface SessionOffer {
  tab: string;
  account: string;
  region: string;
}

interface SharedSession {
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

type Message =
  | { type: 'ask' }
  | ({ type: 'offer' } & SessionOffer)
  | { type: 'request'; from: string; to: string }
  | { type: 'session'; to: string; session: SharedSession };

/** An AWS session another tab offers, while this tab has none. */
export const $sessionOffer = atom<SessionOffer | undefined>();

/** Takes the keys another tab handed over, as pasted credentials are taken (target.ts's useAws). */
type UseSession = (keys: Omit<SharedSession, 'region'>, region: string) => Promise<void>;

/** Set when this tab's student asked for the offered session; the panel passes it, so this module never loads the SDK. */
let useRequestedSession: UseSession | undefined;

const thisTab = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : String(Math.random());
let channel: BroadcastChannel | undefined;

const awsSession = (target: Target) => (target.kind === 'aws' && target.status === 'ready' && target.credentials && target.identity ? target : undefined);

function answer(message: Message): void {
  const target = $target.get();
  if (message.type === 'ask') {
    const own = awsSession(target);
    if (own) post({ type: 'offer', tab: thisTab, account: own.identity!.account, region: own.region });
  } else if (message.type === 'offer') {
    if (!target.credentials) $sessionOffer.set({ tab: message.tab, account: message.account, region: message.region });
  } else if (message.type === 'request' && message.to === thisTab) {
    const own = awsSession(target);
    if (own) post({ type: 'session', to: message.from, session: { region: own.region, ...own.credentials! } });
  } else if (message.type === 'session' && message.to === thisTab) {
    $sessionOffer.set(undefined);
    const { region, ...keys } = message.session;
    // Checked again here, as pasted credentials are: STS says whose they are and whether they still work.
    void useRequestedSession?.(keys, region);
    useRequestedSession = undefined;
  }
}

function post(message: Message): void {
  channel?.postMessage(message);
}

/** Joins the tabs' channel and, with no credentials yet, asks whether another tab has an AWS session. */
export function startSessionSharing(): void {
  if (channel || typeof BroadcastChannel === 'undefined') return;
  channel = new BroadcastChannel(CHANNEL_NAME);
  channel.onmessage = (event: MessageEvent<Message>) => answer(event.data);
  // An offer is for a tab without credentials; once this tab has some, it is moot.
  $target.subscribe((target) => {
    if (target.credentials) $sessionOffer.set(undefined);
  });
  if (!$target.get().credentials) post({ type: 'ask' });
}

/** Asks the offering tab for its session; this tab then checks and uses it (for this tab only). */
export function acceptSessionOffer(use: UseSession): void {
  const offer = $sessionOffer.get();
  if (!offer) return;
  useRequestedSession = use;
  post({ type: 'request', from: thisTab, to: offer.tab });
}

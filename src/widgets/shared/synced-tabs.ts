// The tab chosen in synced tab groups, shared with Starlight's <Tabs syncKey="…">: the same
// localStorage key (`starlight-synced-tabs__<syncKey>`) holding the tab's label, so a choice
// in a chapter's tabs and in a widget's is one choice, kept across pages. Starlight's tabs
// announce nothing when they switch, so clicks and keys on them are followed here, and its
// groups on the page are switched (with their own switchTab) when a widget's tabs change.
import { atom, type ReadableAtom, type WritableAtom } from 'nanostores';

const STORAGE_PREFIX = 'starlight-synced-tabs__';

/** The key of the chapters' `<Tabs syncKey="shell">`: choosing a shell there, in a step's commands or for the Target panel's copy is one choice. */
export const SHELL_SYNC_KEY = 'shell';
const choices = new Map<string, WritableAtom<string | undefined>>();

type StarlightTabs = HTMLElement & { switchTab?(tab: HTMLElement, index: number, shouldSync?: boolean): void };

function stored(syncKey: string): string | undefined {
  try {
    return localStorage.getItem(STORAGE_PREFIX + syncKey) ?? undefined;
  } catch {
    return undefined;
  }
}

const groupSelector = (syncKey: string) => `starlight-tabs[data-sync-key="${CSS.escape(syncKey)}"]`;
const labelOf = (tab: Element) => tab.textContent?.trim();

function switchStarlightGroups(syncKey: string, label: string): void {
  for (const group of document.querySelectorAll<StarlightTabs>(groupSelector(syncKey))) {
    const tabs = [...group.querySelectorAll<HTMLElement>('[role="tab"]')];
    const index = tabs.findIndex((tab) => labelOf(tab) === label);
    if (index >= 0 && tabs[index].getAttribute('aria-selected') !== 'true') group.switchTab?.(tabs[index], index, false);
  }
}

/** The label chosen last for `syncKey`, on this page or any other; undefined before any choice. */
export function syncedTabChoice(syncKey: string): ReadableAtom<string | undefined> {
  const known = choices.get(syncKey);
  if (known) return known;
  const created = atom(typeof window === 'undefined' ? undefined : stored(syncKey));
  choices.set(syncKey, created);
  if (typeof window !== 'undefined') {
    // Starlight's own listeners on the tab have run (and stored the label) by the time these bubble up.
    const followStarlight = (event: Event) => {
      if (event.target instanceof Element && event.target.closest(`${groupSelector(syncKey)} [role="tab"]`)) created.set(stored(syncKey));
    };
    document.addEventListener('click', followStarlight);
    document.addEventListener('keydown', followStarlight);
    window.addEventListener('storage', (event) => {
      if (event.key !== STORAGE_PREFIX + syncKey || event.newValue === null) return;
      created.set(event.newValue);
      switchStarlightGroups(syncKey, event.newValue);
    });
  }
  return created;
}

/** Chooses `label` for every group of `syncKey`: widgets, Starlight's tabs on the page, and pages to come. */
export function chooseSyncedTab(syncKey: string, label: string): void {
  (syncedTabChoice(syncKey) as WritableAtom<string | undefined>).set(label);
  try {
    localStorage.setItem(STORAGE_PREFIX + syncKey, label);
  } catch {
    // Storage full or blocked: the choice holds on this page only.
  }
  switchStarlightGroups(syncKey, label);
}

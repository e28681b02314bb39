// Everything labbook keeps in this browser, by what it is for, so the student can see it and
// erase all of it in one place (the Target panel). Every key labbook writes starts with
// `labbook:`; a key no group names still counts, under "Other".

const GROUPS: Array<{ label: string; matches: (key: string) => boolean }> = [
  { label: 'Credentials and the choice of target', matches: (key) => key === 'labbook:target' || key === 'labbook:sandbox-chosen' },
  { label: 'Your code, settings and drafts in cells, steps and consoles', matches: (key) => /^labbook:(cell|step-inputs|websocket-console):/.test(key) },
  { label: 'Progress: exercises done and checks passed', matches: (key) => /^labbook:(exercise|checks):/.test(key) },
  { label: 'Records of what the steps made, per target', matches: (key) => key.startsWith('labbook:made:') },
  { label: 'The request client’s history and draft', matches: (key) => key.startsWith('labbook:request-client:') },
];

export interface KeptGroup {
  label: string;
  count: number;
}

function labbookKeys(storage: Storage | undefined): string[] {
  if (!storage) return [];
  return Array.from({ length: storage.length }, (_, index) => storage.key(index)).filter((key): key is string => key?.startsWith('labbook:') ?? false);
}

function storages(): Storage[] {
  const found: Storage[] = [];
  for (const name of ['localStorage', 'sessionStorage'] as const) {
    try {
      found.push(window[name]);
    } catch {
      // Blocked storage holds nothing of ours.
    }
  }
  return found;
}

/** What is kept now, by group, leaving out empty groups. */
export function keptOnThisDevice(): KeptGroup[] {
  const keys = storages().flatMap(labbookKeys);
  const groups = GROUPS.map(({ label, matches }) => ({ label, count: keys.filter(matches).length }));
  const other = keys.filter((key) => !GROUPS.some(({ matches }) => matches(key))).length;
  return [...groups, { label: 'Other', count: other }].filter((group) => group.count > 0);
}

function eraseHere(): void {
  for (const storage of storages()) for (const key of labbookKeys(storage)) storage.removeItem(key);
}

// Other tabs hold credentials in their own sessionStorage, which only they can reach.
const ERASE_CHANNEL = 'labbook:erase';

/** Erases every labbook key from this device's storage and every open labbook tab's, and reloads them all so nothing stays in memory. */
export function eraseEverything(): void {
  eraseHere();
  if (typeof BroadcastChannel !== 'undefined') new BroadcastChannel(ERASE_CHANNEL).postMessage('erase');
  location.reload();
}

let listening = false;

/** Run on every page: another tab's Erase reaches this one too. */
export function listenForErase(): void {
  if (listening || typeof BroadcastChannel === 'undefined') return;
  listening = true;
  new BroadcastChannel(ERASE_CHANNEL).onmessage = () => {
    eraseHere();
    location.reload();
  };
}

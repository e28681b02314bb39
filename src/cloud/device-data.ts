// Everything labbook keeps in this browser, erased in one place (the Target panel), here and
// in every open tab. Every key labbook writes starts with `labbook:`. Run on every page, so
// what the panel lists of it is apart (device-data-summary.ts) and loads with the panel.

export function labbookKeys(storage: Storage | undefined): string[] {
  if (!storage) return [];
  return Array.from({ length: storage.length }, (_, index) => storage.key(index)).filter((key): key is string => key?.startsWith('labbook:') ?? false);
}

export function storages(): Storage[] {
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

// Everything labbook keeps in this browser, erased in one place (the Target panel), here and
// in every open tab. Every key labbook writes starts with `labbook:`; besides them, Python's
// start-up copy lives in IndexedDB (stored-snapshot.ts). Run on every page, so what the panel
// lists of it is apart (device-data-summary.ts) and loads with the panel.
import { STORED_SNAPSHOT_DATABASE } from '../widgets/python-cell/stored-snapshot.ts';

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

/** Whether Python's start-up copy is kept; false where the browser cannot say. */
export async function hasStoredSnapshot(): Promise<boolean> {
  try {
    return (await indexedDB.databases()).some((database) => database.name === STORED_SNAPSHOT_DATABASE);
  } catch {
    return false;
  }
}

/** Deletes Python's start-up copy; settles once it is gone, or could not be (blocked or refused). */
function deleteStoredSnapshot(): Promise<void> {
  return new Promise((resolve) => {
    try {
      const request = indexedDB.deleteDatabase(STORED_SNAPSHOT_DATABASE);
      request.onsuccess = request.onerror = request.onblocked = () => resolve();
    } catch {
      resolve();
    }
  });
}

async function eraseHere(): Promise<void> {
  for (const storage of storages()) for (const key of labbookKeys(storage)) storage.removeItem(key);
  await deleteStoredSnapshot();
}

// Other tabs hold credentials in their own sessionStorage, which only they can reach.
const ERASE_CHANNEL = 'labbook:erase';

/** Erases every labbook key from this device's storage and every open labbook tab's, and reloads them all so nothing stays in memory. */
export async function eraseEverything(): Promise<void> {
  await eraseHere();
  if (typeof BroadcastChannel !== 'undefined') new BroadcastChannel(ERASE_CHANNEL).postMessage('erase');
  location.reload();
}

let listening = false;

/** Run on every page: another tab's Erase reaches this one too. */
export function listenForErase(): void {
  if (listening || typeof BroadcastChannel === 'undefined') return;
  listening = true;
  new BroadcastChannel(ERASE_CHANNEL).onmessage = () => void eraseHere().then(() => location.reload());
}

// Python's memory snapshot, kept decoded in IndexedDB. From the HTTP cache the browser decodes
// the snapshot's 5 MB of brotli into 31 MB on every page (a quarter of a second on a busy
// laptop); a stored copy is read in a fraction of that, so a second chapter's Python is ready
// sooner. IndexedDB rather than Cache Storage: a class server over plain HTTP on the local
// network is not a secure context, where Cache Storage does not exist.

/** The IndexedDB database that holds it; Erase (cloud/device-data.ts) deletes it by this name. */
export const STORED_SNAPSHOT_DATABASE = 'labbook-python';
const DATABASE = STORED_SNAPSHOT_DATABASE;
const STORE = 'snapshot';

const failure = (error: DOMException | null) => error ?? new Error('IndexedDB failed without saying why');

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(failure(request.error));
  });
}

function settled<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(failure(request.error));
  });
}

/**
 * The stored snapshot whose HTTP validator (its ETag) is `validator`, or undefined. Keyed by the
 * validator the server sends now, a copy from an earlier build is never restored.
 */
export async function readStoredSnapshot(validator: string): Promise<ArrayBuffer | undefined> {
  const database = await openDatabase();
  try {
    const bytes: unknown = await settled(database.transaction(STORE).objectStore(STORE).get(validator));
    return bytes instanceof ArrayBuffer ? bytes : undefined;
  } finally {
    database.close();
  }
}

/** Keeps `bytes` as the one stored snapshot, replacing any earlier build's. */
export async function storeSnapshot(validator: string, bytes: ArrayBuffer): Promise<void> {
  const database = await openDatabase();
  try {
    const transaction = database.transaction(STORE, 'readwrite');
    const store = transaction.objectStore(STORE);
    store.clear();
    store.put(bytes, validator);
    await new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onerror = transaction.onabort = () => reject(failure(transaction.error));
    });
  } finally {
    database.close();
  }
}

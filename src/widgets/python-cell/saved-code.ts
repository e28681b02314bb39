// A Python cell's edits, kept on this device per page and per original code, so a reload or
// the next day brings them back. An instructor who changes a cell's code starts it afresh.
const PREFIX = 'labbook:cell:';

/** FNV-1a: a short, stable name for the original code (not a secret, only a key). */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

export function savedCodeKey(path: string, original: string): string {
  return `${PREFIX}${path}:${fingerprint(original)}`;
}

export function loadSavedCode(key: string): string | undefined {
  try {
    return localStorage.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Keeps an edit; the original itself needs no keeping. Storage that is full or blocked only loses the edit. */
export function saveCode(key: string, code: string, original: string): void {
  try {
    if (code === original) localStorage.removeItem(key);
    else localStorage.setItem(key, code);
  } catch {}
}

// Where a Python cell's edits are kept: per page and per original code, so an instructor who
// changes a cell's code starts it afresh (shared/kept-text.ts keeps the text itself).
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

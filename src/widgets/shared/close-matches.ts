// "Did you mean …?" for a mistyped id or prop name: the known names a few edits away from
// the one given, nearest first. Case is ignored, so `functionname` finds `functionName`.

/** Edits (insert, delete, replace one character) between two strings: Levenshtein's distance. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The nearest of `known` (all of them if several are as near), within about a third of the
 * given name's length in edits: a farther one is rarely what was meant.
 */
export function closeMatches(given: string, known: readonly string[]): string[] {
  const wanted = given.toLowerCase();
  const distances = known.map((name) => ({ name, distance: editDistance(wanted, name.toLowerCase()) }));
  const nearest = Math.min(...distances.map(({ distance }) => distance));
  if (nearest > Math.max(2, Math.floor(wanted.length / 3))) return [];
  return distances.filter(({ distance }) => distance === nearest).map(({ name }) => name);
}

/** ` Did you mean x or y?`, or nothing when no name is close. */
export function didYouMean(given: string, known: readonly string[]): string {
  const matches = closeMatches(given, known);
  return matches.length === 0 ? '' : ` Did you mean ${matches.join(' or ')}?`;
}

// The README's generated tables (npm run readme:tables), read back for the tests that
// compare them with their source.
import { readFileSync } from 'node:fs';

/** A Markdown table without the padding Prettier adds to line up its columns. */
export const unpadded = (table: string) =>
  table
    .split('\n')
    .map((line) =>
      line
        .split(/ *\| */)
        .map((cell) => cell.replace(/^-+$/, '---'))
        .join('|'),
    )
    .join('\n');

/** The README's table between `<!-- name: start -->` and `<!-- name: end -->`, unpadded. */
export function readmeTable(name: string): string {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const between = new RegExp(`<!-- ${name}: start -->\\n([\\s\\S]*?)\\n<!-- ${name}: end -->`).exec(readme);
  return unpadded(between?.[1] ?? '');
}

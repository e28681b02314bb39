// Rewrites the README's generated tables from the code that is their source: the environment
// variables (src/config) and the sandbox's timings (src/sandbox/timings), so the README says
// what labbook does (tests/unit/config.test.ts and timings.test.ts fail when they differ).
// Prettier then pads their columns, which the tests ignore.
import { readFileSync, writeFileSync } from 'node:fs';
import { variablesTable } from '../src/config/describe-variables.ts';
import { timingsTable } from '../src/sandbox/timings/describe-timings.ts';

const file = new URL('../README.md', import.meta.url);
const tables: Record<string, string> = { variables: variablesTable(), timings: timingsTable() };

let readme = readFileSync(file, 'utf8');
for (const [name, table] of Object.entries(tables)) {
  const marked = new RegExp(`(<!-- ${name}: start -->)[\\s\\S]*?(<!-- ${name}: end -->)`);
  if (!marked.test(readme)) throw new Error(`README.md has no <!-- ${name}: start --> ... <!-- ${name}: end --> markers`);
  readme = readme.replace(marked, (_, start: string, end: string) => `${start}\n${table}\n${end}`);
}
writeFileSync(file, readme);

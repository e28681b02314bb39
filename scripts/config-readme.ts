// Rewrites the README's table of environment variables from src/config, so the README
// says what labbook reads (tests/unit/config.test.ts fails when they differ). Prettier
// then pads its columns, which the test ignores.
import { readFileSync, writeFileSync } from 'node:fs';
import { variablesTable } from '../src/config/describe-variables.ts';

const file = new URL('../README.md', import.meta.url);
const marked = /(<!-- variables: start -->)[\s\S]*?(<!-- variables: end -->)/;
const readme = readFileSync(file, 'utf8');
if (!marked.test(readme)) throw new Error('README.md has no <!-- variables: start --> ... <!-- variables: end --> markers');
writeFileSync(
  file,
  readme.replace(marked, (_, start: string, end: string) => `${start}\n${variablesTable()}\n${end}`),
);

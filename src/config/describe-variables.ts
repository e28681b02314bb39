// The variables as people read them: a Markdown table for the README and lines for
// `labbook --help`, both from the one list so neither can drift from what is read.
import { VARIABLES, type Variable } from './variables.ts';

const all = (): Variable<unknown>[] => Object.values(VARIABLES);

const alsoRead = (variable: Variable<unknown>) => (variable.aliases.length > 0 ? ` (or ${variable.aliases.join(', ')})` : '');

/** The README's table, between its `variables` markers. */
export function variablesTable(): string {
  const rows = all().map((variable) => `| \`${variable.name}\`${alsoRead(variable)} | ${variable.shownDefault} | ${variable.description} |`);
  return ['| Variable | Default | What it sets |', '| --- | --- | --- |', ...rows].join('\n');
}

/** One line each for `labbook --help`. */
export function variablesHelp(): string {
  const names = all().map((variable) => `${variable.name}${alsoRead(variable)}`);
  const width = Math.max(...names.map((name) => name.length));
  return all()
    .map((variable, index) => `  ${names[index].padEnd(width)}  ${variable.description}; default ${variable.shownDefault}`)
    .join('\n');
}

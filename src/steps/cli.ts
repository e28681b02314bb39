// AWS CLI commands with the student's own values, ready to paste into a POSIX shell.
import type { Place } from './model.ts';

const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** A value as one shell word: bare when nothing in it is special, otherwise single-quoted. */
export function shellQuote(value: string): string {
  if (SAFE_WORD.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** A word the shell expands, such as `"$API_ID"`: written as given, never quoted again. */
export interface ShellWord {
  readonly shell: string;
}

/** Text to go between double quotes beside shell variables: the characters the shell would act on there are escaped. */
export const escapeForDoubleQuotes = (text: string): string => text.replace(/[$"\\`]/g, '\\$&');

/** `"…"` around a template that names shell variables, e.g. `withVariables('$API_ID')`. */
export const withVariables = (template: string): ShellWord => ({ shell: `"${template}"` });

/** `--flag value` pairs; a flag without a value (e.g. --no-auto-deploy) stands alone. */
export type CliOption = readonly [flag: string, value?: string | number | ShellWord];

const wordOf = (value: string | number | ShellWord) => (typeof value === 'object' ? value.shell : shellQuote(String(value)));

/**
 * One `aws <service> <command>` with an option per line, then the region and, on the
 * sandbox, its endpoint: the same command works in any shell whatever its AWS settings.
 */
export function awsCommand(place: Place, service: string, command: string, options: readonly CliOption[]): string {
  const all: CliOption[] = [...options, ['--region', place.region]];
  if (place.endpointUrl) all.push(['--endpoint-url', place.endpointUrl]);
  const lines = all.map(([flag, value]) => (value === undefined ? flag : `${flag} ${wordOf(value)}`));
  return [`aws ${service} ${command}`, ...lines].join(' \\\n  ');
}

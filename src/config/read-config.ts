// The one place labbook reads its settings from the environment: each variable once,
// checked, so a mistake stops it at start with the variable's name rather than turning
// into NaN or a silent default deep inside.
import { VARIABLES, type ConfigKey, type Variable } from './variables.ts';

export type LabbookConfig = { [K in ConfigKey]: (typeof VARIABLES)[K] extends Variable<infer T> ? T : never };

export class ConfigError extends Error {}

/** Every setting, from `environment` (the process's own unless given); throws a ConfigError naming each wrong variable. */
export function readConfig(environment: NodeJS.ProcessEnv = process.env): LabbookConfig {
  const problems: string[] = [];
  const entries = Object.entries(VARIABLES).map(([key, variable]: [string, Variable<unknown>]) => {
    const given = [variable.name, ...variable.aliases].find((name) => environment[name]?.trim());
    if (given === undefined) return [key, variable.fallback];
    const text = environment[given]!.trim();
    const parsed = variable.schema.safeParse(text);
    if (!parsed.success) problems.push(`${given} must be ${variable.expects}, not ${JSON.stringify(text)}.`);
    return [key, parsed.data];
  });
  if (problems.length > 0) throw new ConfigError(problems.join('\n'));
  return Object.fromEntries(entries) as LabbookConfig;
}

// AWS CLI commands with the student's own values, as data that src/steps/shells.ts renders for each shell.
import type { Place } from './model.ts';
import type { CliOption, Command } from './shells.ts';

/**
 * One `aws <service> <command>` with an option per line, then the region and, on the
 * sandbox, its endpoint: the same command works in any shell whatever its AWS settings.
 */
export function awsCommand(place: Place, service: string, command: string, options: readonly CliOption[]): Command {
  const all: CliOption[] = [...options, ['--region', place.region]];
  if (place.endpointUrl) all.push(['--endpoint-url', place.endpointUrl]);
  return { words: ['aws', service, ...command.split(' ')], options: all };
}

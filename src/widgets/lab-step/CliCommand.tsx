// The same work as shell commands with the student's values, in a tab per shell.
import { renderScript, SHELL_LABELS, SHELLS, type Script } from '../../steps/shells.ts';
import { SHELL_SYNC_KEY } from '../shared/synced-tabs.ts';
import { Renderings } from './Renderings.tsx';

export function CliCommand({ script, summary = 'The same with the AWS CLI' }: { script: Script | undefined; summary?: string }) {
  if (!script) return null;
  const renderings = SHELLS.map((shell) => ({ label: SHELL_LABELS[shell], text: renderScript(script, shell) }));
  return (
    <details class="lb-lab__cli">
      <summary>{summary}</summary>
      <Renderings renderings={renderings} syncKey={SHELL_SYNC_KEY} />
    </details>
  );
}

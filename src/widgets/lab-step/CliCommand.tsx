// The same work as shell commands with the student's values, in a tab per shell, and as a
// Python program with boto3 where every line has a boto3 equivalent (boto3.ts). When the
// page cannot do the work itself (served without labbook's server), it opens, saying so.
import { useEffect, useRef } from 'preact/hooks';
import { NEEDS_LABBOOK_SERVER } from '../../cloud/clients.ts';
import type { StepFailure } from '../../steps/errors.ts';
import { renderBoto3, BOTO3_LABEL } from '../../steps/boto3.ts';
import { renderScript, SHELL_LABELS, SHELLS, type Script } from '../../steps/shells.ts';
import { SHELL_SYNC_KEY } from '../shared/synced-tabs.ts';
import { Renderings } from './Renderings.tsx';

/** Why to run the commands instead of the widget, after a failure that the commands get round; undefined for any other. */
export function cliInstead(failure: StepFailure | undefined): string | undefined {
  if (failure?.code !== NEEDS_LABBOOK_SERVER) return undefined;
  return 'This needs labbook’s server, and this page was not opened from it. Run these commands in a terminal instead, or start the server (npm start, or labbook start) and open the address it prints.';
}

export function CliCommand({ script, summary, instead }: { script: Script | undefined; summary?: string; instead?: string }) {
  const details = useRef<HTMLDetailsElement>(null);
  // Opened when a reason appears, never closed by the widget: the student may have opened it themselves.
  useEffect(() => {
    if (instead && details.current) details.current.open = true;
  }, [instead]);
  if (!script) return null;
  const renderings = SHELLS.map((shell) => ({ label: SHELL_LABELS[shell], text: renderScript(script, shell) }));
  const python = renderBoto3(script);
  if (python) renderings.push({ label: BOTO3_LABEL, text: python });
  return (
    <details class="lb-lab__cli" ref={details}>
      <summary>{summary ?? (python ? 'The same with the AWS CLI or boto3' : 'The same with the AWS CLI')}</summary>
      {instead && (
        <p class="lb-lab__notice lb-lab__instead" role="note">
          {instead}
        </p>
      )}
      <Renderings renderings={renderings} syncKey={SHELL_SYNC_KEY} />
    </details>
  );
}

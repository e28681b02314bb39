// The same work as shell commands with the student's values, in a tab per shell, and as a
// Python program with boto3 where every line has a boto3 equivalent (boto3.ts).
import { renderBoto3, BOTO3_LABEL } from '../../steps/boto3.ts';
import { renderScript, SHELL_LABELS, SHELLS, type Script } from '../../steps/shells.ts';
import { SHELL_SYNC_KEY } from '../shared/synced-tabs.ts';
import { Renderings } from './Renderings.tsx';

export function CliCommand({ script, summary }: { script: Script | undefined; summary?: string }) {
  if (!script) return null;
  const renderings = SHELLS.map((shell) => ({ label: SHELL_LABELS[shell], text: renderScript(script, shell) }));
  const python = renderBoto3(script);
  if (python) renderings.push({ label: BOTO3_LABEL, text: python });
  return (
    <details class="lb-lab__cli">
      <summary>{summary ?? (python ? 'The same with the AWS CLI or boto3' : 'The same with the AWS CLI')}</summary>
      <Renderings renderings={renderings} syncKey={SHELL_SYNC_KEY} />
    </details>
  );
}

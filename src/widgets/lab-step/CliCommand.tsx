// The same work as AWS CLI commands, with the student's values, and a Copy button.
import { CopyButton } from './CopyButton.tsx';

export function CliCommand({ text, summary = 'The same with the AWS CLI' }: { text: string | undefined; summary?: string }) {
  if (!text) return null;
  return (
    <details class="lb-lab__cli">
      <summary>{summary}</summary>
      <pre class="lb-output-text" tabIndex={0}>
        <code>{text}</code>
      </pre>
      <CopyButton text={text} />
    </details>
  );
}

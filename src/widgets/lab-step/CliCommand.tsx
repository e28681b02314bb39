// The same work as AWS CLI commands, with the student's values, and a Copy button.
import { useState } from 'preact/hooks';

export function CliCommand({ text, summary = 'The same with the AWS CLI' }: { text: string | undefined; summary?: string }) {
  const [copied, setCopied] = useState(false);
  if (!text) return null;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      // Clipboard refused (permissions): the text is there to select by hand.
    }
  };
  return (
    <details class="lb-lab__cli">
      <summary>{summary}</summary>
      <pre class="lb-output-text" tabIndex={0}>
        <code>{text}</code>
      </pre>
      <button type="button" class="lb-button" onClick={copy}>
        {copied ? 'Copied' : 'Copy'}
      </button>
    </details>
  );
}

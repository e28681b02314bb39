// A button that copies a text to the clipboard and says so for two seconds.
import { useState } from 'preact/hooks';

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      // Clipboard refused (permissions): the text is on the page to select by hand.
    }
  };
  return (
    <button type="button" class="lb-button" onClick={() => void copy()}>
      {copied ? 'Copied' : label}
    </button>
  );
}

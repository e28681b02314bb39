// Adding or editing one item as DynamoDB JSON. The shape is checked here; DynamoDB judges
// the rest (a missing key, a bad number) and its own error is shown.
import { useId, useState } from 'preact/hooks';
import { parseItem, type Item } from '../../steps/actions/table-items.ts';

export interface ItemEditorProps {
  initialText: string;
  adding: boolean;
  busy: boolean;
  onSave: (item: Item) => void;
  /** The text was refused here, before anything was sent. */
  onInvalid: () => void;
  onCancel: () => void;
}

export function ItemEditor({ initialText, adding, busy, onSave, onInvalid, onCancel }: ItemEditorProps) {
  const id = useId();
  const [text, setText] = useState(initialText);
  const [problem, setProblem] = useState<string>();

  const submit = (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const parsed = parseItem(text);
    if ('problem' in parsed) {
      setProblem(parsed.problem);
      return onInvalid();
    }
    setProblem(undefined);
    onSave(parsed.item);
  };

  return (
    <form class="lb-items__editor" onSubmit={submit}>
      <label class="lb-lab__label" for={id}>
        {adding ? 'New item' : 'Item'}, as DynamoDB JSON
      </label>
      <textarea id={id} value={text} spellcheck={false} rows={8} onInput={(event) => setText(event.currentTarget.value)} />
      {problem && (
        <p class="lb-lab__failure" role="alert">
          {problem}
        </p>
      )}
      <div class="lb-lab__toolbar">
        <button type="submit" class="lb-button lb-button--primary" aria-disabled={busy}>
          {adding ? 'Put item' : 'Save item'}
        </button>
        <button type="button" class="lb-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

// A function's environment variables as name/value rows. Rows keep their order while being
// typed; a row without a name is not a variable and is left out of what is deployed.
import { useId, useState } from 'preact/hooks';

interface Row {
  name: string;
  value: string;
}

export interface EnvironmentEditorProps {
  initial: Record<string, string>;
  onChange: (variables: Record<string, string>) => void;
}

export function EnvironmentEditor({ initial, onChange }: EnvironmentEditorProps) {
  const id = useId();
  const [rows, setRows] = useState<Row[]>(() => Object.entries(initial).map(([name, value]) => ({ name, value })));

  const update = (next: Row[]) => {
    setRows(next);
    onChange(Object.fromEntries(next.filter((row) => row.name.trim() !== '').map((row) => [row.name.trim(), row.value])));
  };
  const change = (index: number, part: Partial<Row>) => update(rows.map((row, i) => (i === index ? { ...row, ...part } : row)));

  return (
    <fieldset class="lb-fn__environment">
      <legend class="lb-lab__label">Environment variables</legend>
      {rows.length === 0 && <p class="lb-lab__help">None. The function reads them with os.environ.</p>}
      {rows.map((row, index) => (
        <div class="lb-fn__variable" key={index}>
          <label class="sr-only" for={`${id}-name-${index}`}>
            Name of variable {index + 1}
          </label>
          <input
            id={`${id}-name-${index}`}
            type="text"
            placeholder="NAME"
            value={row.name}
            spellcheck={false}
            onInput={(event) => change(index, { name: event.currentTarget.value })}
          />
          <label class="sr-only" for={`${id}-value-${index}`}>
            Value of variable {index + 1}
          </label>
          <input
            id={`${id}-value-${index}`}
            type="text"
            placeholder="value"
            value={row.value}
            spellcheck={false}
            onInput={(event) => change(index, { value: event.currentTarget.value })}
          />
          <button
            type="button"
            class="lb-button"
            aria-label={`Remove variable ${row.name || index + 1}`}
            onClick={() => update(rows.filter((_, i) => i !== index))}
          >
            Remove
          </button>
        </div>
      ))}
      <button type="button" class="lb-button" onClick={() => update([...rows, { name: '', value: '' }])}>
        Add variable
      </button>
    </fieldset>
  );
}

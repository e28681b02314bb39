// Editable name/value rows (query parameters, headers), each labelled for screen readers.
import type { Row } from './http-request.ts';

export interface KeyValueRowsProps {
  /** Singular, e.g. "Parameter": labels read "Parameter 1 name". */
  kind: string;
  rows: Row[];
  onChange: (rows: Row[]) => void;
}

export function KeyValueRows({ kind, rows, onChange }: KeyValueRowsProps) {
  const change = (index: number, field: keyof Row, value: string) => onChange(rows.map((row, i) => (i === index ? { ...row, [field]: value } : row)));
  return (
    <div class="lb-http__rows">
      {rows.map((row, index) => (
        <div class="lb-http__row" key={index}>
          <input
            type="text"
            aria-label={`${kind} ${index + 1} name`}
            placeholder="name"
            value={row.name}
            onInput={(e) => change(index, 'name', e.currentTarget.value)}
          />
          <input
            type="text"
            aria-label={`${kind} ${index + 1} value`}
            placeholder="value"
            value={row.value}
            onInput={(e) => change(index, 'value', e.currentTarget.value)}
          />
          <button
            type="button"
            class="lb-button"
            aria-label={`Remove ${kind.toLowerCase()} ${index + 1}`}
            onClick={() => onChange(rows.filter((_, i) => i !== index))}
          >
            Remove
          </button>
        </div>
      ))}
      <button type="button" class="lb-button" onClick={() => onChange([...rows, { name: '', value: '' }])}>
        Add {kind.toLowerCase()}
      </button>
    </div>
  );
}

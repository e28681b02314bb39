// A table's items as an HTML table, every value as text, with per row the widget's edit
// controls and a Delete that asks once more before it deletes.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { attributeText, type Item } from '../../steps/actions/table-items.ts';

export interface ItemsTableProps {
  /** The region's name for screen readers. */
  label: string;
  items: Item[];
  columns: string[];
  /** Said after the count when the listing stopped early. */
  partial?: string;
  /** How a row is named on its buttons: its key as text. */
  idOf: (item: Item) => string;
  /** The row's edit controls, before Delete. */
  edit: (item: Item, id: string) => ComponentChildren;
  onDelete: (item: Item) => void;
}

export function ItemsTable({ label, items, columns, partial, idOf, edit, onDelete }: ItemsTableProps) {
  const [confirming, setConfirming] = useState<string>();
  const remove = (item: Item) => {
    setConfirming(undefined);
    onDelete(item);
  };
  return (
    <div class="lb-lab__table-wrap" tabIndex={0} role="region" aria-label={label}>
      <table>
        <caption>
          {items.length} {items.length === 1 ? 'item' : 'items'}
          {partial ? ` (${partial})` : ''}
        </caption>
        <thead>
          <tr>
            {columns.map((name) => (
              <th key={name} scope="col">
                {name}
              </th>
            ))}
            <th scope="col">
              <span class="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const id = idOf(item);
            return (
              <tr key={id}>
                {columns.map((name) => (
                  <td key={name}>{attributeText(item[name])}</td>
                ))}
                <td class="lb-lab__row-actions">
                  {edit(item, id)}
                  {confirming === id ? (
                    <button type="button" class="lb-button" aria-label={`Confirm delete ${id}`} onClick={() => remove(item)}>
                      Confirm delete
                    </button>
                  ) : (
                    <button type="button" class="lb-button" aria-label={`Delete ${id}`} onClick={() => setConfirming(id)}>
                      Delete
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

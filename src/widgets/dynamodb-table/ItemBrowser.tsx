// The table's items: scan, add, edit and delete them, shown as a table or as DynamoDB JSON.
// Every value is rendered as text (an item named <img src=x onerror=...> shows as those characters).
import { useEffect, useState } from 'preact/hooks';
import { attributeText, columnsOf, deleteItem, itemsCli, keyOf, putItem, scanItems, type Item } from '../../steps/actions/table-items.ts';
import { StepError } from '../../steps/errors.ts';
import type { Place, StepContext } from '../../steps/model.ts';
import { findTable, keyNamesOf } from '../../steps/resources/dynamodb-table.ts';
import type { Script } from '../../steps/shells.ts';
import { CliCommand } from '../lab-step/CliCommand.tsx';
import { OperationStatus } from '../lab-step/OperationStatus.tsx';
import { RecordedCalls } from '../lab-step/RecordedCalls.tsx';
import { useOperation } from '../lab-step/use-operation.ts';
import { ItemEditor } from './ItemEditor.tsx';
import { ItemsTable } from './ItemsTable.tsx';

export interface ItemBrowserProps {
  tableName: string;
  place: Place | undefined;
  /** Scan when this grows (the table step finished) or, from the start, when the table is known to exist. */
  scanRequest: number;
}

interface Listing {
  items: Item[];
  keyNames: string[];
  truncated: boolean;
}

type View = 'table' | 'json';
type Editing = { original?: Item; text: string };

const NEW_ITEM = JSON.stringify({ thingID: { S: 'lamp' }, colour: { S: 'red' } }, null, 2);

export function ItemBrowser({ tableName, place, scanRequest }: ItemBrowserProps) {
  const { op, run, dismiss } = useOperation();
  const [listing, setListing] = useState<Listing>();
  const [view, setView] = useState<View>('table');
  const [editing, setEditing] = useState<Editing>();
  const [lastCli, setLastCli] = useState<Script>();

  const list = async (ctx: StepContext) => {
    const table = await findTable(ctx, tableName);
    if (!table) throw new StepError('ResourceNotFoundException', `Table ${tableName} does not exist yet: create it above first.`);
    const scanned = await scanItems(ctx, tableName);
    setListing({ ...scanned, keyNames: keyNamesOf(table) });
  };

  const scan = () => {
    if (place) setLastCli(itemsCli.scan(place, tableName));
    return run(list);
  };

  useEffect(() => {
    if (place && scanRequest > 0) void scan();
  }, [scanRequest, place?.targetKey]);

  const save = async (item: Item) => {
    const original = editing?.original;
    const keyNames = listing?.keyNames ?? [];
    const movedFrom = original && JSON.stringify(keyOf(original, keyNames)) !== JSON.stringify(keyOf(item, keyNames)) ? keyOf(original, keyNames) : undefined;
    if (place) setLastCli(itemsCli.put(place, tableName, item));
    const saved = await run(async (ctx) => {
      await putItem(ctx, tableName, item);
      // A changed key makes a new item; the old one goes, as "edit" means.
      if (movedFrom) await deleteItem(ctx, tableName, movedFrom);
      await list(ctx);
      return true;
    });
    if (saved) setEditing(undefined);
  };

  const remove = (item: Item) => {
    const key = keyOf(item, listing?.keyNames ?? []);
    if (place) setLastCli(itemsCli.delete(place, tableName, key));
    void run(async (ctx) => {
      await deleteItem(ctx, tableName, key);
      await list(ctx);
    });
  };

  const columns = listing ? columnsOf(listing.items, listing.keyNames) : [];
  const keyText = (item: Item) => (listing?.keyNames ?? []).map((name) => attributeText(item[name])).join(' / ');
  return (
    <div class="lb-lab lb-items not-content" role="group" aria-label={`Items in ${tableName}`}>
      <p class="lb-lab__subtitle">Items in {tableName}</p>
      <div class="lb-lab__toolbar">
        <button type="button" class="lb-button" aria-disabled={!place || op.running} onClick={() => place && !op.running && void scan()}>
          Scan
        </button>
        <button type="button" class="lb-button" aria-disabled={!listing} onClick={() => listing && setEditing({ text: NEW_ITEM })}>
          Add item
        </button>
        <span role="group" aria-label="Show items as" class="lb-lab__toolbar">
          <button type="button" class="lb-button" aria-pressed={view === 'table'} onClick={() => setView('table')}>
            Table
          </button>
          <button type="button" class="lb-button" aria-pressed={view === 'json'} onClick={() => setView('json')}>
            DynamoDB JSON
          </button>
        </span>
      </div>
      {editing && (
        <ItemEditor
          key={editing.original ? keyText(editing.original) : 'new'}
          initialText={editing.text}
          adding={!editing.original}
          busy={op.running}
          onSave={(item) => void save(item)}
          onInvalid={dismiss}
          onCancel={() => setEditing(undefined)}
        />
      )}
      <OperationStatus op={op} />
      {listing &&
        (view === 'json' ? (
          <pre class="lb-output-text" tabIndex={0}>
            {JSON.stringify(listing.items, null, 2)}
          </pre>
        ) : (
          <ItemsTable
            label={`Items in ${tableName} as a table`}
            items={listing.items}
            columns={columns}
            partial={listing.truncated ? 'the first ones only' : undefined}
            idOf={keyText}
            edit={(item, id) => (
              <button
                type="button"
                class="lb-button"
                aria-label={`Edit ${id}`}
                onClick={() => setEditing({ original: item, text: JSON.stringify(item, null, 2) })}
              >
                Edit
              </button>
            )}
            onDelete={remove}
          />
        ))}
      <CliCommand script={lastCli} />
      <RecordedCalls calls={op.calls} />
    </div>
  );
}

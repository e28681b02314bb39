// The lab's webpage1, rebuilt: the table's items listed through the CRUD API, a form that
// adds one, and per item an edit of one attribute and a delete. Every value is rendered as
// text, so an item named <img src=x onerror=alert(1)> shows as those characters.
import { useEffect, useId, useState } from 'preact/hooks';
import { attributeText, columnsOf, type Item } from '../../steps/actions/table-items.ts';
import { CliCommand } from '../lab-step/CliCommand.tsx';
import { OperationStatus } from '../lab-step/OperationStatus.tsx';
import { TargetNotice } from '../lab-step/TargetNotice.tsx';
import { ApiFinder } from '../lab-step/ApiFinder.tsx';
import { ItemsTable } from '../dynamodb-table/ItemsTable.tsx';
import { baseOf, curlCommand, type RequestDraft, type Row } from '../request-client/http-request.ts';
import { KeyValueRows } from '../request-client/KeyValueRows.tsx';
import { useHttpWork } from '../request-client/use-http-work.ts';
import { useTarget } from '../target-panel/use-target.ts';
import { scanRequest } from '../request-client/crud-requests.ts';
import { changeThenList, editedValue, itemCalls, KEY_NAME, listItems, newItem, type Listing } from './items-api.ts';

export interface ItemsAppProps {
  apiName: string;
  stage: string;
  tableName: string;
}

interface Editing {
  id: string;
  name: string;
  value: string;
  /** Why the value was not sent (not a number for a number attribute). */
  problem?: string;
}

export default function ItemsApp({ apiName, stage, tableName: initialTable }: ItemsAppProps) {
  const id = useId();
  const target = useTarget();
  const { op, run } = useHttpWork();
  const [url, setUrl] = useState('');
  const [tableName, setTableName] = useState(initialTable);
  const [listing, setListing] = useState<Listing>();
  const [thingID, setThingID] = useState('');
  const [attributes, setAttributes] = useState<Row[]>([]);
  const [editing, setEditing] = useState<Editing>();
  const [lastRequest, setLastRequest] = useState<RequestDraft>();
  const ready = target?.status === 'ready' && url !== '';

  const refresh = async (apiUrl = url) => {
    setLastRequest(scanRequest(apiUrl, tableName));
    const listed = await run((send, waiting) => listItems(send, apiUrl, tableName, waiting));
    if (listed) setListing(listed);
  };
  const change = async (request: RequestDraft) => {
    setLastRequest(request);
    const listed = await run((send, waiting) => changeThenList(send, request, url, tableName, waiting));
    if (listed) setListing(listed);
    return listed !== undefined;
  };

  const add = async (event: Event) => {
    event.preventDefault();
    if (!ready || op.running) return;
    if (await change(itemCalls.put(url, tableName, newItem(thingID, attributes)))) {
      setThingID('');
      setAttributes([]);
    }
  };
  const save = async (item: Item) => {
    if (!editing) return;
    const edited = editedValue(item[editing.name], editing.name, editing.value);
    if ('problem' in edited) setEditing({ ...editing, problem: edited.problem });
    else if (await change(itemCalls.update(url, tableName, item, editing.name, edited.value))) setEditing(undefined);
  };
  const remove = (item: Item) => void change(itemCalls.delete(url, tableName, item));

  // The items are listed as soon as the API is known, as the lab's page does on load.
  const [listedFor, setListedFor] = useState<string>();
  useEffect(() => {
    if (ready && listedFor !== url && !op.running) {
      setListedFor(url);
      void refresh();
    }
  }, [ready, url]);

  const columns = listing ? columnsOf(listing.items, [KEY_NAME]) : [];
  const idOf = (item: Item) => attributeText(item[KEY_NAME]);
  // The row opens on one of the item's own attributes, with its current value to change.
  const startEdit = (item: Item, itemId: string) => {
    const name = Object.keys(item).find((key) => key !== KEY_NAME) ?? columns.find((key) => key !== KEY_NAME) ?? 'colour';
    setEditing({ id: itemId, name, value: attributeText(item[name]) });
  };
  return (
    <section class="lb-lab lb-items-app not-content" aria-label="Items app">
      <p class="lb-lab__title">Items app</p>
      <TargetNotice target={target} />
      <ApiFinder apiName={apiName} stage={stage} makeIt="make it in Step 3" currentUrl={baseOf(url)} onFound={setUrl} />
      <div class="lb-lab__fields">
        <div class="lb-lab__field">
          <label for={`${id}-url`}>API URL</label>
          <input id={`${id}-url`} type="text" spellcheck={false} value={url} onChange={(e) => setUrl(e.currentTarget.value)} />
        </div>
        <div class="lb-lab__field">
          <label for={`${id}-table`}>Table name</label>
          <input id={`${id}-table`} type="text" value={tableName} onChange={(e) => setTableName(e.currentTarget.value)} />
        </div>
      </div>
      <div class="lb-lab__toolbar">
        <button type="button" class="lb-button" aria-disabled={!ready || op.running} onClick={() => ready && !op.running && void refresh()}>
          Refresh
        </button>
      </div>

      <form class="lb-items-app__form" aria-labelledby={`${id}-add`} onSubmit={(event) => void add(event)}>
        <p id={`${id}-add`} class="lb-lab__subtitle">
          Add an item
        </p>
        <div class="lb-lab__field">
          <label for={`${id}-thing`}>New item’s thingID</label>
          <input id={`${id}-thing`} type="text" value={thingID} onInput={(e) => setThingID(e.currentTarget.value)} />
        </div>
        <p class="lb-lab__help">Other attributes (optional, stored as strings):</p>
        <KeyValueRows kind="Attribute" rows={attributes} onChange={setAttributes} />
        <button type="submit" class="lb-button lb-button--primary" aria-disabled={!ready || op.running}>
          Add item
        </button>
      </form>

      <OperationStatus op={op} />
      {listing && (
        <ItemsTable
          label={`Items in ${tableName}, through the API`}
          items={listing.items}
          columns={columns}
          partial={listing.more ? 'the first ones only: the scan stopped at 1 MB' : undefined}
          idOf={idOf}
          edit={(item, itemId) =>
            editing?.id === itemId ? (
              <span class="lb-items-app__edit">
                <input
                  type="text"
                  aria-label={`Attribute to change on ${itemId}`}
                  value={editing.name}
                  onInput={(e) => {
                    const name = e.currentTarget.value;
                    setEditing({ ...editing, name, value: attributeText(item[name]), problem: undefined });
                  }}
                />
                <input
                  type="text"
                  aria-label={`New value for ${itemId}`}
                  value={editing.value}
                  aria-invalid={editing.problem !== undefined}
                  aria-describedby={editing.problem && `${id}-edit-problem`}
                  onInput={(e) => setEditing({ ...editing, value: e.currentTarget.value, problem: undefined })}
                />
                <button type="button" class="lb-button" aria-label={`Save ${itemId}`} onClick={() => !op.running && void save(item)}>
                  Save
                </button>
                <button type="button" class="lb-button" onClick={() => setEditing(undefined)}>
                  Cancel
                </button>
                {editing.problem && (
                  <span id={`${id}-edit-problem`} class="lb-items-app__problem" role="alert">
                    {editing.problem}
                  </span>
                )}
              </span>
            ) : (
              <button type="button" class="lb-button" aria-label={`Edit ${itemId}`} onClick={() => startEdit(item, itemId)}>
                Edit
              </button>
            )
          }
          onDelete={remove}
        />
      )}
      <CliCommand summary="The last request with curl" script={lastRequest && curlCommand(lastRequest)} />
    </section>
  );
}

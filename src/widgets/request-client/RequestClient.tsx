// The Request client: what a student would otherwise do with Postman or curl. Method, URL
// (the API's invoke URL once found), query parameters kept in step with the URL, headers,
// a JSON body checked before sending, templates for the lab's four calls; the answer,
// a history of this tab's requests, and the same request as a curl command.
import { useEffect, useId, useState } from 'preact/hooks';
import { CliCommand } from '../lab-step/CliCommand.tsx';
import { OperationStatus } from '../lab-step/OperationStatus.tsx';
import { TargetNotice } from '../lab-step/TargetNotice.tsx';
import type { ApiAnswer } from '../../cloud/api-requests.ts';
import { useTarget } from '../target-panel/use-target.ts';
import { ApiFinder } from '../lab-step/ApiFinder.tsx';
import { requestTemplates } from './crud-requests.ts';
import { baseOf, curlCommand, hasBody, METHODS, paramsOf, sentHeaders, toApiRequest, withParams, type RequestDraft, type Row } from './http-request.ts';
import { describeJsonProblem, jsonProblem } from './json-location.ts';
import { KeyValueRows } from './KeyValueRows.tsx';
import { addToHistory, loadDraft, loadHistory, saveDraft, saveHistory, type HistoryEntry } from './request-history.ts';
import { ResponseView } from './ResponseView.tsx';
import { useHttpWork } from './use-http-work.ts';

export interface RequestClientProps {
  apiName: string;
  stage: string;
  tableName: string;
}

const EMPTY: RequestDraft = { method: 'GET', url: '', headers: [], body: '' };

export default function RequestClient({ apiName, stage, tableName: initialTable }: RequestClientProps) {
  const id = useId();
  const target = useTarget();
  const { op, run, cancel, dismiss } = useHttpWork();
  const [draft, setDraft] = useState<RequestDraft>(EMPTY);
  // Rows apart from the URL, so a row being typed (no name yet) is not lost. The first
  // request is the scan that lists the table: a bare GET is a 400 from the lab's function.
  const [params, setParams] = useState<Row[]>(() => [{ name: 'TableName', value: initialTable }]);
  const [tableName, setTableName] = useState(initialTable);
  const [answer, setAnswer] = useState<ApiAnswer>();
  const [brokenJson, setBrokenJson] = useState<string>();
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  // The request being written comes back after a reload; saved from the first change after that.
  const [draftLoaded, setDraftLoaded] = useState(false);
  useEffect(() => {
    setHistory(loadHistory());
    const saved = loadDraft(location.pathname);
    if (saved) restore(saved);
    setDraftLoaded(true);
  }, []);
  useEffect(() => {
    if (draftLoaded) saveDraft(location.pathname, draft);
  }, [draft, draftLoaded]);

  const update = (change: Partial<RequestDraft>) => setDraft((now) => ({ ...now, ...change }));
  const setUrl = (url: string) => {
    update({ url });
    setParams(paramsOf(url));
  };
  const setParamRows = (rows: Row[]) => {
    setParams(rows);
    update({ url: withParams(draft.url, rows) });
  };
  const restore = (next: RequestDraft) => {
    setDraft(next);
    setParams(paramsOf(next.url));
    setBrokenJson(undefined);
  };
  const onFound = (invokeUrl: string) => setUrl(withParams(invokeUrl, params));

  const send = async (checkJson = true) => {
    const request = toApiRequest(draft);
    const problem = checkJson && request.body !== undefined ? jsonProblem(request.body) : undefined;
    setBrokenJson(problem && describeJsonProblem(problem));
    // What shows now is the previous request's outcome: gone, whether this one is sent or refused.
    setAnswer(undefined);
    dismiss();
    if (problem) return;
    const sent = draft;
    const got = await run((sendRequest) => sendRequest(request));
    if (got) setAnswer(got);
    const next = addToHistory(history, { draft: sent, outcome: got ? `${got.status}` : 'no answer', sentAt: Date.now() });
    setHistory(next);
    saveHistory(next);
  };

  const ready = target?.status === 'ready';
  const bodyAllowed = hasBody(draft.method);
  const templates = requestTemplates(baseOf(draft.url), tableName);
  return (
    <section class="lb-lab lb-http not-content" aria-label="Request client">
      <p class="lb-lab__title">Request client</p>
      <TargetNotice target={target} />
      <ApiFinder apiName={apiName} stage={stage} makeIt="make it in Step 3" currentUrl={baseOf(draft.url)} onFound={onFound} />

      <div class="lb-lab__toolbar lb-http__templates" role="group" aria-label="Templates for the lab’s calls">
        <span class="lb-lab__field">
          <label for={`${id}-table`}>Table name</label>
          <input id={`${id}-table`} type="text" value={tableName} onInput={(e) => setTableName(e.currentTarget.value)} />
        </span>
        {templates.map((template) => (
          <button key={template.name} type="button" class="lb-button" onClick={() => restore(template.draft)}>
            {template.name}
          </button>
        ))}
      </div>

      <form
        class="lb-http__line"
        aria-label="Request"
        onSubmit={(e) => {
          e.preventDefault();
          if (ready && draft.url !== '' && !op.running) void send();
        }}
      >
        <label class="sr-only" for={`${id}-method`}>
          Method
        </label>
        <select id={`${id}-method`} value={draft.method} onChange={(e) => update({ method: e.currentTarget.value })}>
          {METHODS.map((method) => (
            <option key={method} value={method}>
              {method}
            </option>
          ))}
        </select>
        <label class="sr-only" for={`${id}-url`}>
          URL
        </label>
        <input
          id={`${id}-url`}
          class="lb-http__url"
          type="text"
          spellcheck={false}
          placeholder="https://abcde12345.execute-api.us-east-1.amazonaws.com/prod/"
          value={draft.url}
          onInput={(e) => setUrl(e.currentTarget.value)}
        />
        {op.running ? (
          <button
            type="button"
            class="lb-button"
            onClick={(e) => {
              // The answer's rejection re-renders this button as Send before the click's default action: keep it from submitting.
              e.preventDefault();
              cancel();
            }}
          >
            Cancel
          </button>
        ) : (
          <button type="submit" class="lb-button lb-button--primary" aria-disabled={!ready || draft.url === ''}>
            Send
          </button>
        )}
      </form>

      <details open={params.length > 0}>
        <summary>Query parameters ({params.filter((row) => row.name !== '').length})</summary>
        <KeyValueRows kind="Parameter" rows={params} onChange={setParamRows} />
      </details>
      <details open={draft.headers.length > 0}>
        <summary>Headers ({sentHeaders(draft.headers).length})</summary>
        <KeyValueRows kind="Header" rows={draft.headers} onChange={(headers) => update({ headers })} />
        <p class="lb-lab__help">The browser sets some headers itself (Host, Origin, Content-Length) and ignores those.</p>
      </details>

      <label class="lb-lab__label" for={`${id}-body`}>
        Body (JSON)
      </label>
      <textarea
        id={`${id}-body`}
        rows={10}
        spellcheck={false}
        value={draft.body}
        aria-describedby={`${id}-body-help`}
        onInput={(e) => {
          update({ body: e.currentTarget.value });
          setBrokenJson(undefined);
        }}
      />
      <p id={`${id}-body-help`} class="lb-lab__help">
        {bodyAllowed ? 'Sent as it is; checked as JSON first.' : `A ${draft.method} request carries no body: this one is not sent.`}
      </p>
      {brokenJson && (
        <div class="lb-lab__failure" role="alert">
          <p>
            <strong>The body is not JSON.</strong>
          </p>
          <pre class="lb-output-text lb-http__json-problem">{brokenJson}</pre>
          <button type="button" class="lb-button" onClick={() => void send(false)}>
            Send anyway
          </button>
        </div>
      )}

      <OperationStatus op={op} />
      {answer && <ResponseView answer={answer} />}
      <CliCommand summary="The same with curl" script={draft.url ? curlCommand(draft) : undefined} />

      {history.length > 0 && (
        <details class="lb-http__history">
          <summary>History ({history.length})</summary>
          <ol>
            {history.map((entry) => (
              <li key={entry.sentAt}>
                <button type="button" class="lb-button lb-http__history-entry" onClick={() => restore(entry.draft)}>
                  {entry.draft.method} {entry.draft.url} → {entry.outcome}
                </button>
              </li>
            ))}
          </ol>
          <button
            type="button"
            class="lb-button"
            onClick={() => {
              setHistory([]);
              saveHistory([]);
            }}
          >
            Clear history
          </button>
        </details>
      )}
    </section>
  );
}

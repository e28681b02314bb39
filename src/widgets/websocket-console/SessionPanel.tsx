// One session in the console: its URL, Connect and Disconnect (with an optional close
// code and reason), a message box (text or JSON, with the lab's hello! as a template, and
// the student's draft kept on this device) and the timeline. The status line says what the connection is doing, for screen readers too.
import { useEffect, useId, useState } from 'preact/hooks';
import { serverInfo } from '../../cloud/server-info.ts';
import { $target } from '../../cloud/target-state.ts';
import { keepText, loadKeptText } from '../shared/kept-text.ts';
import { closeCodeMeaning, closeRequest } from './close-codes.ts';
import { checkJson, type JsonCheck } from './json-check.ts';
import { Timeline } from './Timeline.tsx';
import { byteSize, utf8Bytes } from './timeline.ts';
import { useWebSocketSession, type WebSocketSession } from './use-websocket-session.ts';
import { reachProblem, websocketUrlProblem } from './websocket-address.ts';

/** A URL the console found for the API, offered to the session; `overwrite` when the student asked for it. */
export interface SuggestedUrl {
  url: string;
  overwrite: boolean;
  /** Changes with every suggestion, so the same URL found again is offered again. */
  seq: number;
}

export interface SessionPanelProps {
  name: string;
  suggested: SuggestedUrl | undefined;
  /** The lab's first message, offered as a template. */
  template: string;
  onRemove: () => void;
}

type Format = 'text' | 'json';

/** API Gateway closes a connection whose frame is over 32 KB (browsers send a message as one frame). */
const FRAME_LIMIT_BYTES = 32 * 1024;

export function SessionPanel({ name, suggested, template, onRemove }: SessionPanelProps) {
  const id = useId();
  const session = useWebSocketSession();
  const [url, setUrl] = useState(suggested?.url ?? '');
  const [urlProblem, setUrlProblem] = useState<string>();
  const [message, setMessage] = useState(template);
  const [format, setFormat] = useState<Format>('text');
  const [jsonProblem, setJsonProblem] = useState<Extract<JsonCheck, { ok: false }>>();
  const [closeCode, setCloseCode] = useState('');
  const [closeReason, setCloseReason] = useState('');
  const [closeProblem, setCloseProblem] = useState<string>();
  const connected = session.state === 'open';
  const busy = session.state === 'connecting' || session.state === 'open' || session.state === 'closing';

  useEffect(() => {
    if (suggested && !busy && (suggested.overwrite || url.trim() === '')) setUrl(suggested.url);
  }, [suggested?.seq]);

  // The message being written comes back after a reload; kept from the first change after that.
  const [draftLoaded, setDraftLoaded] = useState(false);
  const draftKey = () => `labbook:websocket-console:draft:${location.pathname}:${name}`;
  useEffect(() => {
    const saved = loadKeptText(draftKey());
    if (saved !== undefined) setMessage(saved);
    setDraftLoaded(true);
  }, []);
  useEffect(() => {
    if (draftLoaded) keepText(draftKey(), message, template);
  }, [message, draftLoaded]);

  const connect = async () => {
    if (busy) return;
    const problem = websocketUrlProblem(url) ?? reachProblem(url, $target.get().kind, (await serverInfo()).sandbox?.endpoint);
    setUrlProblem(problem);
    if (!problem) void session.connect(url.trim());
  };
  const send = () => {
    if (!connected) return;
    if (format === 'json') {
      const check = checkJson(message);
      if (!check.ok) return setJsonProblem(check);
    }
    setJsonProblem(undefined);
    session.send(message);
  };
  const disconnect = () => {
    if (session.state !== 'open' && session.state !== 'connecting') return;
    const request = closeRequest(closeCode, closeReason);
    if ('problem' in request) return setCloseProblem(request.problem);
    setCloseProblem(undefined);
    session.close(request.code, request.reason);
  };
  const editMessage = (text: string) => {
    setMessage(text);
    // Once a problem is shown, it follows the edits, so the student sees when it is fixed.
    if (jsonProblem) {
      const check = checkJson(text);
      setJsonProblem(check.ok ? undefined : check);
    }
  };
  const chooseFormat = (chosen: Format) => {
    setFormat(chosen);
    // Text is sent as it is: a JSON problem no longer applies.
    if (chosen === 'text') setJsonProblem(undefined);
  };
  const applyTemplate = () => {
    chooseFormat('text');
    setMessage(template);
  };
  const draftBytes = utf8Bytes(message);

  return (
    <section class="lb-wsc__session" aria-labelledby={`${id}-name`}>
      <div class="lb-wsc__session-head">
        <p class="lb-lab__subtitle" id={`${id}-name`}>
          {name}
        </p>
        <button type="button" class="lb-button" onClick={onRemove}>
          Remove {name.toLowerCase()}
        </button>
      </div>
      <p class="lb-lab__status" role="status" data-tone={connected ? 'success' : 'neutral'}>
        {statusText(session)}
      </p>

      <div class="lb-lab__field">
        <label for={`${id}-url`}>WebSocket URL</label>
        <input
          id={`${id}-url`}
          type="text"
          value={url}
          spellcheck={false}
          autocomplete="off"
          aria-describedby={urlProblem ? `${id}-url-problem` : undefined}
          onInput={(e) => setUrl(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Enter' && void connect()}
        />
      </div>
      {urlProblem && (
        <p class="lb-lab__failure" role="alert" id={`${id}-url-problem`}>
          {urlProblem}
        </p>
      )}
      <div class="lb-lab__toolbar">
        <button type="button" class="lb-button lb-button--primary" aria-disabled={busy} onClick={() => void connect()}>
          Connect
        </button>
        <button type="button" class="lb-button" aria-disabled={!busy || session.state === 'closing'} onClick={disconnect}>
          Disconnect
        </button>
      </div>
      <details class="lb-wsc__close">
        <summary>Close code and reason</summary>
        <div class="lb-lab__fields">
          <div class="lb-lab__field">
            <label for={`${id}-code`}>Close code (optional)</label>
            <input
              id={`${id}-code`}
              type="text"
              inputMode="numeric"
              value={closeCode}
              placeholder="1000"
              onInput={(e) => setCloseCode(e.currentTarget.value)}
            />
            {/^\d+$/.test(closeCode.trim()) && <span class="lb-lab__help">{closeCodeMeaning(Number(closeCode))}</span>}
          </div>
          <div class="lb-lab__field">
            <label for={`${id}-reason`}>Close reason (optional)</label>
            <input id={`${id}-reason`} type="text" value={closeReason} onInput={(e) => setCloseReason(e.currentTarget.value)} />
          </div>
        </div>
      </details>
      {closeProblem && (
        <p class="lb-lab__failure" role="alert">
          {closeProblem}
        </p>
      )}

      <div class="lb-lab__toolbar" role="group" aria-label={`Message format, ${name.toLowerCase()}`}>
        <button type="button" class="lb-button" aria-pressed={format === 'text'} onClick={() => chooseFormat('text')}>
          Text
        </button>
        <button type="button" class="lb-button" aria-pressed={format === 'json'} onClick={() => chooseFormat('json')}>
          JSON
        </button>
        <button type="button" class="lb-button" onClick={applyTemplate}>
          Template: {template}
        </button>
      </div>
      <label class="lb-lab__label" for={`${id}-message`}>
        Message
      </label>
      <textarea
        id={`${id}-message`}
        class="lb-wsc__message"
        value={message}
        rows={3}
        spellcheck={false}
        aria-describedby={`${id}-message-help`}
        onInput={(e) => editMessage(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            send();
          }
        }}
      />
      <p class="lb-lab__help" id={`${id}-message-help`}>
        {byteSize(draftBytes)}
        {draftBytes > FRAME_LIMIT_BYTES ? ' — over API Gateway’s 32 KB frame limit: it will close the connection with 1009.' : ''} · Ctrl+Enter sends.
      </p>
      {jsonProblem && (
        <div class="lb-lab__failure" role="alert">
          <p>{jsonProblem.message}</p>
          <pre class="lb-wsc__content">{jsonProblem.excerpt}</pre>
        </div>
      )}
      <div class="lb-lab__toolbar">
        <button type="button" class="lb-button lb-button--primary" aria-disabled={!connected} onClick={send}>
          Send
        </button>
        <button type="button" class="lb-button" aria-disabled={session.entries.length === 0} onClick={session.clear}>
          Clear timeline
        </button>
      </div>

      <Timeline entries={session.entries} startedAt={session.startedAt} label={`${name} timeline`} />
    </section>
  );
}

function statusText(session: WebSocketSession): string {
  switch (session.state) {
    case 'idle':
      return 'Not connected.';
    case 'connecting':
      return `Connecting to ${session.url}…`;
    case 'open':
      return `Connected to ${session.url}.`;
    case 'closing':
      return 'Closing…';
    case 'closed': {
      const close = session.lastClose;
      return close ? `Closed: ${close.code}${close.reason ? ` “${close.reason}”` : ''}.` : 'Closed.';
    }
  }
}

// One WebSocket session, as wscat holds one: connect (through labbook's relay when the
// target is AWS), send, close with a code and reason, and the timeline of what happened.
import { useEffect, useRef, useState } from 'preact/hooks';
import { pageAddressFor } from '../../cloud/page-addresses.ts';
import { keepSessionRecord, type SessionRecord } from './session-record.ts';
import { appended, closeEntry, messageEntry, timelineEntry, utf8Bytes, type TimelineEntry } from './timeline.ts';

export type SessionState = 'idle' | 'connecting' | 'open' | 'closing' | 'closed';

export interface WebSocketSession {
  state: SessionState;
  entries: TimelineEntry[];
  /** When the session began (Connect pressed): the timeline's zero. */
  startedAt?: number;
  /** The URL connected to, as the student gave it. */
  url?: string;
  /** The last close, for the status line. */
  lastClose?: TimelineEntry['close'];
  connect: (url: string) => Promise<void>;
  send: (text: string) => void;
  close: (code?: number, reason?: string) => void;
  clear: () => void;
}

/** Said when a handshake fails: a page learns nothing more than that, unlike wscat. */
const HANDSHAKE_FAILED =
  'The connection could not be opened. Browsers do not tell a page why; wscat -c with the same URL shows the HTTP status. ' +
  'Usually the $connect function refused (403, or 502 when it raised an error), the stage or API does not exist, or the URL is mistyped.';

export function useWebSocketSession(): WebSocketSession {
  const [state, setState] = useState<SessionState>('idle');
  const [entries, setEntries] = useState<TimelineEntry[]>([]);
  const [startedAt, setStartedAt] = useState<number>();
  const [url, setUrl] = useState<string>();
  const [lastClose, setLastClose] = useState<TimelineEntry['close']>();
  const socket = useRef<WebSocket>();
  /** From Connect until the socket has closed, including the wait for the relay's address: one socket at a time. */
  const inUse = useRef(false);
  const gone = useRef(false);
  const add = (entry: TimelineEntry) => setEntries((now) => appended(now, entry));
  // The session as the lab report summarises it, kept on this device as it goes.
  const record = useRef<SessionRecord>();
  const noteInRecord = (change: (now: SessionRecord) => Partial<SessionRecord>) => {
    if (!record.current) return;
    record.current = { ...record.current, ...change(record.current) };
    keepSessionRecord(record.current);
  };

  // Leaving the page (or removing the session) ends the connection, as closing wscat does.
  useEffect(
    () => () => {
      gone.current = true;
      socket.current?.close(1000);
    },
    [],
  );

  async function connect(given: string): Promise<void> {
    if (inUse.current) return;
    inUse.current = true;
    setState('connecting');
    setUrl(given);
    setLastClose(undefined);
    setStartedAt(Date.now());
    setEntries([]);
    record.current = { url: given, startedAt: new Date().toISOString(), sent: 0, received: 0 };
    keepSessionRecord(record.current);
    const address = await pageAddressFor(given);
    if (gone.current) return;
    add(timelineEntry('system', address === given ? `Connecting to ${given}` : `Connecting to ${given} through labbook’s relay (${address})`));
    let opened: WebSocket;
    try {
      opened = new WebSocket(address);
    } catch (error) {
      // A URL the browser will not even try (a bad port, say) throws rather than closing.
      add(timelineEntry('system', `The browser would not connect: ${(error as Error).message}`));
      noteInRecord(() => ({ closedAt: new Date().toISOString() }));
      setState('closed');
      inUse.current = false;
      return;
    }
    opened.binaryType = 'arraybuffer';
    socket.current = opened;
    let wasOpen = false;
    opened.onopen = () => {
      wasOpen = true;
      noteInRecord(() => ({ connectedAt: new Date().toISOString() }));
      setState('open');
      add(timelineEntry('system', opened.protocol ? `Connected (subprotocol ${opened.protocol})` : 'Connected'));
    };
    opened.onmessage = (event: MessageEvent<string | ArrayBuffer>) => {
      add(messageEntry('received', event.data));
      noteInRecord((now) => ({ received: now.received + 1 }));
    };
    opened.onclose = (event) => {
      socket.current = undefined;
      inUse.current = false;
      setState('closed');
      setLastClose({ code: event.code, reason: event.reason, wasClean: event.wasClean });
      noteInRecord(() => ({ closedAt: new Date().toISOString(), closeCode: event.code }));
      if (!wasOpen) add(timelineEntry('system', HANDSHAKE_FAILED));
      add(closeEntry(event.code, event.reason, event.wasClean));
    };
  }

  function send(text: string): void {
    if (socket.current?.readyState !== WebSocket.OPEN) return;
    socket.current.send(text);
    add(messageEntry('sent', text));
    noteInRecord((now) => ({ sent: now.sent + 1 }));
  }

  function close(code?: number, reason?: string): void {
    const open = socket.current;
    if (!open || open.readyState === WebSocket.CLOSING || open.readyState === WebSocket.CLOSED) return;
    setState('closing');
    const described = code === undefined ? 'no code' : `${code}${reason ? ` “${reason}”` : ''}`;
    add(timelineEntry('sent', `Close frame: ${described}`, { bytes: code === undefined ? 0 : 2 + utf8Bytes(reason ?? '') }));
    open.close(code, reason);
  }

  return { state, entries, startedAt, url, lastClose, connect, send, close, clear: () => setEntries([]) };
}

// The map's WebSocket: connect, say hello!, hand every message on, and reconnect when the
// connection closes without the student asking (API Gateway closes idle connections after
// 10 minutes and every connection after 2 hours). A connection that never opens is tried
// a few times, further apart each time, then given up.
import { useEffect, useRef, useState } from 'preact/hooks';
import { pageAddressFor } from '../../cloud/page-addresses.ts';

export const HELLO = 'hello!';
const RETRY_DELAYS_MS = [1_000, 2_000, 4_000, 8_000, 16_000];

export interface CloseInfo {
  code: number;
  reason: string;
}

export type SocketState =
  | { phase: 'idle'; closed?: CloseInfo }
  | { phase: 'connecting' }
  | { phase: 'open' }
  | { phase: 'retrying'; inSeconds: number; closed: CloseInfo }
  | { phase: 'failed'; closed: CloseInfo };

const decoder = new TextDecoder();

export function useMapSocket(onMessage: (data: string) => void) {
  const [state, setState] = useState<SocketState>({ phase: 'idle' });
  const socket = useRef<WebSocket>();
  const wanted = useRef<string>();
  const failures = useRef(0);
  const retryTimer = useRef<ReturnType<typeof setTimeout>>();
  const handler = useRef(onMessage);
  handler.current = onMessage;

  const open = async (url: string) => {
    setState({ phase: 'connecting' });
    let ws: WebSocket;
    try {
      const address = await pageAddressFor(url);
      if (wanted.current !== url) return;
      ws = new WebSocket(address);
    } catch (error) {
      // A malformed URL: nothing to retry.
      wanted.current = undefined;
      setState({ phase: 'failed', closed: { code: 0, reason: (error as Error).message } });
      return;
    }
    ws.binaryType = 'arraybuffer';
    socket.current = ws;
    ws.onopen = () => {
      failures.current = 0;
      ws.send(HELLO);
      setState({ phase: 'open' });
    };
    ws.onmessage = (event) => handler.current(typeof event.data === 'string' ? event.data : decoder.decode(event.data as ArrayBuffer));
    ws.onclose = (event) => {
      if (socket.current !== ws) return;
      socket.current = undefined;
      const closed = { code: event.code, reason: event.reason };
      const delay = RETRY_DELAYS_MS[failures.current];
      if (delay === undefined) {
        wanted.current = undefined;
        return setState({ phase: 'failed', closed });
      }
      failures.current += 1;
      setState({ phase: 'retrying', inSeconds: delay / 1000, closed });
      retryTimer.current = setTimeout(() => wanted.current === url && void open(url), delay);
    };
  };

  const disconnect = () => {
    wanted.current = undefined;
    clearTimeout(retryTimer.current);
    const ws = socket.current;
    // Forgotten first, so its close event is not taken for a dropped connection.
    socket.current = undefined;
    ws?.close(1000, 'Disconnect pressed');
    setState(ws ? { phase: 'idle', closed: { code: 1000, reason: 'Disconnect pressed' } } : { phase: 'idle' });
  };

  const connect = (url: string) => {
    disconnect();
    wanted.current = url;
    failures.current = 0;
    void open(url);
  };

  useEffect(() => disconnect, []);

  return { state, connect, disconnect };
}

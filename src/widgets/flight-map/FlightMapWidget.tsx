// Flight map: Task 8.2's browser client. It connects to the WebSocket API (its URL found
// by the API's name, or pasted), says hello!, draws the area `init` describes, and moves
// each aircraft as batches of positions arrive; a table says the same in words.
import { useEffect, useId, useState } from 'preact/hooks';
import { ApiFinder } from '../lab-step/ApiFinder.tsx';
import { AircraftTable } from './AircraftTable.tsx';
import { DROP_AFTER_MS, STALE_AFTER_MS, withPositions, withoutGone, type Traffic } from './air-traffic.ts';
import { keepLastMap } from './last-map.ts';
import { AircraftShape, MapDrawing } from './MapDrawing.tsx';
import { parseMapMessage, type MapInit } from './map-messages.ts';
import { HELLO, useMapSocket, type CloseInfo, type SocketState } from './use-map-socket.ts';
import { clockTime } from '../shared/clock-time.ts';

const closeText = ({ code, reason }: CloseInfo) => (code ? `close code ${code}${reason ? `, “${reason}”` : ''}` : reason);

function connectionText(state: SocketState, init: MapInit | undefined): string {
  switch (state.phase) {
    case 'idle':
      return state.closed ? `Disconnected (${closeText(state.closed)}).` : 'Not connected.';
    case 'connecting':
      return 'Connecting…';
    case 'open':
      return init ? `Connected: the map shows ${init.airport || 'the area'} and moves with each batch.` : `Connected: sent ${HELLO}, waiting for init.`;
    case 'retrying':
      return `The connection closed (${closeText(state.closed)}). Reconnecting in ${state.inSeconds} s…`;
    case 'failed':
      return `Could not connect (${closeText(state.closed)}). Check the URL and that the stage is deployed; a refused connection means $connect failed: read WsConnect’s log.`;
  }
}

function Legend() {
  const item = (shape: preact.ComponentChild, text: string, stale = false) => (
    <li>
      <svg viewBox="-12 -12 24 24" width="20" height="20" aria-hidden="true">
        <g class="lb-map__aircraft" data-stale={stale ? 'true' : undefined}>
          {shape}
        </g>
      </svg>
      {text}
    </li>
  );
  return (
    <ul class="lb-map__legend" aria-label="Legend">
      {item(<AircraftShape status="flying" track={45} />, 'Flying: an arrow pointing where it is going')}
      {item(<AircraftShape status="landed" />, 'Landed: a square')}
      {item(<AircraftShape status="flying" />, `Faded: no report for ${STALE_AFTER_MS / 1000} s (gone after ${DROP_AFTER_MS / 1000} s)`, true)}
    </ul>
  );
}

export default function FlightMapWidget({ apiName, stage }: { apiName: string; stage: string }) {
  const urlId = useId();
  const [url, setUrl] = useState('');
  const [init, setInit] = useState<MapInit>();
  const [traffic, setTraffic] = useState<Traffic>(new Map());
  const [lastUpdate, setLastUpdate] = useState<number>();
  const [note, setNote] = useState<string>();
  const [now, setNow] = useState(() => Date.now());

  const { state, connect, disconnect } = useMapSocket((data) => {
    const message = parseMapMessage(data);
    const at = Date.now();
    if (message.type === 'init') {
      setInit(message);
      setNote(undefined);
    } else if (message.type === 'positions') {
      setTraffic((before) => withPositions(before, message.aircraft, at));
      setLastUpdate(at);
      setNow(at);
      setNote(
        message.skipped > 0 ? `${message.skipped} entries of the last batch were not aircraft (no registration or position) and were left out.` : undefined,
      );
    } else if (message.type === 'error') {
      setNote(`The API answered with an error: ${message.message}`);
    } else {
      setNote(`An unexpected message: ${message.text.slice(0, 200)}`);
    }
  });

  // Fade and drop aircraft no batch mentions any more.
  const tracking = traffic.size > 0;
  useEffect(() => {
    if (!tracking) return;
    const timer = setInterval(() => {
      const at = Date.now();
      setNow(at);
      setTraffic((before) => withoutGone(before, at));
    }, 1_000);
    return () => clearInterval(timer);
  }, [tracking]);

  // Each batch drawn is the lab report's picture of the map, should the student make one.
  useEffect(() => {
    if (init && lastUpdate) keepLastMap(init, [...traffic.values()], lastUpdate);
  }, [init, lastUpdate]);

  const start = () => {
    setInit(undefined);
    setTraffic(new Map());
    setLastUpdate(undefined);
    setNote(undefined);
    connect(url.trim());
  };
  const connected = state.phase !== 'idle' && state.phase !== 'failed';
  const aircraft = [...traffic.values()].sort((a, b) => a.registration.localeCompare(b.registration));
  const landed = aircraft.filter((a) => a.status === 'landed').length;

  return (
    <section class="lb-lab lb-map not-content" aria-label="Flight map">
      <p class="lb-lab__title">Flight map</p>
      <ApiFinder apiName={apiName} stage={stage} makeIt="Step 3 makes it" currentUrl={url} onFound={setUrl} />
      <div class="lb-lab__field">
        <label for={urlId}>WebSocket URL</label>
        <input id={urlId} type="text" value={url} spellcheck={false} placeholder="wss://…/prod" onInput={(e) => setUrl(e.currentTarget.value)} />
      </div>
      <div class="lb-lab__toolbar">
        <button type="button" class="lb-button lb-button--primary" aria-disabled={!url.trim()} onClick={() => url.trim() && start()}>
          {connected ? 'Reconnect' : 'Connect'}
        </button>
        <button type="button" class="lb-button" aria-disabled={!connected} onClick={disconnect}>
          Disconnect
        </button>
      </div>
      <p class="lb-lab__status lb-map__connection" role="status">
        {connectionText(state, init)}
      </p>
      {note && <p class="lb-lab__notice">{note}</p>}
      <p class="lb-map__counts">
        {aircraft.length} aircraft ({aircraft.length - landed} flying, {landed} landed) · last update {lastUpdate ? clockTime(lastUpdate) : 'none yet'}
      </p>
      {init ? (
        <MapDrawing init={init} aircraft={aircraft} now={now} />
      ) : (
        <p class="lb-map__placeholder">The map is drawn when the API answers {HELLO} with init: its airport and bounds.</p>
      )}
      <Legend />
      <AircraftTable aircraft={aircraft} now={now} />
    </section>
  );
}

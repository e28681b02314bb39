// What Task 8.2's checks try with a real WebSocket, as the map does: connect to the stage,
// send hello!, expect init; and with the stream, put an aircraft on it and expect it back
// in a positions message. Each trial becomes findings; a failure says where it stopped.
import { KinesisClient, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { findInvokeUrl } from '../actions/api-address.ts';
import { scanItems } from '../actions/table-items.ts';
import { stillNotAnswering, untilSettled } from '../actions/settling-api.ts';
import { openProbeSocket, type ProbeSocket } from '../actions/websocket-probe.ts';
import { send } from '../calls.ts';
import type { Finding, StepContext } from '../model.ts';
import { hasName, sleep } from '../waiting.ts';
import type { Task82Names } from './names.ts';

/** What the lab's map sends first, and what WsDefault answers it with. */
export const HELLO = 'hello!';
const OPEN_MS = 15_000;
const ANSWER_MS = 15_000;
const TABLE_CHANGE_MS = 10_000;
/** Lambda polls a shard about once a second; a cold FlightFanout adds a few more. */
const STREAM_DELIVERY_MS = 30_000;

interface Message {
  type?: string;
  aircraft?: Array<{ registration?: string }>;
}

function parsed(text: string): Message | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

const connectionIds = async (ctx: StepContext, tableName: string) =>
  new Set((await scanItems(ctx, tableName)).items.map((item) => item.connectionid?.S).filter((id): id is string => id !== undefined));

/** Reads until `done` holds or the time is up; the last value read either way. */
async function eventually<T>(ctx: StepContext, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(300, ctx.signal);
  }
}

const failed = (label: string, error: unknown): Finding => ({ label, ok: false, detail: (error as Error).message });
const notTried = (label: string, why: string): Finding => ({ label, ok: false, detail: `Not tried: ${why}` });

/** Connects and sends hello!; the socket with init received, or the findings that say why not. */
async function connectAndGreet(ctx: StepContext, names: Task82Names, findings: Finding[]): Promise<ProbeSocket | undefined> {
  const connectLabel = `A WebSocket client can connect to stage ${names.stageName} of ${names.apiName}`;
  const url = await findInvokeUrl(ctx, names.apiName, names.stageName);
  if (!url) {
    findings.push({ label: connectLabel, ok: false, detail: `There is no API named ${names.apiName} in ${ctx.region}.` });
    return undefined;
  }
  const opened = await untilSettled(ctx, {
    call: () =>
      openProbeSocket(ctx, url, OPEN_MS).then(
        (socket) => ({ socket }),
        (error: unknown) => ({ error }),
      ),
    notYet: (tried) => ('error' in tried && hasName('WebSocketRefused')(tried.error) ? 'API Gateway refused the handshake' : undefined),
    waitingFor: `${names.apiName}’s deployment to stage ${names.stageName}, and its functions’ permissions, to take effect`,
    doneText: `Connected to ${names.apiName}`,
  });
  if ('error' in opened) {
    const refused = hasName('WebSocketRefused')(opened.error);
    findings.push(
      refused
        ? { label: connectLabel, ok: false, detail: `${(opened.error as Error).message} ${stillNotAnswering(url, 'refused the connection')}.` }
        : failed(connectLabel, opened.error),
    );
    return undefined;
  }
  const { socket } = opened;
  findings.push({ label: connectLabel, ok: true, detail: `Connected to ${url}.` });
  const initLabel = `${HELLO} is answered with an init message`;
  socket.send(HELLO);
  try {
    const init = await socket.next((text) => parsed(text)?.type === 'init', ANSWER_MS, `an init message after ${HELLO}`);
    findings.push({ label: initLabel, ok: true, detail: `Received ${init.length > 120 ? `${init.slice(0, 120)}…` : init}` });
    return socket;
  } catch (error) {
    const others = socket.received.length > 0 ? ` Received instead: ${socket.received.join(' | ')}` : '';
    findings.push({ label: initLabel, ok: false, detail: `${(error as Error).message}${others}` });
    await socket.close();
    return undefined;
  }
}

/** Connect, hello! → init, the connection's row appears in the table while open and goes after close. */
export async function roundTripFindings(ctx: StepContext, names: Task82Names): Promise<Finding[]> {
  const storedLabel = `$connect stores the connection in ${names.tableName}`;
  const removedLabel = `$disconnect removes it from ${names.tableName} after close`;
  const before = await connectionIds(ctx, names.tableName);
  const findings: Finding[] = [];
  const socket = await connectAndGreet(ctx, names, findings);
  if (!socket) return [...findings, notTried(storedLabel, 'the client got no init.'), notTried(removedLabel, 'the client got no init.')];

  const during = await eventually(
    ctx,
    () => connectionIds(ctx, names.tableName),
    (ids) => [...ids].some((id) => !before.has(id)),
    TABLE_CHANGE_MS,
  );
  const mine = [...during].filter((id) => !before.has(id));
  findings.push({
    label: storedLabel,
    ok: mine.length > 0,
    detail:
      mine.length > 0 ? `A new item appeared: connectionid ${mine.join(', ')}.` : `No new item appeared in ${names.tableName} while the client was connected.`,
  });
  await socket.close();
  if (mine.length === 0) return [...findings, notTried(removedLabel, 'no item appeared to be removed.')];
  // Another client may have connected meanwhile, so one of the new items going is enough.
  const after = await eventually(
    ctx,
    () => connectionIds(ctx, names.tableName),
    (ids) => mine.some((id) => !ids.has(id)),
    TABLE_CHANGE_MS,
  );
  const gone = mine.filter((id) => !after.has(id));
  findings.push({
    label: removedLabel,
    ok: gone.length > 0,
    detail: gone.length > 0 ? `connectionid ${gone.join(', ')} was removed.` : `The item is still there ${TABLE_CHANGE_MS / 1000} s after the client closed.`,
  });
  return findings;
}

/** A landed aircraft at the airport with a registration of its own, so the check knows it when it comes back. */
function checkAircraft() {
  const letters = Array.from({ length: 3 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join('');
  return { registration: `EC-${letters}`, lat: 41.2974, lon: 2.0833, altitude: 0, origin: 'MAD', destination: 'BCN', status: 'landed' };
}

export const deliveredLabel = (names: Task82Names) => `A record put on ${names.streamName} reaches a connected client`;

/** Connect, hello! → init, then a record put on the stream reaches this client in a positions message. */
export async function deliveryFindings(ctx: StepContext, names: Task82Names): Promise<Finding[]> {
  const findings: Finding[] = [];
  const label = deliveredLabel(names);
  const socket = await connectAndGreet(ctx, names, findings);
  if (!socket) return [...findings, notTried(label, 'the client got no init.')];
  const aircraft = checkAircraft();
  try {
    await send(
      ctx,
      ctx.client(KinesisClient),
      new PutRecordCommand({ StreamName: names.streamName, PartitionKey: aircraft.registration, Data: new TextEncoder().encode(JSON.stringify(aircraft)) }),
    );
    await socket.next(
      (text) => parsed(text)?.type === 'positions' && (parsed(text)?.aircraft ?? []).some((a) => a.registration === aircraft.registration),
      STREAM_DELIVERY_MS,
      `a positions message with ${aircraft.registration}, which was put on ${names.streamName}`,
    );
    findings.push({ label, ok: true, detail: `${aircraft.registration} arrived in a positions message.` });
  } catch (error) {
    findings.push(failed(label, error));
  } finally {
    await socket.close();
  }
  return findings;
}

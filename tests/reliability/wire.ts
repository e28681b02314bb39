// Sending bytes to a sandbox the way a broken client would, with a deadline so
// a request the sandbox never answers fails the test instead of hanging it:
// HTTP requests (signed or not), WebSocket handshakes and raw WebSocket frames.
import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { connect as tcpConnect, type Socket } from 'node:net';
import { signRequest, type SignedRequest } from '../sandbox/harness.ts';

const ANSWER_DEADLINE_MS = 15_000;

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface HttpAsk {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer | string;
}

/** One HTTP/1.1 request on its own connection; rejects if no full answer arrives before the deadline. */
export function ask(url: string, { method, path, headers, body = '' }: HttpAsk): Promise<HttpAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { hostname, port, method, path, agent: false, headers: { 'content-length': String(Buffer.byteLength(body)), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(ANSWER_DEADLINE_MS, () => req.destroy(new Error(`no answer within ${ANSWER_DEADLINE_MS} ms (hang)`)));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Signs as the SDK would. A body given as bytes (too big to hash in pure JS
 * quickly, or not UTF-8) is signed by its SHA-256, which SigV4 allows.
 */
export async function signed(url: string, request: Omit<SignedRequest, 'body'> & { body?: string | Buffer }): Promise<HttpAsk> {
  if (typeof request.body !== 'object') return signRequest(url, request as SignedRequest);
  const bytes = request.body;
  const hash = createHash('sha256').update(bytes).digest('hex');
  const result = await signRequest(url, { ...request, body: undefined, headers: { ...request.headers, 'x-amz-content-sha256': hash } });
  return { ...result, body: bytes };
}

/** A client frame: FIN and opcode, payload masked unless told otherwise; `declaredLength` may lie. */
export function frame(
  opcode: number,
  payload: Buffer,
  { fin = true, rsv = 0, masked = true, declaredLength }: { fin?: boolean; rsv?: number; masked?: boolean; declaredLength?: number } = {},
): Buffer {
  const length = declaredLength ?? payload.length;
  const head: number[] = [(fin ? 0x80 : 0) | (rsv << 4) | opcode];
  const maskBit = masked ? 0x80 : 0;
  if (length < 126) head.push(maskBit | length);
  else if (length < 65_536) head.push(maskBit | 126, length >> 8, length & 0xff);
  else {
    head.push(maskBit | 127);
    const big = Buffer.alloc(8);
    big.writeBigUInt64BE(BigInt(length));
    head.push(...big);
  }
  if (!masked) return Buffer.concat([Buffer.from(head), payload]);
  const mask = randomBytes(4);
  const body = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]));
  return Buffer.concat([Buffer.from(head), mask, body]);
}

export type UpgradeOutcome = { kind: 'refused'; answer: HttpAnswer } | { kind: 'closed'; code: number | undefined };

/** Parses an HTTP answer head and body from raw bytes read off a socket. */
function parseHttp(raw: Buffer): HttpAnswer | undefined {
  const end = raw.indexOf('\r\n\r\n');
  if (end === -1) return undefined;
  const [statusLine, ...lines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: raw.subarray(end + 4).toString('utf8') };
}

/** The status code in the first close frame the server sent, if it sent one before ending the connection. */
function serverCloseCode(frames: Buffer): number | undefined {
  let at = 0;
  while (at + 2 <= frames.length) {
    const opcode = frames[at] & 0x0f;
    let length = frames[at + 1] & 0x7f;
    let start = at + 2;
    if (length === 126) {
      length = frames.readUInt16BE(start);
      start += 2;
    } else if (length === 127) {
      length = Number(frames.readBigUInt64BE(start));
      start += 8;
    }
    if (opcode === 0x8) return length >= 2 ? frames.readUInt16BE(start) : 1005;
    at = start + length;
  }
  return undefined;
}

/**
 * Sends an upgrade request (`head` is its text up to and including the blank
 * line), then, if the server switches protocols, `afterUpgrade` bytes; waits
 * until the server ends the connection and says how: an HTTP refusal, or the
 * close code of the close frame it sent.
 */
export function upgrade(url: string, head: string, afterUpgrade: Buffer[] = []): Promise<UpgradeOutcome> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket: Socket = tcpConnect({ host: hostname, port: Number(port) });
    let received = Buffer.alloc(0);
    let switched = false;
    let answeredClose = false;
    socket.setTimeout(ANSWER_DEADLINE_MS, () => socket.destroy(new Error(`connection still open after ${ANSWER_DEADLINE_MS} ms (hang)`)));
    socket.on('connect', () => socket.write(head));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (switched) {
        // Answer the server's close frame as every client does, so a clean close completes at once.
        const code = serverCloseCode(received);
        if (code !== undefined && !answeredClose) {
          answeredClose = true;
          const payload = Buffer.alloc(2);
          payload.writeUInt16BE(code === 1005 ? 1000 : code);
          socket.end(frame(0x8, payload));
        }
        return;
      }
      const answer = parseHttp(received);
      if (answer?.status === 101) {
        switched = true;
        received = received.subarray(received.indexOf('\r\n\r\n') + 4);
        for (const bytes of afterUpgrade) socket.write(bytes);
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A reset after the server's close frame or refusal is the end of the conversation, not a failure to answer.
      if ((error.code === 'ECONNRESET' || error.code === 'EPIPE') && received.length > 0) return;
      reject(error);
    });
    socket.on('close', () => {
      if (switched) return resolve({ kind: 'closed', code: serverCloseCode(received) });
      const answer = parseHttp(received);
      if (answer) resolve({ kind: 'refused', answer });
      else reject(new Error('connection closed without an answer'));
    });
    // The server ends its side after closing; end ours so the socket closes.
    socket.on('end', () => socket.end());
  });
}

/** What a broken upgrade changes: its method, and headers added, replaced or (undefined) removed. */
interface UpgradeChanges {
  method?: string;
  headers?: Record<string, string | undefined>;
}

/** A well-formed WebSocket upgrade request for `path`, with changes for the broken ones. */
export function upgradeHead(url: string, path: string, { method = 'GET', headers = {} }: UpgradeChanges = {}): string {
  const { host } = new URL(url);
  const all: Record<string, string | undefined> = {
    Host: host,
    Upgrade: 'websocket',
    Connection: 'Upgrade',
    'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
    'Sec-WebSocket-Version': '13',
    ...headers,
  };
  const lines = Object.entries(all)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}: ${value}`);
  return `${method} ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`;
}

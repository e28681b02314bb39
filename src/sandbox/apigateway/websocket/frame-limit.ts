// API Gateway limits each WebSocket frame to 32 KB as well as each message to
// 128 KB. The ws package has one limit, maxPayload, and applies it to a whole
// message (the sum of its frames). The per-frame limit is applied here at the
// point where ws's receiver has read a frame's length and is about to read its
// payload: a data frame longer than the limit fails the connection exactly as
// maxPayload does (close code 1009), before its payload is buffered. ws parses
// the frame; this only looks at the length it found.
import type { WebSocket } from 'ws';

/** The part of ws's Receiver this relies on (ws 8: lib/receiver.js). */
interface ReceiverInternals {
  _opcode: number;
  _payloadLength: number;
  haveLength(cb: (error?: Error) => void): void;
  createError(ErrorCtor: typeof RangeError, message: string, prefix: boolean, statusCode: number, errorCode: string): Error;
}

/** Data frames have opcodes 0 (continuation), 1 (text) and 2 (binary); control frames are 0x8 and up, and ws caps those at 125 bytes itself. */
const FIRST_CONTROL_OPCODE = 0x08;

/** Makes `socket` refuse data frames longer than `frameBytes`; false if this ws version's receiver does not look as expected. */
export function limitFrameSize(socket: WebSocket, frameBytes: number): boolean {
  const receiver = (socket as unknown as { _receiver?: Partial<ReceiverInternals> })._receiver;
  if (!receiver || typeof receiver.haveLength !== 'function' || typeof receiver.createError !== 'function') return false;
  const haveLength = receiver.haveLength;
  receiver.haveLength = function (this: ReceiverInternals, cb) {
    if (this._opcode < FIRST_CONTROL_OPCODE && this._payloadLength > frameBytes) {
      return cb(this.createError(RangeError, 'Max frame size exceeded', false, 1009, 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'));
    }
    return haveLength.call(this, cb);
  };
  return true;
}
